#pragma once
// One training run, single-threaded from the caller's point of view: the model, its data, and the
// step that updates it. The trainer thread drives a Session; tests drive one directly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "data/toy2d.h"
#include "nn/mlp.h"
#include "nn/perceptron.h"
#include "train/config.h"
#include "train/snapshot.h"

namespace train {

class Session {
public:
    // threads: OpenMP team size used inside a step.
    explicit Session(const Config& config, int threads = 1);

    void step();
    void reset(std::optional<std::uint64_t> seed = std::nullopt);
    void set_learning_rate(float learning_rate) { config_.learning_rate = learning_rate; }
    void set_activation(nn::Activation activation);  // keeps the weights
    void set_steps_per_second(double sps) { config_.steps_per_second = sps; }
    void set_threads(int threads) { stepper_.set_threads(threads); }

    const Config& config() const { return config_; }
    std::uint64_t steps() const { return steps_; }
    float loss() const { return loss_; }
    float accuracy() const { return accuracy_; }
    bool converged() const { return converged_; }
    // Empty while training is healthy; otherwise why it must stop (NaN or exploding loss).
    const std::string& divergence() const { return divergence_; }

    // Fills everything but version and run state.
    void fill_snapshot(Snapshot& s) const;

    const nn::Mlp& mlp() const { return mlp_; }
    const nn::Perceptron& perceptron() const { return perceptron_; }
    // Accuracy of the current weights on the training set (after the last update).
    float evaluate_accuracy() const;

private:
    void step_perceptron();
    void step_mlp();
    void check_divergence();
    void record();

    Config config_;
    std::shared_ptr<const data::Dataset2D> data_;
    nn::Matrix targets_;  // labels as a column of 0/1, for the loss
    nn::Perceptron perceptron_;
    nn::Mlp mlp_;
    nn::MlpStepper stepper_;

    std::uint64_t steps_ = 0;
    float loss_ = 0, accuracy_ = 0;
    float first_loss_ = -1;
    int clean_streak_ = 0;  // perceptron: examples in a row it got right
    bool converged_ = false;
    std::string divergence_;
    std::optional<PerceptronStepInfo> last_perceptron_step_;
    MetricsHistory history_;
};

}  // namespace train
