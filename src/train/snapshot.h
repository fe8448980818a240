#pragma once
// What the trainer publishes: an immutable picture of the training state, drawn by the UI.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/toy2d.h"
#include "nn/perceptron.h"
#include "nn/tensor.h"
#include "train/config.h"
#include "train/history.h"

namespace train {

enum class RunState { Paused, Running, Diverged };

struct LayerParams {
    nn::Matrix W;     // [out, in]
    nn::RowVector b;  // [out]
};

// The model's output over a square grid of the plane, for drawing the decision boundary.
struct DecisionField {
    int resolution = 0;          // resolution x resolution samples, row 0 at y_min
    float x_min = 0, x_max = 1, y_min = 0, y_max = 1;
    std::vector<float> values;   // probability of class 1, in [0, 1]
};

// The last application of the perceptron rule, with the numbers that went into it.
struct PerceptronStepInfo {
    int example = -1;            // index into the data set
    nn::RowVector w_before;
    float b_before = 0;
    nn::PerceptronUpdate update;
};

struct Snapshot {
    std::uint64_t version = 0;   // grows with every publication
    std::uint64_t generation = 0;  // how many LoadConfig commands the trainer has applied
    std::uint64_t step = 0;      // training steps taken since the model was made
    RunState state = RunState::Paused;
    std::string message;         // why training paused itself, or a note such as "converged"
    Config config;

    std::shared_ptr<const data::Dataset2D> data;
    std::vector<LayerParams> layers;  // perceptron: one layer [1, 2]
    long parameter_count = 0;

    float loss = 0;              // perceptron: examples it gets wrong; mlp: mean cross-entropy
    float accuracy = 0;          // on the training set, in [0, 1]
    bool converged = false;      // perceptron: a whole pass without a mistake
    MetricsHistory history;

    std::vector<float> predictions;  // the model's probability of class 1 for each data point
    DecisionField field;
    std::optional<PerceptronStepInfo> perceptron_step;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace train
