#pragma once
// The plane family's part of a snapshot: its points, the decision field over the plane, and what
// the perceptron, network and landscape panels draw.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/toy2d.h"
#include "nn/perceptron.h"
#include "nn/tensor.h"
#include "train/history.h"
#include "train/snapshot.h"

namespace train {

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

struct PlaneView : FamilyView {
    std::shared_ptr<const data::Dataset2D> data;       // the training points
    std::shared_ptr<const data::Dataset2D> test_data;  // the test points (may be empty)
    bool user_points = false;                          // the points came from the user, not a generator
    std::vector<LayerParams> layers;  // perceptron: one layer [1, 2]
    bool converged = false;           // perceptron: a whole pass without a mistake

    std::vector<float> predictions;   // the model's probability of class 1 for each training point
    DecisionField field;
    std::optional<PerceptronStepInfo> perceptron_step;
    std::optional<Probe> probe;                 // small networks only
    std::optional<NeuronFields> neuron_fields;  // small networks only
    std::optional<LandscapeView> landscape;
};

}  // namespace train
