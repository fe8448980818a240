#pragma once
#include "lesson/navigator.h"
#include "ui/fonts.h"

namespace ui {

// What the teacher asked the sidebar for this frame.
struct SidebarRequest {
    enum class Kind { None, Next, Previous, ApplyPreset, OpenLesson, TextBigger, TextSmaller } kind = Kind::None;
    int lesson = -1;  // for OpenLesson
};

// What the sidebar measured last frame, to lay out this one.
struct SidebarState {
    float prompt_height = 0.f;  // the "Try this" boxes, drawn whole
    float footer_height = 0.f;  // Previous / Next and the buttons under them
    ImVec2 next_button{-1, -1}; // where the Next button's middle is (for --log-actions)
};

// The lesson list (broken files shown with their error), the current step's prose, its "Try this"
// prompts kept in view below the prose, and Previous / Next. `key_hint`: a line telling a
// first-time user which key lists the others.
SidebarRequest LessonSidebar(const lesson::Navigator& nav, const Fonts& fonts, SidebarState& state, bool key_hint);

}  // namespace ui
