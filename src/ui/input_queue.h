#pragma once
// Keyboard and mouse events queued as GLFW delivers them, so that nothing between two frames is lost.
//
// Dear ImGui 1.86 reads key and mouse state once a frame: a presenter's clicker sends a press and a
// release a few milliseconds apart, both between two frames, and the key vanishes; two quick
// clicks in one frame count as one. The app's own shortcuts read every key event from this queue,
// and mouse buttons and keys reach ImGui one change per frame, in order, so each click is a whole
// click and a quick Enter in a text field is a press.
#include <deque>
#include <vector>

#include <imgui.h>

namespace ui {

struct KeyEvent {
    int key = 0;             // a GLFW key code, or 0 for a typed character
    unsigned character = 0;  // the Unicode character typed (0 for a key code event)
    int mods = 0;            // GLFW modifier bits
};

class InputQueue {
public:
    // From GLFW's callbacks (on the UI thread, inside glfwPollEvents).
    void key(int key, int action, int mods);
    void character(unsigned c);
    void mouse_button(int button, bool down, ImVec2 pos);
    // From the key callback too, for ImGui's own use of keys (Enter, Backspace, Ctrl+A in a field).
    void key_state(int key, bool down);

    // Every key press and typed character since the last call, in order.
    std::vector<KeyEvent> take_keys();

    // Call after the platform backend's NewFrame: hands ImGui at most one queued change of each
    // mouse button (and where it happened), so a click shorter than a frame is still a press then
    // a release, and two clicks in one frame arrive as two clicks in the next frames.
    void apply_mouse(ImGuiIO& io);
    // The same for keys: at most one queued change of each key, in order, then the modifier flags
    // from the keys as ImGui now sees them (Ctrl pressed and released around an A within one frame
    // is still down when ImGui sees the A).
    void apply_keys(ImGuiIO& io);

private:
    struct ButtonEvent {
        bool down;
        ImVec2 pos;
    };
    std::vector<KeyEvent> keys_;
    std::deque<ButtonEvent> buttons_[3];
    struct KeyChange {
        int key;
        bool down;
    };
    std::vector<KeyChange> key_changes_;  // in the order GLFW sent them
};

}  // namespace ui
