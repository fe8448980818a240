// Lesson prose across styles: where lines break.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "ui/widgets/rich_text.h"

namespace {
using Style = lesson::Span::Style;
// One unit per byte, in every style: a monospaced stand-in for the fonts.
float bytes(Style, std::string_view s) { return float(s.size()); }

// The text of each line, as placed.
std::vector<std::string> lines_of(const std::vector<lesson::Span>& spans, float width) {
    std::vector<std::string> lines;
    for (const ui::PlacedWord& w : ui::layout_spans(spans, width, bytes)) {
        if (int(lines.size()) <= w.line) lines.resize(std::size_t(w.line) + 1);
        lines[std::size_t(w.line)] += spans[w.span].text.substr(w.begin, w.size);
    }
    return lines;
}
}  // namespace

TEST_CASE("rich text: a full stop after a bold word stays on its line, not at the start of the next") {
    // "Now the model must " is 19 bytes, "choose" ends the line exactly at 25.
    const std::vector<lesson::Span> spans = {{Style::Plain, "Now the model must "}, {Style::Bold, "choose"},
                                             {Style::Plain, ". Each press of Draw"}};
    const auto lines = lines_of(spans, 25);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "Now the model must choose. ");
    CHECK(lines[1] == "Each press of Draw");
    for (const auto& l : lines) CHECK(l.front() != '.');
}

TEST_CASE("rich text: a word that starts another style after a space still wraps") {
    const std::vector<lesson::Span> spans = {{Style::Plain, "the loss is "}, {Style::Bold, "surprise"}};
    const auto lines = lines_of(spans, 15);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "the loss is ");
    CHECK(lines[1] == "surprise");
}

TEST_CASE("rich text: letters glued to a word of another style are not punctuation and wrap") {
    // "bank" in code then "s" plain: a plural glued to code text; it may move to the next line.
    const std::vector<lesson::Span> spans = {{Style::Plain, "abcd "}, {Style::Code, "bank"}, {Style::Plain, "s here"}};
    const auto lines = lines_of(spans, 9);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] == "abcd bank");
    CHECK(lines[1].front() == 's');
}

TEST_CASE("rich text: no line starts with a space, and lines fit") {
    const std::vector<lesson::Span> spans = {{Style::Plain, "one two three four five six seven"}};
    for (float width : {5.f, 9.f, 12.f, 20.f}) {
        CAPTURE(width);
        for (const auto& l : lines_of(spans, width)) {
            CHECK(l.front() != ' ');
            std::string visible = l;
            while (!visible.empty() && visible.back() == ' ') visible.pop_back();
            CHECK(float(visible.size()) <= width);
        }
    }
}
