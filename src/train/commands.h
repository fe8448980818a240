#pragma once
// Commands the UI sends to the trainer thread. Each is applied between two training steps.
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "data/toy2d.h"
#include "nn/activation.h"
#include "nn/mlp.h"
#include "nn/optimizer.h"
#include "train/config.h"

namespace train {

struct Play {};
struct Pause {};
struct StepN { int n = 1; };                        // train exactly n steps, then pause
struct Reset { std::optional<std::uint64_t> seed; };  // fresh weights (from a new seed if given)
struct SetSpeed { double steps_per_second; };         // 0: as fast as possible

// Hyper-parameters that change how the next steps learn, and keep the weights.
struct SetLearningRate { float learning_rate; };
struct SetActivation { nn::Activation activation; };
struct SetResidual { bool residual; };
struct SetLoss { nn::Loss loss; };
struct SetOptimizer { nn::OptimizerKind optimizer; };  // its velocities and moments start over
struct SetBatchSize { int batch_size; };               // 0: full batch

// A new shape of network: fresh weights.
struct SetHidden { std::vector<int> hidden; };

// New data from a generator (the weights stay: watch them adapt).
struct SetData {
    data::Toy2D dataset;
    int points;
    float noise;
    float test_fraction;
};
// The user's own points: painted one at a time, or loaded from a file.
struct AddPoint { float x, y; int label; };      // joins the training points
struct RemovePoint { float x, y, radius; };      // the nearest point within radius, train or test
struct ClearPoints {};
struct LoadPoints { std::shared_ptr<const data::Dataset2D> points; };  // split by the test fraction

// Replace model and data. warmup_steps are trained before the first snapshot of the new model.
struct LoadConfig {
    Config config;
    int warmup_steps = 0;
    bool play = false;
};

using Command = std::variant<Play, Pause, StepN, Reset, SetSpeed, SetLearningRate, SetActivation, SetResidual, SetLoss,
                             SetOptimizer, SetBatchSize, SetHidden, SetData, AddPoint, RemovePoint, ClearPoints,
                             LoadPoints, LoadConfig>;

}  // namespace train
