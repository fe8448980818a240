#pragma once
// Lesson prose: Markdown blocks drawn with word wrapping across mixed fonts (bold, italic, code).
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "lesson/lesson.h"
#include "ui/fonts.h"

namespace ui {

// One piece of wrapped prose: bytes [begin, begin + size) of spans[span], drawn at x on line `line`.
struct PlacedWord {
    std::size_t span = 0, begin = 0, size = 0;
    float x = 0.f;
    int line = 0;
};

// Lays spans out in lines of at most `width`: breaks after spaces, never starts a line with a
// space, lets trailing spaces hang past the edge, and keeps punctuation that follows a word of
// another style ("**choose**.") on that word's line. `measure` gives a text's width in a style.
std::vector<PlacedWord> layout_spans(std::span<const lesson::Span> spans, float width,
                                     const std::function<float(lesson::Span::Style, std::string_view)>& measure);

// Draws spans wrapped to the available width, starting at the cursor; advances the cursor.
// right_margin keeps the text clear of a box drawn around it.
void RichSpans(std::span<const lesson::Span> spans, const Fonts& fonts, ImU32 color = 0, float right_margin = 0.f);

// Draws prose blocks: paragraphs, headings, bulleted and numbered items, quotes and code.
void RichBlocks(std::span<const lesson::Block> blocks, const Fonts& fonts);

}  // namespace ui
