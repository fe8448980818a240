// Wrapping at plain spaces only: numbers and no-break-joined words are never split.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ui/widgets/wrapped_text.h"

namespace {
// One unit per byte: a monospaced stand-in for the font.
float bytes(std::string_view s) { return float(s.size()); }
std::vector<std::string> wrap(std::string_view text, float width) {
    std::vector<std::string> out;
    for (auto l : ui::wrap_at_spaces(text, width, bytes)) out.emplace_back(l);
    return out;
}
const std::string nbsp = "\xC2\xA0";
}  // namespace

TEST_CASE("wrap: breaks only at spaces, never after the dot or comma of a number") {
    // ImGui would break "5." / "6e+03" here; the number must move whole to the next line.
    const auto lines = wrap("the loss jumped to 5.6e+03 at step 1,416", 21);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "the loss jumped to");
    CHECK(lines[1] == "5.6e+03 at step 1,416");
    for (const auto& l : wrap("values 0.6931 9.9e+12 1,416 50.0% 38.1", 8))
        CHECK(l.find(' ') == std::string::npos);  // one number a line at this width, each whole
}

TEST_CASE("wrap: a number joined to its word by a no-break space stays on one line") {
    const std::string text = "stuck for 1000" + nbsp + "steps now";
    const auto lines = wrap(text, 14);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "stuck for");
    CHECK(lines[1] == "1000" + nbsp + "steps");
    CHECK(lines[2] == "now");
}

TEST_CASE("wrap: fits lines greedily, keeps newlines, and gives an overlong word its own line") {
    CHECK(wrap("a b c d", 3) == std::vector<std::string>{"a b", "c d"});
    CHECK(wrap("a b c d", 100) == std::vector<std::string>{"a b c d"});
    CHECK(wrap("one\ntwo", 100) == std::vector<std::string>{"one", "two"});
    CHECK(wrap("x\n\ny", 100) == std::vector<std::string>{"x", "", "y"});
    CHECK(wrap("tiny 123456789012 end", 5) == std::vector<std::string>{"tiny", "123456789012", "end"});
    CHECK(wrap("  spaced   out  ", 100) == std::vector<std::string>{"spaced   out"});
}

TEST_CASE("wrap: a path too wide for the line breaks after its slashes and underscores, as late as fits") {
    CHECK(wrap("cannot read /home/teacher/texts/poem.txt now", 16) ==
          std::vector<std::string>{"cannot read", "/home/teacher/", "texts/poem.txt", "now"});
    CHECK(wrap("C:\\texts\\a_long_file_name.txt", 12) == std::vector<std::string>{"C:\\texts\\a_", "long_file_", "name.txt"});
    // A number has none of these: it stays whole and overflows.
    CHECK(wrap("1.2345678e-05", 5) == std::vector<std::string>{"1.2345678e-05"});
}
