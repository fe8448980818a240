#include <doctest/doctest.h>

#include <GLFW/glfw3.h>

#include <set>
#include <string>

#include "ui/fonts.h"
#include "ui/shortcuts.h"

using ui::Action;

namespace {
std::optional<Action> key(int code, int mods = 0) { return ui::action_for({code, 0, mods}); }
std::optional<Action> typed(unsigned c) { return ui::action_for({0, c, 0}); }
}  // namespace

TEST_CASE("shortcuts: a clicker's keys and the arrows move between steps") {
    CHECK(key(GLFW_KEY_PAGE_DOWN) == Action::Next);
    CHECK(key(GLFW_KEY_RIGHT) == Action::Next);
    CHECK(key(GLFW_KEY_DOWN) == Action::Next);
    CHECK(key(GLFW_KEY_PAGE_UP) == Action::Previous);
    CHECK(key(GLFW_KEY_LEFT) == Action::Previous);
    CHECK(key(GLFW_KEY_UP) == Action::Previous);
}

TEST_CASE("shortcuts: typed characters, whatever the keyboard layout") {
    CHECK(typed(' ') == Action::PlayPause);
    CHECK(typed('.') == Action::Step);
    CHECK(typed('s') == Action::Step);
    CHECK(typed('R') == Action::Reset);
    CHECK(typed('f') == Action::FullScreen);
    CHECK(key(GLFW_KEY_F11) == Action::FullScreen);
    CHECK(key(GLFW_KEY_F1) == Action::Help);
    CHECK(typed('?') == Action::Help);
    CHECK(typed('+') == Action::TextBigger);
    CHECK(typed('-') == Action::TextSmaller);
    CHECK(typed('b') == Action::Blank);
    CHECK_FALSE(typed('x').has_value());
    CHECK_FALSE(key(GLFW_KEY_A).has_value());
}

TEST_CASE("shortcuts: keys held with Ctrl or Alt are left to the interface") {
    CHECK_FALSE(key(GLFW_KEY_RIGHT, GLFW_MOD_CONTROL).has_value());
    CHECK_FALSE(key(GLFW_KEY_PAGE_DOWN, GLFW_MOD_ALT).has_value());
}

TEST_CASE("shortcuts: the help overlay lists every action once") {
    std::set<Action> listed;
    for (const ui::Shortcut& s : ui::shortcuts()) {
        CHECK(listed.insert(s.action).second);
        CHECK(std::string(s.keys).size() > 0);
        CHECK(std::string(s.what).size() > 0);
    }
    CHECK(listed.size() == 10);
}

TEST_CASE("text sizes: stepping, and the largest a screen offers") {
    CHECK(ui::next_text_scale(1.f, +1) == doctest::Approx(1.15f));
    CHECK(ui::next_text_scale(1.f, -1) == doctest::Approx(0.9f));
    CHECK(ui::next_text_scale(ui::kLargestTextScale, +1) == doctest::Approx(ui::kLargestTextScale));
    CHECK(ui::next_text_scale(ui::kSmallestTextScale, -1) == doctest::Approx(ui::kSmallestTextScale));
    CHECK(ui::largest_text_scale(1080) == doctest::Approx(2.f));
    CHECK(ui::largest_text_scale(900) == doctest::Approx(1.75f));
    CHECK(ui::largest_text_scale(768) == doctest::Approx(1.5f));
    CHECK(ui::largest_text_scale(720) == doctest::Approx(1.3f));
    CHECK(ui::largest_text_scale(100) == doctest::Approx(ui::kSmallestTextScale));
}
