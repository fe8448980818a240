#pragma once
// What the trainer trains and how: everything a lesson preset or a UI control can set.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "data/toy2d.h"
#include "nn/activation.h"
#include "nn/mlp.h"
#include "nn/optimizer.h"

namespace train {

enum class ModelKind {
    Perceptron,  // one neuron with a step function, trained by the perceptron rule, one example a step
    Mlp,         // a multi-layer perceptron trained by backpropagation, one batch a step
    Landscape,   // one neuron with two weights (no bias), trained by SGD, momentum and Adam side by side
};

inline constexpr ModelKind kAllModels[] = {ModelKind::Perceptron, ModelKind::Mlp, ModelKind::Landscape};

std::string_view model_name(ModelKind m);  // "perceptron", "mlp", "landscape"
std::optional<ModelKind> model_from_name(std::string_view name);

// Limits of what the UI and lesson files may ask for: room for every experiment of the lessons,
// none for a typo that would freeze the app (a 10,000-wide layer, a million points).
inline constexpr int kMaxHiddenLayers = 24;
inline constexpr int kMaxHiddenWidth = 64;
inline constexpr int kMaxPoints = 5000;

struct Config {
    ModelKind model = ModelKind::Perceptron;

    // The data: a generated set (points, noise and seed matter for the shapes, not the gates),
    // split into training and test points.
    data::Toy2D dataset = data::Toy2D::And;
    int points = 200;
    float noise = 0.1f;
    float test_fraction = 0.f;

    // The network (Mlp).
    std::vector<int> hidden = {4};  // hidden layer widths
    nn::Activation activation = nn::Activation::Sigmoid;
    bool residual = false;          // shortcuts around the hidden layers whose width does not change
    nn::Loss loss = nn::Loss::CrossEntropy;

    // How it learns.
    nn::OptimizerKind optimizer = nn::OptimizerKind::SGD;
    float learning_rate = 0.1f;
    int batch_size = 0;             // examples per step; 0 = all the training points (full batch)
    std::uint64_t seed = 1;         // weights, data and the order of the examples
    double steps_per_second = 30.0; // 0 means as fast as the machine goes

    // Landscape: where the three optimizers start, (w1, w2).
    std::array<float, 2> start = {-3.f, 2.5f};
};

}  // namespace train
