#pragma once
// A run of the word-embedding model: skip-gram with negative sampling on the built-in corpus or a
// text the user opened, one batch of centre words per step.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/corpus.h"
#include "nn/pca.h"
#include "nn/skipgram.h"
#include "train/family.h"
#include "train/history.h"
#include "train/words/words_view.h"

namespace train {

// A corpus as its options name it, read once per process and shared by every run that opens it:
// each lesson step makes a new run, and counting a large file again each time would stall it.
struct LoadedCorpus {
    std::shared_ptr<const data::Corpus> corpus;
    std::string error;  // set when it could not be read
};
LoadedCorpus load_corpus(const std::string& file, int max_vocab, int min_count, int builtin_sentences);

class WordsRun final : public Run {
public:
    explicit WordsRun(const Config& config, int threads = 1);

    const Config& config() const override { return config_; }
    std::uint64_t steps() const override { return steps_; }
    float loss() const override { return loss_; }
    float accuracy() const override { return 0; }

    void step() override;
    void reset(std::optional<std::uint64_t> seed = std::nullopt) override;
    void evaluate() override {}  // the batch loss is the curve; the panels measure the geometry themselves
    void fill_snapshot(Snapshot& s) const override;

    double max_publish_hz() const override { return 30; }
    std::string cannot_train() const override;
    const std::string& divergence() const override { return divergence_; }

    void set_learning_rate(float learning_rate) override { config_.learning_rate = learning_rate; }
    // No activation, loss choice or hidden layers: a skip-gram model is two tables and a sigmoid.
    void set_activation(nn::Activation) override {}
    void set_loss(nn::Loss) override {}
    void set_optimizer(nn::OptimizerKind) override {}
    void set_hidden(std::vector<int>) override {}
    void set_batch_size(int batch_size) override;
    void set_steps_per_second(double sps) override { config_.steps_per_second = sps; }
    void apply(FamilyCommand& command) override;

    const nn::SkipGram& model() const { return model_; }
    const data::Corpus* corpus() const { return corpus_.get(); }
    std::int64_t words_trained() const { return words_trained_; }

private:
    void open(const OpenCorpus& request);
    void start_run();
    void check_divergence();
    int batch_words() const;
    WordsConfig& words_() { return *config_.words(); }

    Config config_;  // its family part is always a WordsConfig
    int threads_ = 1;
    std::shared_ptr<const data::Corpus> corpus_;
    std::string load_error_, data_message_;
    bool data_failed_ = false;

    nn::SkipGram model_;
    nn::NegativeSampler sampler_;
    std::size_t cursor_ = 0;             // the next centre word's position in the token stream
    std::vector<std::size_t> centers_;   // the positions of this step's centre words

    std::uint64_t steps_ = 0;
    std::int64_t words_trained_ = 0;
    float loss_ = 0, first_loss_ = -1;
    std::string divergence_;
    MetricsHistory history_;
    Series rows_changed_;
    std::vector<int> touched_;
    int touched_output_ = 0;

    std::uint64_t weights_version_ = 0;  // grows whenever the table changes
    mutable std::uint64_t published_version_ = ~0ull;
    mutable std::shared_ptr<const nn::EmbeddingTable> published_table_;
    mutable nn::StableProjection projection_;
    mutable std::vector<float> x_, y_;
};

}  // namespace train
