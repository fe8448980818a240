#pragma once
// Lesson prose: Markdown blocks drawn with word wrapping across mixed fonts (bold, italic, code).
#include <span>

#include "lesson/lesson.h"
#include "ui/fonts.h"

namespace ui {

// Draws spans wrapped to the available width, starting at the cursor; advances the cursor.
// right_margin keeps the text clear of a box drawn around it.
void RichSpans(std::span<const lesson::Span> spans, const Fonts& fonts, ImU32 color = 0, float right_margin = 0.f);

// Draws prose blocks: paragraphs, headings, bulleted and numbered items, quotes and code.
void RichBlocks(std::span<const lesson::Block> blocks, const Fonts& fonts);

}  // namespace ui
