#pragma once
// Commands the UI sends to the trainer thread. Each is applied between two training steps.
#include <cstdint>
#include <optional>
#include <variant>

#include "nn/activation.h"
#include "train/config.h"

namespace train {

struct Play {};
struct Pause {};
struct StepN { int n = 1; };                        // train exactly n steps, then pause
struct Reset { std::optional<std::uint64_t> seed; };  // fresh weights (from a new seed if given)
struct SetLearningRate { float learning_rate; };
struct SetActivation { nn::Activation activation; };  // keeps the weights
struct SetSpeed { double steps_per_second; };         // 0: as fast as possible
// Replace model and data. warmup_steps are trained before the first snapshot of the new model.
struct LoadConfig {
    Config config;
    int warmup_steps = 0;
    bool play = false;
};

using Command = std::variant<Play, Pause, StepN, Reset, SetLearningRate, SetActivation, SetSpeed, LoadConfig>;

}  // namespace train
