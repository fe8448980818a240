#pragma once
// A run of the plane family: a perceptron, a network or the loss landscape learning 2-D points.
// Single-threaded from the caller's point of view; the trainer thread drives it through Run, tests
// drive one directly.
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "data/toy2d.h"
#include "nn/mlp.h"
#include "nn/mlp_trainer.h"
#include "nn/perceptron.h"
#include "train/config.h"
#include "train/family.h"
#include "train/plane/landscape.h"
#include "train/plane/plane_view.h"
#include "train/snapshot.h"

namespace train {

class PlaneRun final : public Run {
public:
    // threads: OpenMP team size used inside a step. A config of another family is taken as the
    // plane's defaults with its common part.
    explicit PlaneRun(const Config& config, int threads = 1);

    void step() override;
    void reset(std::optional<std::uint64_t> seed = std::nullopt) override;

    // Hyper-parameters: they change the next steps and keep the weights.
    void set_learning_rate(float learning_rate) override;
    void set_activation(nn::Activation activation) override;
    void set_residual(bool residual);
    void set_loss(nn::Loss loss) override;
    void set_optimizer(nn::OptimizerKind optimizer) override;  // the new optimizer starts with no momentum
    void set_batch_size(int batch_size) override;
    void set_steps_per_second(double sps) override { config_.steps_per_second = sps; }
    // A new shape of network. Every layer whose shape is unchanged keeps its weights (hidden layers
    // matched from the input up, the output layer with the output layer); new or reshaped layers
    // start from fresh weights drawn from the seed. The run restarts at step 0.
    void set_hidden(std::vector<int> hidden) override;
    void apply(FamilyCommand& command) override;

    // Data. Generated points replace the current ones; the user's points are added, removed or
    // loaded. The weights stay either way, so the student sees the model adapt.
    void set_data(data::Toy2D dataset, int points, float noise, float test_fraction);
    void add_point(float x, float y, int label);
    bool remove_point(float x, float y, float radius);  // false when no point is that near
    void clear_points();
    void load_points(const data::Dataset2D& points);

    const Config& config() const override { return config_; }
    const PlaneConfig& plane() const { return plane_(); }
    std::uint64_t steps() const override { return steps_; }
    float loss() const override { return loss_; }
    float accuracy() const override { return accuracy_; }
    bool converged() const override { return converged_; }
    // Size of each layer's weight gradient at the last step (input layer first, output last).
    const std::vector<float>& grad_norms() const { return grad_norms_; }
    // Empty while training is healthy; otherwise why it must stop (NaN or exploding loss).
    const std::string& divergence() const override { return divergence_; }
    void describe_divergence(const Snapshot& s, DivergenceFacts& f) const override;
    std::optional<GuessBaseline> guess_baseline() const override;
    // Empty when a step can run; otherwise why not (no training points).
    std::string cannot_train() const override;

    // Loss and accuracy of the current weights on every training and test point, recorded in the
    // history at the current step. The trainer calls it before publishing.
    void evaluate() override;
    // Fills everything but version and run state.
    void fill_snapshot(Snapshot& s) const override;

    const nn::Mlp& mlp() const { return mlp_; }
    const nn::Perceptron& perceptron() const { return perceptron_; }
    const data::Dataset2D& train_data() const { return *train_; }
    const data::Dataset2D& test_data() const { return *test_; }
    const Landscape* landscape() const { return landscape_ ? &*landscape_ : nullptr; }
    // Accuracy of the current weights on the training points (after the last update).
    float evaluate_accuracy() const;

private:
    void make_data();
    void set_points(data::Dataset2D train, data::Dataset2D test, bool from_user);
    void make_model();
    void clear_run();
    void start_run();  // step 0 with the current weights: clears the run, measures the start
    void step_perceptron();
    void step_mlp();
    void step_landscape();
    void next_batch();
    void check_divergence();
    std::vector<int> layer_sizes() const;
    void fill_probe(PlaneView& v) const;
    void fill_neuron_fields(PlaneView& v) const;
    PlaneConfig& plane_() { return *config_.plane(); }
    const PlaneConfig& plane_() const { return *config_.plane(); }

    Config config_;  // its family part is always a PlaneConfig
    std::shared_ptr<const data::Dataset2D> train_, test_;
    bool user_points_ = false;
    nn::Matrix train_targets_, test_targets_;  // labels as a column of 0/1, for the loss
    nn::Perceptron perceptron_;
    nn::Mlp mlp_;
    nn::MlpTrainer trainer_;
    std::optional<Landscape> landscape_;

    // Mini-batches: a shuffled order of the training points, walked a batch at a time.
    std::mt19937_64 order_rng_;
    std::vector<int> order_;
    std::size_t cursor_ = 0;
    nn::Matrix batch_x_, batch_t_;
    int last_example_ = -1;  // the last example of the last batch, for the network view

    std::uint64_t steps_ = 0;
    float loss_ = 0, accuracy_ = 0;
    float first_loss_ = -1;
    int clean_streak_ = 0;  // perceptron: examples in a row it got right
    bool converged_ = false;
    std::string divergence_;
    std::optional<PerceptronStepInfo> last_perceptron_step_;
    MetricsHistory history_;
    MultiSeries grad_norm_history_;
    std::vector<float> grad_norms_, weight_norms_;
    float train_loss_ = -1, train_accuracy_ = -1, test_loss_ = -1, test_accuracy_ = -1;
};

}  // namespace train
