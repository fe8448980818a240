#pragma once
// What only the transformer has: its task or text, its shape, and what its panels start by showing.
#include <string>
#include <string_view>
#include <vector>

#include "data/text_tasks.h"
#include "nn/transformer/transformer.h"

namespace train {

// Lesson 7's stages of one head's attention, in the order it is computed.
inline constexpr std::string_view kAttentionStages[] = {"vectors", "scores", "scaled", "masked", "softmax", "output"};

// The most tokens of text generated at a time: a few lines on a projector.
inline constexpr int kMaxGeneratedTokens = 400;

struct TransformerConfig {
    // The data (see data/text_tasks.h).
    data::TextTask task = data::TextTask::Copy;
    int symbols = 8;      // copy, reverse, repeat: letters in the random part
    int alphabet = 16;    // copy, reverse, repeat: letters drawn from
    int digits = 2;       // addition: digits of the larger operand
    std::string text_file;  // the text task's file

    // The model. Its context is at least the task's example length.
    int context = 32;
    int d_model = 64;
    int heads = 4;
    int layers = 2;
    nn::PositionKind positions = nn::PositionKind::Learned;
    bool tied = false;
    float weight_decay = 0.01f;

    // What the panels show first; the student can change them.
    std::string example;   // the sequence the attention panels trace; empty: one of the task's examples
    int example_seed = 1;  // which of the task's examples
    int query = -1;        // lesson 7: the query token chosen (-1: the last)
    int layer = 0, head = 0;  // lesson 7: the head computed step by step
    int stage = 4;            // lesson 7: the stage shown first (index into kAttentionStages)
    std::string prompt;    // the text generation starts from; empty: the task's own
    int generate_tokens = 60;
    std::vector<float> temperatures = {1.0f};  // one generated text per temperature
    int top_k = 0;
    float top_p = 1.0f;
};

}  // namespace train
