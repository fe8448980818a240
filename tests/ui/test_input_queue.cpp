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
