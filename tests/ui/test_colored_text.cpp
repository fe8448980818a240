// The generated-text paragraph: prompt and continuation in two colours, wrapped at spaces, long
// character-level words broken between characters, newlines kept.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "ui/panels/transformer/transformer_common.h"

namespace {
// One unit per UTF-8 character: a monospaced stand-in for the font.
float chars(std::string_view s) {
    float n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

constexpr ImU32 kGrey = IM_COL32(128, 128, 128, 255), kWhite = IM_COL32(255, 255, 255, 255);

// Each line's text as drawn (stretches joined, with the spaces between them restored by x).
std::vector<std::string> lines_of(const ui::transformer::ColoredTextLayout& l) {
    std::vector<std::string> out(std::size_t(l.lines));
    for (const auto& p : l.placed) {
        std::string& line = out[std::size_t(p.line)];
        while (chars(line) < p.x) line += ' ';
        line += std::string(p.text);
    }
    return out;
}
}  // namespace

TEST_CASE("colored text: breaks at spaces, keeps each run's colour, and drops the space it broke at") {
    const ui::transformer::TextRun runs[] = {{"the river bank", kGrey}, {" was flooded after rain", kWhite}};
    const auto l = ui::transformer::layout_colored_text(runs, 16, chars);
    CHECK(lines_of(l) == std::vector<std::string>{"the river bank", "was flooded", "after rain"});
    for (const auto& p : l.placed) CHECK(p.color == (p.text == "the" || p.text == "river" || p.text == "bank" ? kGrey : kWhite));
}

TEST_CASE("colored text: a word continued across runs moves to the next line whole") {
    // The prompt's last letters and the generated ones make one word: it may not split at the join.
    const ui::transformer::TextRun runs[] = {{"ab hemc", kGrey}, {"phe done", kWhite}};
    const auto l = ui::transformer::layout_colored_text(runs, 8, chars);
    CHECK(lines_of(l) == std::vector<std::string>{"ab", "hemcphe", "done"});
    REQUIRE(l.placed.size() == 4);
    CHECK(l.placed[1].text == "hemc");
    CHECK(l.placed[1].color == kGrey);
    CHECK(l.placed[2].text == "phe");
    CHECK(l.placed[2].color == kWhite);
    CHECK(l.placed[2].x == 4);
}

TEST_CASE("colored text: a word longer than the line breaks between whole UTF-8 characters") {
    const ui::transformer::TextRun runs[] = {{"x\xC3\xA9\xC3\xA9yyyzzz", kWhite}};  // xééyyyzzz
    const auto l = ui::transformer::layout_colored_text(runs, 4, chars);
    CHECK(lines_of(l) == std::vector<std::string>{"x\xC3\xA9\xC3\xA9y", "yyzz", "z"});
}

TEST_CASE("colored text: newlines start lines, blank lines and a trailing newline count, tabs read as spaces") {
    const ui::transformer::TextRun runs[] = {{"# Title\n\n", kGrey}, {"one\ttwo\n", kWhite}};
    const auto l = ui::transformer::layout_colored_text(runs, 100, chars);
    CHECK(lines_of(l) == std::vector<std::string>{"# Title", "", "one two", ""});
    CHECK(l.lines == 4);
}
