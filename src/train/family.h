#pragma once
// A family of models: the plane (perceptron, network and loss landscape on 2-D points) and the
// digit reader today. The trainer thread and the lesson engine know a family only through this
// file: a Run to train, and a Family entry in the registry naming its models, preset keys and
// panels. Adding a family is a Run subclass, an entry in families.cpp, its config, view and
// commands in the variants of config.h and commands.h, and its panels in the UI's table.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "train/commands.h"
#include "train/config.h"
#include "train/messages.h"
#include "train/snapshot.h"

namespace train {

// What a run that stopped learning would score by guessing: the baseline of the stuck watch.
struct GuessBaseline {
    float chance = 0.5f;    // accuracy of always answering the largest class
    float guess_loss = 0;   // loss of always predicting the class shares
};

// One training run of one family, driven by one thread at a time (the trainer's, or a test's).
class Run {
public:
    virtual ~Run() = default;

    virtual const Config& config() const = 0;
    virtual std::uint64_t steps() const = 0;
    virtual float loss() const = 0;      // of the last step's batch
    virtual float accuracy() const = 0;  // of the last step's batch

    virtual void step() = 0;
    virtual void reset(std::optional<std::uint64_t> seed = std::nullopt) = 0;
    // Loss and accuracy of the current weights on the training and test examples, into the history.
    // A run may skip a measurement its time budget cannot afford (see DigitsRun::evaluate);
    // evaluate_now never skips: a paused screen shows figures of the step it shows.
    virtual void evaluate() = 0;
    virtual void evaluate_now() { evaluate(); }
    // Everything of a snapshot but version, run state and message.
    virtual void fill_snapshot(Snapshot& s) const = 0;

    // Empty when a step can run; otherwise why not (no training points, no digits).
    virtual std::string cannot_train() const = 0;
    // Empty while training is healthy; otherwise why it stopped (NaN or exploding loss).
    virtual const std::string& divergence() const = 0;
    // The figures the divergence message quotes; the default is the network's training loss.
    virtual void describe_divergence(const Snapshot& s, DivergenceFacts& f) const;
    virtual bool converged() const { return false; }
    // At most this many snapshots a second while training (0: the trainer's rate). A family whose
    // every panel moves with every snapshot (hundreds of labelled words) halves the UI's drawing by
    // asking for 30: motion at film rate, and every other frame has nothing new to draw.
    virtual double max_publish_hz() const { return 0; }
    // The stuck watch's baseline, or none for a model the watch does not apply to.
    virtual std::optional<GuessBaseline> guess_baseline() const { return std::nullopt; }

    // Common hyper-parameters: the next steps change, the weights stay.
    virtual void set_learning_rate(float learning_rate) = 0;
    virtual void set_activation(nn::Activation activation) = 0;
    virtual void set_loss(nn::Loss loss) = 0;
    virtual void set_optimizer(nn::OptimizerKind optimizer) = 0;
    virtual void set_batch_size(int batch_size) = 0;
    virtual void set_steps_per_second(double sps) = 0;
    // A new shape: layers whose shape is unchanged keep their weights, the run restarts at step 0.
    virtual void set_hidden(std::vector<int> hidden) = 0;
    // A command of this family (others are ignored).
    virtual void apply(FamilyCommand& command) = 0;
};

struct Family {
    std::string_view name;                      // "plane", "digits"
    std::vector<std::string_view> models;       // lesson files' `model` values of this family
    std::vector<std::string_view> preset_keys;  // keys only this family's presets may set
    std::vector<std::string_view> panels;       // panels that draw this family's part of a snapshot
    int max_hidden_width = 64;
    std::size_t config_index = 0;               // its alternative in FamilyConfig
    // A config of this family for a model name of `models`.
    FamilyConfig (*config_for)(std::string_view model) = nullptr;
    std::unique_ptr<Run> (*make_run)(const Config& config, int threads) = nullptr;
};

// Panels that need no family's part of a snapshot (the spam neuron lives in the lesson), available
// to every family.
inline constexpr std::string_view kCommonPanels[] = {"loss", "gradients", "spam"};

std::span<const Family> families();
const Family& family_of(const Config& c);
const Family* family_of_model(std::string_view model);
// Every family's model names, in registry order: "perceptron, mlp, landscape, digits".
std::string all_model_names();

std::unique_ptr<Run> make_run(const Config& config, int threads = 1);

// Hidden widths kept within the family's limits.
void keep_hidden_in_limits(Config& c);

}  // namespace train
