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

}  // namespace ui
