#include <doctest/doctest.h>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "ui/input_queue.h"

TEST_CASE("input queue: two quick clicks within one frame reach ImGui as two whole clicks") {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    ui::InputQueue q;
    // Press, release, press, release: all four between two frames, as a fast double click sends them.
    q.mouse_button(GLFW_MOUSE_BUTTON_LEFT, true, ImVec2(10, 20));
    q.mouse_button(GLFW_MOUSE_BUTTON_LEFT, false, ImVec2(10, 20));
    q.mouse_button(GLFW_MOUSE_BUTTON_LEFT, true, ImVec2(10, 20));
    q.mouse_button(GLFW_MOUSE_BUTTON_LEFT, false, ImVec2(10, 20));
    bool seen[4] = {};
    for (int frame = 0; frame < 4; ++frame) {
        io.MouseDown[0] = false;  // what the backend read from the button's state now: up
        q.apply_mouse(io);
        seen[frame] = io.MouseDown[0];
        CHECK(io.MousePos.x == 10);
        CHECK(io.MousePos.y == 20);
    }
    CHECK(seen[0]);
    CHECK_FALSE(seen[1]);
    CHECK(seen[2]);
    CHECK_FALSE(seen[3]);
    // All four were handed over: with nothing left queued, the backend's reading stands.
    io.MouseDown[0] = true;
    q.apply_mouse(io);
    CHECK(io.MouseDown[0]);
    ImGui::DestroyContext();
}

TEST_CASE("input queue: key presses and typed characters are kept in order: releases are not events") {
    ui::InputQueue q;
    q.key(GLFW_KEY_PAGE_DOWN, GLFW_PRESS, 0);
    q.key(GLFW_KEY_PAGE_DOWN, GLFW_RELEASE, 0);
    q.key(GLFW_KEY_PAGE_DOWN, GLFW_PRESS, 0);
    q.character('?');
    q.key(GLFW_KEY_F11, GLFW_REPEAT, 0);  // auto-repeat of a held key does not step through slides
    const auto keys = q.take_keys();
    REQUIRE(keys.size() == 3);
    CHECK(keys[0].key == GLFW_KEY_PAGE_DOWN);
    CHECK(keys[1].key == GLFW_KEY_PAGE_DOWN);
    CHECK(keys[2].character == '?');
    CHECK(q.take_keys().empty());
}

TEST_CASE("input queue: a quick Enter, and Ctrl+A typed within one frame, reach ImGui as presses") {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    ui::InputQueue q;
    // What xdotool (or a fast hand) sends between two frames: Ctrl+A, then Enter, each pressed and
    // released. ImGui 1.86 reads the keys once a frame; the backend's state is all up by then.
    const int sequence[][2] = {{GLFW_KEY_LEFT_CONTROL, 1}, {GLFW_KEY_A, 1}, {GLFW_KEY_A, 0},
                               {GLFW_KEY_LEFT_CONTROL, 0}, {GLFW_KEY_ENTER, 1}, {GLFW_KEY_ENTER, 0}};
    for (const auto& k : sequence) q.key_state(k[0], k[1] != 0);
    // The backend wrote every change at once: all up.
    io.KeysDown[GLFW_KEY_LEFT_CONTROL] = io.KeysDown[GLFW_KEY_A] = io.KeysDown[GLFW_KEY_ENTER] = false;
    io.KeyCtrl = false;

    q.apply_keys(io);  // frame 1: each key's first change
    CHECK(io.KeysDown[GLFW_KEY_LEFT_CONTROL]);
    CHECK(io.KeysDown[GLFW_KEY_A]);
    CHECK(io.KeysDown[GLFW_KEY_ENTER]);
    CHECK(io.KeyCtrl);  // so ImGui reads Ctrl+A, not A
    q.apply_keys(io);  // frame 2: the releases
    CHECK_FALSE(io.KeysDown[GLFW_KEY_LEFT_CONTROL]);
    CHECK_FALSE(io.KeysDown[GLFW_KEY_A]);
    CHECK_FALSE(io.KeysDown[GLFW_KEY_ENTER]);
    CHECK_FALSE(io.KeyCtrl);

    // Two quick Enters are two presses, one frame apart.
    for (int i = 0; i < 2; ++i) {
        q.key_state(GLFW_KEY_ENTER, true);
        q.key_state(GLFW_KEY_ENTER, false);
    }
    bool seen[5] = {};
    for (bool& s : seen) {
        q.apply_keys(io);
        s = io.KeysDown[GLFW_KEY_ENTER];
    }
    CHECK(seen[0]);
    CHECK_FALSE(seen[1]);
    CHECK(seen[2]);
    CHECK_FALSE(seen[3]);
    CHECK_FALSE(seen[4]);

    // With nothing queued, a key held down stays down, and codes out of ImGui's range are ignored.
    q.key_state(GLFW_KEY_LEFT_SHIFT, true);
    q.key_state(-1, true);
    q.key_state(100000, true);
    q.apply_keys(io);
    q.apply_keys(io);
    CHECK(io.KeysDown[GLFW_KEY_LEFT_SHIFT]);
    CHECK(io.KeyShift);
    ImGui::DestroyContext();
}
