#pragma once
// The presenter's keys: one table that both the key handling and the help overlay read, so the
// overlay lists exactly the keys that work.
#include <optional>
#include <span>

#include "ui/input_queue.h"

namespace ui {

enum class Action {
    Next,          // next step
    Previous,      // previous step
    PlayPause,
    Step,          // one training step, then pause
    Reset,
    FullScreen,    // toggle
    Help,          // toggle the overlay listing these keys
    TextBigger,
    TextSmaller,
    Blank,         // toggle a black screen
};

struct Shortcut {
    Action action;
    const char* keys;   // as the overlay shows them
    const char* what;   // what they do
};

// Every shortcut, in the order the help overlay lists them.
std::span<const Shortcut> shortcuts();

// The action a key press or typed character triggers, if any. Keys with Ctrl or Alt held are left
// to the rest of the interface.
std::optional<Action> action_for(const KeyEvent& e);

const char* action_name(Action a);

}  // namespace ui
