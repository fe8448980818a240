#pragma once
// What the trainer trains and how: everything a lesson preset or a UI control can set. A Config is
// a common part (the network's shape and how it learns, which every family of model reads) and a
// family part (what only that family has: the plane's points, the digits' folder).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "nn/activation.h"
#include "nn/mlp.h"
#include "nn/optimizer.h"
#include "train/digits/digits_config.h"
#include "train/plane/plane_config.h"
#include "train/transformer/transformer_config.h"
#include "train/words/words_config.h"

namespace train {

// One alternative per family of model (see train/family.h).
using FamilyConfig = std::variant<PlaneConfig, DigitsConfig, WordsConfig, TransformerConfig>;

inline constexpr int kMaxHiddenLayers = 24;

struct Config {
    FamilyConfig family;

    // The network (when the model has one).
    std::vector<int> hidden = {4};  // hidden layer widths
    nn::Activation activation = nn::Activation::Sigmoid;
    nn::Loss loss = nn::Loss::CrossEntropy;

    // How it learns.
    nn::OptimizerKind optimizer = nn::OptimizerKind::SGD;
    float learning_rate = 0.1f;
    int batch_size = 0;             // examples per step; 0 = all the training examples (full batch)
    std::uint64_t seed = 1;         // weights, data and the order of the examples
    double steps_per_second = 30.0; // 0 means as fast as the machine goes

    // The panels on screen: a family fills only the parts of a snapshot these draw (a hidden
    // attention map costs the trainer nothing).
    std::vector<std::string> panels;

    // The family part, or null when the config is of another family.
    const PlaneConfig* plane() const { return std::get_if<PlaneConfig>(&family); }
    PlaneConfig* plane() { return std::get_if<PlaneConfig>(&family); }
    const DigitsConfig* digits() const { return std::get_if<DigitsConfig>(&family); }
    DigitsConfig* digits() { return std::get_if<DigitsConfig>(&family); }
    const WordsConfig* words() const { return std::get_if<WordsConfig>(&family); }
    WordsConfig* words() { return std::get_if<WordsConfig>(&family); }
    const TransformerConfig* transformer() const { return std::get_if<TransformerConfig>(&family); }
    TransformerConfig* transformer() { return std::get_if<TransformerConfig>(&family); }
};

// The model's name as lesson files write it: "perceptron", "mlp", "landscape" (the plane family),
// "digits", "words", "transformer".
std::string_view model_name(const Config& c);
std::string_view model_name(ModelKind m);
std::optional<ModelKind> model_from_name(std::string_view name);

}  // namespace train
