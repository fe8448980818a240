#pragma once
// What the word-embedding panels share: the family's part of the snapshot, the student's query
// and chosen words (seeded from the preset), labels and unit vectors computed once per snapshot,
// and the neighbours tooltip.
#include <string>
#include <vector>

#include "train/words/similarity.h"
#include "train/words/words_view.h"
#include "ui/panels/panels.h"

namespace ui::words {

// The word model's part of the snapshot, or null after drawing the panel's fallback saying why
// there is none. Also takes the query, the compared words and the focus from a newly loaded preset.
const train::WordsView* words_view(PanelContext& ctx);

// The vocabulary's words as labels, and the order the map labels them in (content words by
// frequency first, function words last: "the" matters least on a map of meaning).
void ensure_labels(WordsPanelState& st, const train::WordsView& v);

// The published table with unit-length rows (cosines are dot products of its rows).
const nn::EmbeddingTable& unit_table(WordsPanelState& st, const train::WordsView& v);

// The words typed in the compare field that the vocabulary knows, and the ones it does not.
struct ComparedWords {
    std::vector<int> ids;
    std::vector<std::string> unknown;
};
ComparedWords compared_words(const std::string& typed, const data::Vocabulary& vocab);

// A word's group name ("royal", "river"...), or empty for a file's single group.
std::string group_name(const data::Vocabulary& vocab, int word);

// A tooltip: the word, its group, and its nearest neighbours with their cosines.
void NeighboursTooltip(PanelContext& ctx, const train::WordsView& v, int word);

// "0.71": a cosine as the panels write it.
std::string format_cosine(float c);

}  // namespace ui::words
