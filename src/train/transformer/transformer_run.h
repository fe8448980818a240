#pragma once
// A run of the tiny transformer: one batch of the task's examples per step, AdamW, and the
// measurements its panels show (attention on one example, induction and copying scores, the
// prompt's next-token distribution, generated text).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/text_tasks.h"
#include "nn/pca.h"
#include "nn/transformer/transformer.h"
#include "train/family.h"
#include "train/history.h"
#include "train/transformer/transformer_view.h"

namespace train {

// Per-head scores of an attention trace (see TransformerView).
struct HeadScores {
    std::vector<float> induction, previous, task;
};
HeadScores score_heads(const nn::AttentionTrace& trace, const data::TextTaskData& data);
// The best induction score among the heads of layers after the first (0 for a one-layer model).
float best_induction_score(const nn::AttentionTrace& trace, const std::vector<float>& induction);

class TransformerRun final : public Run {
public:
    explicit TransformerRun(const Config& config, int threads = 1);

    const Config& config() const override { return config_; }
    std::uint64_t steps() const override { return steps_; }
    float loss() const override { return loss_; }
    float accuracy() const override { return accuracy_; }

    void step() override;
    void reset(std::optional<std::uint64_t> seed = std::nullopt) override;
    void evaluate() override;
    void evaluate_now() override;
    void fill_snapshot(Snapshot& s) const override;

    std::string cannot_train() const override;
    const std::string& divergence() const override { return divergence_; }

    void set_learning_rate(float learning_rate) override;
    void set_activation(nn::Activation activation) override;  // GELU or ReLU; others are ignored
    void set_loss(nn::Loss) override {}
    void set_optimizer(nn::OptimizerKind) override {}  // always AdamW
    void set_hidden(std::vector<int>) override {}
    void set_batch_size(int batch_size) override;
    void set_steps_per_second(double sps) override { config_.steps_per_second = sps; }
    void apply(FamilyCommand& command) override;

    const nn::Transformer& model() const { return model_; }
    const data::TextTaskData* data() const { return data_.get(); }
    // The test set's loss and accuracy with the current weights (of the scored positions).
    float test_loss() const { return test_loss_; }
    float test_accuracy() const { return test_accuracy_; }
    // Repeat task: the test loss on the positions a model can predict (the repeats).
    float repeat_loss() const { return repeat_loss_; }
    // The attention trace of the example the panels show, made now.
    nn::AttentionTrace trace_example() const;

private:
    void open_data(const data::TaskOptions& options);
    void start_run();
    void check_divergence();
    int batch_sequences() const;
    nn::TransformerShape shape() const;
    bool shown(std::string_view panel) const;
    TransformerConfig& tf_() { return *config_.transformer(); }
    const TransformerConfig& tf_() const { return *config_.transformer(); }

    Config config_;  // its family part is always a TransformerConfig
    int threads_ = 1;
    std::shared_ptr<const data::TextTaskData> data_;
    std::string load_error_, data_message_;
    bool data_failed_ = false;

    nn::Transformer model_;
    nn::TransformerTrainer trainer_;
    data::TaskBatch batch_, test_batch_, train_sample_;  // train_sample_: training examples measured like the test ones
    std::vector<int> repeat_targets_;  // the test batch's targets, only where a repeat is predictable

    std::uint64_t steps_ = 0;
    float loss_ = 0, accuracy_ = 0, first_loss_ = -1;
    float train_loss_ = -1, train_accuracy_ = -1, test_loss_ = -1, test_accuracy_ = -1, repeat_loss_ = -1;
    std::uint64_t evaluated_at_ = ~0ull;
    std::chrono::steady_clock::time_point evaluated_when_{};
    std::chrono::steady_clock::duration evaluation_cost_{};
    std::string divergence_;
    MetricsHistory history_;
    MultiSeries grad_history_;
    Series induction_history_, repeat_history_, entropy_history_;

    // The example and prompt, as tokens (empty when refused: the message says why).
    std::vector<int> example_tokens_, prompt_tokens_;
    std::string example_message_, prompt_message_;

    std::uint64_t weights_version_ = 0;
    // What the last publication made, kept while the weights do not change.
    mutable std::uint64_t traced_version_ = ~0ull, mapped_version_ = ~0ull, generated_version_ = ~0ull;
    mutable std::shared_ptr<const nn::AttentionTrace> trace_;
    mutable HeadScores scores_;
    mutable nn::StableProjection projection_;
    mutable std::vector<float> x_, y_;
    mutable std::vector<float> next_logits_;
    mutable std::vector<GeneratedText> generated_;
    mutable std::uint64_t generated_step_ = 0;
    mutable std::chrono::steady_clock::time_point generated_when_{};
    mutable std::shared_ptr<const nn::Matrix> positions_;
};

}  // namespace train
