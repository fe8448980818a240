#pragma once
// What the word-embedding panels remember between frames: the student's query and chosen words,
// the map's steady zoom, and what is worth computing once per snapshot instead of once per frame.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "data/corpus.h"
#include "nn/skipgram.h"
#include "ui/widgets/file_browser.h"

namespace ui {

struct WordsPanelState {
    // Taken from the preset each time the trainer loads a config (its generation grows), then the
    // student's to edit.
    std::uint64_t generation = ~0ull;
    std::string query;    // "king - man + woman"
    std::string compare;  // the heatmap's words, separated by spaces
    std::string focus;    // the word the map rings

    // The map's scale: data units per pixel, following the cloud smoothly (it grows at once when
    // points would leave the plot and shrinks slowly, so the picture neither jumps nor crawls).
    double units_per_pixel = 0;
    std::shared_ptr<const data::Corpus> scaled_for;
    std::uint64_t scaled_version = ~0ull;  // the snapshot the scale last followed
    float scaled_w = 0, scaled_h = 0;
    double scaled_time = 0;              // ImGui time

    // Labels and colouring of the current vocabulary.
    std::shared_ptr<const data::Corpus> labelled;
    std::vector<std::string> labels;
    std::vector<int> label_first;  // content words by frequency, then the function words

    // Unit-length rows of the published table, for cosines.
    std::shared_ptr<const nn::EmbeddingTable> unit_of;
    nn::EmbeddingTable unit;

    // The table panel's picture.
    std::shared_ptr<const nn::EmbeddingTable> pictured;
    std::uint64_t picture_version = 0;
    std::vector<ImU32> picture;
    int picture_rows = 0, picture_cols = 0;
    float picture_scale = 0;
    double picture_made_at = -1e9;  // ImGui time

    // The corpus panel.
    std::string file;
    int max_vocab = 2000, min_count = 5;
    FileBrowserState browser;
};

}  // namespace ui
