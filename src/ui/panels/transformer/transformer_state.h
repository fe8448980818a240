#pragma once
// What the transformer panels remember between frames: the student's example, prompt, chosen
// head and query, temperature, and the token map's steady zoom.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "data/text_tasks.h"
#include "nn/sampling.h"
#include "ui/widgets/file_browser.h"

namespace ui {

// Lesson 9's temperature panel: a worked example that needs no model. Its logits, temperatures and
// sampling filters are taken from the preset when the trainer loads a config, then the student's.
struct TemperaturePanelState {
    std::uint64_t generation = ~0ull;
    std::vector<float> logits;        // one per token (the weather example's five words)
    std::vector<float> temperatures;  // 1 to 3, each drawn as its own chart; the first is sampled
    int top_k = 0;                    // 0: off
    float top_p = 1.f;                // 1: off

    // The draws, at the first temperature after top-k and top-p. They are of one distribution:
    // any change to it (a logit, the first temperature, the filters) starts them over, and so does
    // Clear, with the random stream back at its seed, so the same presses give the same draws.
    std::uint64_t seed = 1;
    nn::SampleRng rng{1};
    nn::DrawCounts draws;
    std::vector<int> last;            // the latest tokens drawn, oldest first (a few)
    std::vector<double> drawn_from;   // the distribution the draws are of
};

struct TransformerPanelState {
    // Taken from the preset each time the trainer loads a config (its generation grows), then the
    // student's to edit.
    std::uint64_t generation = ~0ull;
    std::string example;   // the traced sequence as typed, or as traced while example_is_task
    // Until the student enters a sequence of their own, the field shows the one the trainer traces
    // (the task's), refreshed whenever that changes, except while the field is being edited.
    bool example_is_task = true;
    bool example_editing = false;
    ImVec2 example_field{-1, -1};  // where the example field's middle was last drawn (for --log-actions)
    std::string prompt;    // where generation starts (empty: the task's own)
    int stage = 4;         // lesson 7's stage (index into train::kAttentionStages)
    int query = -1;        // the query position lesson 7 follows (-1: the last)
    int layer = 0, head = 0;  // the head lesson 7 computes
    float temperature = 1.f;  // the next-token panel's slider
    int top_k = 0;
    float top_p = 1.f;

    // The generation panel's temperatures, one text each (the first is the slider's when there is one).
    std::vector<float> temperatures = {1.f};

    // The token map's scale (as the word map's: it grows at once and shrinks slowly).
    double units_per_pixel = 0;
    std::uint64_t scaled_version = ~0ull;
    double scaled_time = 0;
    float scaled_w = 0, scaled_h = 0;
    std::shared_ptr<const data::TextTaskData> scaled_for;  // a new vocabulary starts a new scale
    // The map's labels and colour groups, made once per vocabulary.
    std::shared_ptr<const data::TextTaskData> labelled;
    std::vector<std::string> labels;
    std::vector<int> groups;
    std::vector<std::string> group_names;

    // The text panel.
    std::string text_file;
    FileBrowserState browser;

    // Lesson 9's temperature panel.
    TemperaturePanelState temperature_panel;
};

}  // namespace ui
