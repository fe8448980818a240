#include <doctest/doctest.h>

#include "lesson/navigator.h"

namespace {
lesson::LibraryEntry entry(const std::string& name, const std::string& text) {
    return {name, lesson::parse_lesson(text, name)};
}

const char* kFirst = R"(# First
## One
```preset
model = "perceptron"
dataset = "and"
```
Text.
## Two
No preset here: it carries on.
## Three
```preset
model = "mlp"
dataset = "xor"
```
)";

const char* kSecond = R"(# Second
## Only step
```preset
dataset = "or"
```
)";
}  // namespace

TEST_CASE("navigator: next and previous walk the steps and cross into the neighbouring lessons") {
    std::vector<lesson::LibraryEntry> lib = {entry("a.md", kFirst), entry("broken.md", "no title here"),
                                             entry("c.md", kSecond)};
    REQUIRE(lib[0].result.lesson);
    REQUIRE(lib[1].result.error);
    lesson::Navigator nav(lib);
    CHECK(nav.lesson() == nullptr);
    REQUIRE(nav.open(0, 0));
    CHECK_FALSE(nav.can_previous());
    CHECK(nav.next());
    CHECK(nav.step()->title == "Two");
    CHECK(nav.next());
    CHECK(nav.step()->title == "Three");
    CHECK(nav.can_next());
    CHECK(nav.next());  // skips the broken file
    CHECK(nav.lesson_index() == 2);
    CHECK(nav.step()->title == "Only step");
    CHECK_FALSE(nav.can_next());
    CHECK_FALSE(nav.next());
    CHECK(nav.previous());
    CHECK(nav.lesson_index() == 0);
    CHECK(nav.step_index() == 2);
}

TEST_CASE("navigator: a step without a preset uses the nearest earlier one") {
    std::vector<lesson::LibraryEntry> lib = {entry("a.md", kFirst)};
    lesson::Navigator nav(lib);
    REQUIRE(nav.open(0, 1));
    CHECK_FALSE(nav.step()->has_preset);
    REQUIRE(nav.effective_preset());
    CHECK(nav.effective_preset()->config.plane()->dataset == data::Toy2D::And);
    REQUIRE(nav.open(0, 2));
    CHECK(nav.effective_preset()->config.plane()->dataset == data::Toy2D::Xor);
}

TEST_CASE("navigator: opening a broken lesson or a step out of range changes nothing") {
    std::vector<lesson::LibraryEntry> lib = {entry("a.md", kFirst), entry("broken.md", "no title here")};
    lesson::Navigator nav(lib);
    REQUIRE(nav.open(0, 1));
    CHECK_FALSE(nav.open(1, 0));
    CHECK_FALSE(nav.open(0, 3));
    CHECK_FALSE(nav.open(5, 0));
    CHECK(nav.lesson_index() == 0);
    CHECK(nav.step_index() == 1);
}
