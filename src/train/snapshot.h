#pragma once
// What the trainer publishes: an immutable picture of the training state, drawn by the UI.
#include <array>
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

// How the UI should present a snapshot's message.
enum class MessageKind {
    None,
    Good,     // "converged"
    Warning,  // training goes on but something is wrong (stuck) or cannot start (no points)
    Error,    // training stopped itself (the loss ran away)
};

struct LayerParams {
    nn::Matrix W;     // [out, in]
    nn::RowVector b;  // [out]
};

// A function of the plane sampled on a square grid, for drawing.
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

// One example through a small network, forward and backward, with the current weights: what the
// network view writes on its nodes and edges.
struct Probe {
    int example = -1;                   // index into the training points
    int label = 0;
    std::vector<std::vector<float>> z;  // z[l][j]: weighted sum of neuron j of layer l (+ bias)
    std::vector<std::vector<float>> a;  // a[l][j]: input j of layer l; a[0] is the example
    std::vector<std::vector<float>> dz; // dL/dz[l][j] of this one example
    float output = 0;                   // probability of class 1
    float loss = 0;
};

// Each hidden neuron's own output over the plane, small (to draw inside its node).
struct NeuronFields {
    int resolution = 0;
    std::vector<std::vector<std::vector<float>>> values;  // [hidden layer][neuron] -> resolution^2, row 0 at y_min
};

// The loss surface of the two-weight neuron and the three optimizers' paths over it.
struct LandscapeView {
    int resolution = 0;          // resolution x resolution samples, row 0 at w2_min
    float w1_min = 0, w1_max = 1, w2_min = 0, w2_max = 1;
    std::vector<float> loss;     // mean loss at each (w1, w2)
    struct Path {
        std::string name;        // "SGD", "momentum", "Adam"
        std::vector<float> w1, w2;
        Series loss;             // loss per step
        float current_loss = 0;
    };
    std::vector<Path> paths;
};

struct Snapshot {
    std::uint64_t version = 0;   // grows with every publication
    std::uint64_t generation = 0;  // how many LoadConfig commands the trainer has applied
    std::uint64_t commands_applied = 0;  // how many commands of any kind (see Trainer::send)
    std::uint64_t step = 0;      // training steps taken since the model was made
    RunState state = RunState::Paused;
    std::string message;         // why training paused itself, or a note such as "converged"
    MessageKind message_kind = MessageKind::None;
    Config config;

    std::shared_ptr<const data::Dataset2D> data;       // the training points
    std::shared_ptr<const data::Dataset2D> test_data;  // the test points (may be empty)
    bool user_points = false;                          // the points came from the user, not a generator
    std::vector<LayerParams> layers;  // perceptron: one layer [1, 2]
    long parameter_count = 0;

    float loss = 0;              // perceptron: examples it gets wrong; mlp: mean loss of the last batch
    float accuracy = 0;          // of the last batch (perceptron: of all points), in [0, 1]
    // Of all training and test points with the current weights (negative when there are none).
    float train_loss = -1, train_accuracy = -1, test_loss = -1, test_accuracy = -1;
    bool converged = false;      // perceptron: a whole pass without a mistake
    MetricsHistory history;

    // Per linear layer, first to last: norms of the weight gradient of the last step and of the weights.
    std::vector<float> grad_norms, weight_norms;
    MultiSeries grad_norm_history;  // grad_norms over time

    std::vector<float> predictions;  // the model's probability of class 1 for each training point
    DecisionField field;
    std::optional<PerceptronStepInfo> perceptron_step;
    std::optional<Probe> probe;           // small networks only
    std::optional<NeuronFields> neuron_fields;  // small networks only
    std::optional<LandscapeView> landscape;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace train
