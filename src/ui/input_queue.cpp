#include "ui/input_queue.h"

#include <utility>

#include <GLFW/glfw3.h>

namespace ui {

void InputQueue::key(int key, int action, int mods) {
    if (action == GLFW_PRESS) keys_.push_back({key, 0, mods});
}

void InputQueue::character(unsigned c) { keys_.push_back({0, c, 0}); }

void InputQueue::mouse_button(int button, bool down, ImVec2 pos) {
    if (button < 0 || button >= 3) return;
    buttons_[button].push_back({down, pos});
}

void InputQueue::key_state(int key, bool down) {
    if (key < 0 || key >= int(IM_ARRAYSIZE(ImGuiIO::KeysDown))) return;
    key_changes_.push_back({key, down});
}

std::vector<KeyEvent> InputQueue::take_keys() { return std::exchange(keys_, {}); }

void InputQueue::apply_mouse(ImGuiIO& io) {
    for (int b = 0; b < 3; ++b) {
        auto& q = buttons_[b];
        if (q.empty()) continue;
        io.MouseDown[b] = q.front().down;
        io.MousePos = q.front().pos;
        q.pop_front();
    }
}

void InputQueue::apply_keys(ImGuiIO& io) {
    if (!key_changes_.empty()) {
        bool changed[IM_ARRAYSIZE(ImGuiIO::KeysDown)] = {};
        std::size_t kept = 0;
        for (const KeyChange& c : key_changes_) {
            // A key changed already this frame keeps its later changes, in order, for the next.
            if (changed[c.key]) {
                key_changes_[kept++] = c;
                continue;
            }
            changed[c.key] = true;
            io.KeysDown[c.key] = c.down;
        }
        key_changes_.resize(kept);
    }
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

}  // namespace ui
