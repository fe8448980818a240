#pragma once
// What the transformer panels share: the family's part of the snapshot, the student's choices
// (seeded from the preset), and token labels for axes.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "train/transformer/transformer_view.h"
#include "ui/panels/panels.h"

namespace ui::transformer {

// The transformer's part of the snapshot, or null after drawing the panel's fallback saying why
// there is none. Also takes the example, prompt, head and stage from a newly loaded preset.
const train::TransformerView* transformer_view(PanelContext& ctx);
const train::TransformerConfig& transformer_config(const train::Snapshot& s);

// The tokens of a sequence as axis labels ("␣" for a space).
std::vector<std::string> token_labels(const train::TransformerView& v, std::span<const int> tokens);

// "L2 H3": a head's short name (layers and heads counted from 1, as the panels write them).
std::string head_name(int layer, int head);

// Takes the example, prompt, head, stage and sampling from a newly loaded preset (transformer_view
// does it too); for a panel that draws also when there is no data, like the text panel.
void take_preset(PanelContext& ctx);

// The traced example as an editable line, `width` wide: Enter traces what the student typed. Until
// then it shows the sequence the trainer traces (one of the task's examples), so the field beside
// a heatmap is never empty.
void ExampleField(PanelContext& ctx, const train::TransformerView& v, float width, const char* tooltip);

// Muted text wrapped at spaces.
void MutedText(std::string_view text, float width);

// A stretch of text in one colour, for ColoredTextWrapped.
struct TextRun {
    std::string_view text;
    ImU32 color = 0;  // 0: the style's text colour
};

// Where each stretch of a paragraph of runs goes, `width` wide by `measure`: lines break at
// spaces, a word wider than the line (character-level text often has no spaces) breaks between
// characters, a newline starts a new line, a tab reads as a space, and a space where a line broke
// is dropped. A word may span runs (a prompt's last word continued by the generated text).
struct PlacedText {
    std::string_view text;  // into the runs
    ImU32 color = 0;
    float x = 0;            // from the paragraph's left edge
    int line = 0;
};
struct ColoredTextLayout {
    std::vector<PlacedText> placed;
    int lines = 1;  // with the empty lines a trailing newline makes
};
ColoredTextLayout layout_colored_text(std::span<const TextRun> runs, float width,
                                      const std::function<float(std::string_view)>& measure);

// The paragraph drawn at the cursor in the current font; advances the cursor past it.
void ColoredTextWrapped(std::span<const TextRun> runs, float width);

}  // namespace ui::transformer
