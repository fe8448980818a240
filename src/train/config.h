#pragma once
// What the trainer trains and how: everything a lesson preset or a UI control can set.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "data/toy2d.h"
#include "nn/activation.h"

namespace train {

enum class ModelKind {
    Perceptron,  // one neuron with a step function, trained by the perceptron rule, one example a step
    Mlp,         // a multi-layer perceptron trained by backpropagation, one full-batch step a step
};

std::string_view model_name(ModelKind m);  // "perceptron", "mlp"
std::optional<ModelKind> model_from_name(std::string_view name);

struct Config {
    ModelKind model = ModelKind::Perceptron;
    data::Toy2D dataset = data::Toy2D::And;
    std::vector<int> hidden = {4};  // hidden layer widths (Mlp only)
    nn::Activation activation = nn::Activation::Sigmoid;
    float learning_rate = 0.1f;
    std::uint64_t seed = 1;
    double steps_per_second = 30.0;  // 0 means as fast as the machine goes
};

}  // namespace train
