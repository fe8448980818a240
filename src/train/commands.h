#pragma once
// Commands the UI sends to the trainer thread. Each is applied between two training steps. The
// common ones are the trainer's and every family's; a family command goes to the run of the family
// that declares it, and a run of another family ignores it (a click sent just before a new lesson
// step loaded another model).
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "nn/activation.h"
#include "nn/mlp.h"
#include "nn/optimizer.h"
#include "train/config.h"
#include "train/digits/digits_commands.h"
#include "train/plane/plane_commands.h"
#include "train/transformer/transformer_commands.h"
#include "train/words/words_commands.h"

namespace train {

struct Play {};
struct Pause {};
struct StepN { int n = 1; };                        // train exactly n steps, then pause
struct Reset { std::optional<std::uint64_t> seed; };  // fresh weights (from a new seed if given)
struct SetSpeed { double steps_per_second; };         // 0: as fast as possible

// Hyper-parameters that change how the next steps learn, and keep the weights.
struct SetLearningRate { float learning_rate; };
struct SetActivation { nn::Activation activation; };
struct SetLoss { nn::Loss loss; };
struct SetOptimizer { nn::OptimizerKind optimizer; };  // its velocities and moments start over
struct SetBatchSize { int batch_size; };               // 0: full batch

// A new shape of network: fresh weights.
struct SetHidden { std::vector<int> hidden; };

// Replace model and data. warmup_steps are trained before the first snapshot of the new model.
struct LoadConfig {
    Config config;
    int warmup_steps = 0;
    bool play = false;
};

// Every family's own commands, in one list.
using FamilyCommand = std::variant<SetResidual, SetData, AddPoint, RemovePoint, ClearPoints, LoadPoints, OpenDigits,
                                   OpenCorpus, OpenText, SetExample, ChooseHead, SetPrompt, SetSampling>;

using Command = std::variant<Play, Pause, StepN, Reset, SetSpeed, SetLearningRate, SetActivation, SetLoss, SetOptimizer,
                             SetBatchSize, SetHidden, LoadConfig, FamilyCommand>;

}  // namespace train
