#pragma once
// A run of the digit reader: a network of 784 inputs (28x28 grey pixels) and ten outputs, trained
// by mini-batches on MNIST-style IDX digits.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "data/idx.h"
#include "nn/mlp.h"
#include "nn/mlp_trainer.h"
#include "train/digits/digits_view.h"
#include "train/family.h"
#include "train/history.h"

namespace train {

// The digits of a folder, read once per process and shared by every run that opens it (a lesson's
// steps each make a new run; reading 10,000 gzipped digits again each time would stall the trainer).
struct LoadedDigits {
    std::shared_ptr<const data::MnistSet> train, test;
    std::string source;  // "<folder>: 8,000 training and 2,000 test digits"
    std::string error;   // set when the folder could not be read
};
LoadedDigits load_digits(const std::string& dir);

class DigitsRun final : public Run {
public:
    explicit DigitsRun(const Config& config, int threads = 1);

    const Config& config() const override { return config_; }
    std::uint64_t steps() const override { return steps_; }
    float loss() const override { return loss_; }
    float accuracy() const override { return accuracy_; }

    void step() override;
    void reset(std::optional<std::uint64_t> seed = std::nullopt) override;
    // Measures when a tenth of the time allows it (and always at step 0): a full pass over the
    // digits costs as much as hundreds of steps.
    void evaluate() override;
    void fill_snapshot(Snapshot& s) const override;

    std::string cannot_train() const override;
    const std::string& divergence() const override { return divergence_; }
    std::optional<GuessBaseline> guess_baseline() const override;

    void set_learning_rate(float learning_rate) override;
    void set_activation(nn::Activation activation) override;
    void set_loss(nn::Loss loss) override;
    void set_optimizer(nn::OptimizerKind optimizer) override;
    void set_batch_size(int batch_size) override;
    void set_steps_per_second(double sps) override { config_.steps_per_second = sps; }
    void set_hidden(std::vector<int> hidden) override;
    void apply(FamilyCommand& command) override;

    const nn::Mlp& mlp() const { return mlp_; }
    std::size_t train_count() const { return train_ ? train_->count() : 0; }
    std::size_t test_count() const { return test_ ? test_->count() : 0; }
    // The last measurement (null before the first).
    const DigitsEvaluation* evaluation() const { return evaluation_.get(); }
    float test_accuracy() const { return test_accuracy_; }
    float test_loss() const { return test_loss_; }
    // Measures now, whatever the budget says.
    void evaluate_now() override;

private:
    void open(const std::string& dir);
    void make_model();
    void start_run();
    void next_batch();
    void check_divergence();
    DigitsConfig& digits_() { return *config_.digits(); }

    Config config_;  // its family part is always a DigitsConfig
    std::shared_ptr<const data::MnistSet> train_, test_;
    nn::Matrix train_targets_, test_targets_;  // one-hot
    std::string source_, data_message_, load_error_;
    bool data_failed_ = false;

    nn::Mlp mlp_;
    nn::MlpTrainer trainer_;
    std::mt19937_64 order_rng_;
    std::vector<int> order_;
    std::size_t cursor_ = 0;
    std::vector<int> batch_rows_;  // the digits of the next step

    std::uint64_t steps_ = 0;
    using Clock = std::chrono::steady_clock;
    std::uint64_t evaluated_at_ = 0;
    Clock::time_point evaluated_when_;
    Clock::duration evaluation_cost_{};
    bool evaluated_ = false;
    float loss_ = 0, accuracy_ = 0, first_loss_ = -1;
    float train_loss_ = -1, train_accuracy_ = -1, test_loss_ = -1, test_accuracy_ = -1;
    std::string divergence_;
    MetricsHistory history_;
    MultiSeries grad_norm_history_;
    std::vector<float> grad_norms_, weight_norms_;
    std::shared_ptr<const DigitsEvaluation> evaluation_;
    mutable std::shared_ptr<const nn::Mlp> published_model_;  // reused while the weights have not moved
    mutable std::uint64_t published_model_version_ = ~0ull;
    std::uint64_t weights_version_ = 0;  // grows whenever the weights change
};

}  // namespace train
