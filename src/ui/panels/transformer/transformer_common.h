#pragma once
// What the transformer panels share: the family's part of the snapshot, the student's choices
// (seeded from the preset), and token labels for axes.
#include <string>
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

}  // namespace ui::transformer
