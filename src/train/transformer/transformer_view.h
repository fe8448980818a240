#pragma once
// The transformer's part of a snapshot. What only a visible panel draws is filled only while that
// panel is on screen (Config::panels): the traced example, the token map, the prompt's
// distribution and the generated text.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/text_tasks.h"
#include "nn/transformer/transformer.h"
#include "train/history.h"
#include "train/snapshot.h"

namespace train {

struct GeneratedText {
    float temperature = 1;
    std::string text;  // the prompt's continuation, without the prompt
};

struct TransformerView : FamilyView {
    std::shared_ptr<const data::TextTaskData> data;  // shared with the run
    nn::TransformerShape shape;
    int length = 0;  // tokens per training example

    // The example the attention panels show.
    std::shared_ptr<const nn::AttentionTrace> trace;
    std::string example_message;  // why a typed example was refused (empty: it was taken)
    // Per head [layer * heads + head], on the example:
    std::vector<float> induction_score;   // mean weight on the token after the current token's previous occurrence
    std::vector<float> previous_score;    // mean weight on the token just before
    std::vector<float> task_score;        // copy, reverse: mean weight on the letter being copied;
                                          // addition: mean weight the answer puts on the two numbers
    std::string task_score_name;          // what task_score measures, or empty when the task has none
    Series induction_history;  // the best induction score of a head after the first layer, over the steps
    Series repeat_loss;        // repeat: test loss on the predictable positions only (nats), over the steps
    Series prediction_entropy; // mean entropy of the test predictions, in bits, over the steps

    // The token map: each token's place on the plane of the two leading principal components of
    // the token embedding, turned to match the last publication.
    std::vector<float> x, y;
    double explained = 0;
    std::shared_ptr<const nn::Matrix> positions;  // the position table [length, d_model]

    // Generation.
    std::string prompt;             // as typed, or the task's own
    std::string prompt_message;     // why a typed prompt was refused
    std::vector<float> next_logits; // the logits of the token after the prompt [vocab]
    std::vector<GeneratedText> generated;
    std::uint64_t generated_at_step = 0;

    std::string data_message;  // the result of the last OpenText (empty: none)
    bool data_failed = false;
};

}  // namespace train
