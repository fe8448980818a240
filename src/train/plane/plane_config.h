#pragma once
// What only the models of the plane family have: a generated set of 2-D points and which of the
// three models (perceptron, network, loss landscape) learns them.
#include <array>

#include "data/toy2d.h"

namespace train {

enum class ModelKind {
    Perceptron,  // one neuron with a step function, trained by the perceptron rule, one example a step
    Mlp,         // a multi-layer perceptron trained by backpropagation, one batch a step
    Landscape,   // one neuron with two weights (no bias), trained by SGD, momentum and Adam side by side
};

inline constexpr ModelKind kAllModels[] = {ModelKind::Perceptron, ModelKind::Mlp, ModelKind::Landscape};

// Limits of what the UI and lesson files may ask for: room for every experiment of the lessons on
// points, none for a typo that would freeze the app (a million points).
inline constexpr int kMaxPoints = 5000;
inline constexpr int kMaxPlaneHiddenWidth = 64;

struct PlaneConfig {
    ModelKind model = ModelKind::Perceptron;

    // The data: a generated set (points, noise and seed matter for the shapes, not the gates),
    // split into training and test points.
    data::Toy2D dataset = data::Toy2D::And;
    int points = 200;
    float noise = 0.1f;
    float test_fraction = 0.f;

    bool residual = false;  // shortcuts around the hidden layers whose width does not change

    // Landscape: where the three optimizers start, (w1, w2).
    std::array<float, 2> start = {-3.f, 2.5f};
};

}  // namespace train
