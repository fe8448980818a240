#include "ui/shortcuts.h"

#include <GLFW/glfw3.h>

namespace ui {

namespace {
constexpr Shortcut kShortcuts[] = {
    {Action::Next, "PageDown  →  ↓", "next step (what a clicker sends)"},
    {Action::Previous, "PageUp  ←  ↑", "previous step"},
    {Action::PlayPause, "Space", "play / pause training"},
    {Action::Step, ".  or  S", "one training step, then pause"},
    {Action::Reset, "R", "reset: fresh random weights"},
    {Action::FullScreen, "F11  or  F", "full screen on / off"},
    {Action::TextBigger, "+", "bigger text"},
    {Action::TextSmaller, "−", "smaller text"},
    {Action::Blank, "B", "blank the screen (again to come back)"},
    {Action::Help, "F1  or  ?", "show / hide this list of keys"},
};
}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }

std::optional<Action> action_for(const KeyEvent& e) {
    if (e.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) return std::nullopt;
    if (e.key != 0) {
        switch (e.key) {
            case GLFW_KEY_PAGE_DOWN:
            case GLFW_KEY_RIGHT:
            case GLFW_KEY_DOWN: return Action::Next;
            case GLFW_KEY_PAGE_UP:
            case GLFW_KEY_LEFT:
            case GLFW_KEY_UP: return Action::Previous;
            case GLFW_KEY_F1: return Action::Help;
            case GLFW_KEY_F11: return Action::FullScreen;
            default: return std::nullopt;
        }
    }
    // Printable keys by the character they type, so that '?' and '+' work on any keyboard layout.
    switch (e.character) {
        case ' ': return Action::PlayPause;
        case '.':
        case 's':
        case 'S': return Action::Step;
        case 'r':
        case 'R': return Action::Reset;
        case 'f':
        case 'F': return Action::FullScreen;
        case '?': return Action::Help;
        case '+':
        case '=': return Action::TextBigger;  // '+' without Shift on most keyboards
        case '-':
        case '_': return Action::TextSmaller;
        case 'b':
        case 'B': return Action::Blank;
        default: return std::nullopt;
    }
}

const char* action_name(Action a) {
    switch (a) {
        case Action::Next: return "next";
        case Action::Previous: return "previous";
        case Action::PlayPause: return "play-pause";
        case Action::Step: return "step";
        case Action::Reset: return "reset";
        case Action::FullScreen: return "full-screen";
        case Action::Help: return "help";
        case Action::TextBigger: return "text-bigger";
        case Action::TextSmaller: return "text-smaller";
        case Action::Blank: return "blank";
    }
    return "?";
}

}  // namespace ui
