#pragma once
// Internal to the lesson parser: turning cmark nodes into the lesson's spans and prose blocks.
// The lesson structure (title, steps, presets, prompts) is decided in lesson.cpp; this file only
// knows how Markdown looks once flattened for display.
#include <string>
#include <vector>

#include <cmark.h>

#include "lesson/lesson.h"

namespace lesson::detail {

// The inline content of a paragraph or heading, as styled spans (adjacent equal styles merged).
std::vector<Span> inline_spans(cmark_node* block);

// The spans' text without styles, e.g. for a step title.
std::string plain_text(const std::vector<Span>& spans);

// Appends the prose of one block (paragraph, heading, list, code block, block quote) to `out`.
// Fails on a ```preset block, because presets are only valid at the top level of a step and
// lesson.cpp handles those before calling this.
void append_prose(cmark_node* block, std::vector<Block>& out);

// The text of a block quote flattened into one span list (paragraphs joined by a space).
std::vector<Span> quote_spans(cmark_node* quote);

// If the spans begin with a "Try this" label (any case, optionally bold, optionally followed by
// a colon), removes the label and the space after it and returns true.
bool strip_try_this_label(std::vector<Span>& spans);

}  // namespace lesson::detail
