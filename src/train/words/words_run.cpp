#include "train/words/words_run.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>
#include <variant>

#include "train/format.h"
#include "train/messages.h"

namespace train {

namespace {
// A loss this many times its starting value means the steps are throwing the vectors away.
constexpr float kExplodeFactor = 10.f;
// Centre words per step when the preset says 0 ("all of them" means nothing for a stream of text).
constexpr int kDefaultBatchWords = 128;
// Below this many centre words a step runs on one thread: the same seed then gives the same run
// (threads updating shared rows, as word2vec does, race), and on a laptop the UI keeps a core.
constexpr int kParallelBatchWords = 1024;

std::uint64_t step_seed(std::uint64_t seed, std::uint64_t step) {
    std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + step + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
}  // namespace

LoadedCorpus load_corpus(const std::string& file, int max_vocab, int min_count, int builtin_sentences) {
    static std::mutex mu;
    static std::map<std::tuple<std::string, int, int, int>, std::shared_ptr<const data::Corpus>> cache;
    std::error_code ec;
    const std::string key_file = file.empty() ? std::string() : std::filesystem::weakly_canonical(file, ec).string();
    const auto key = file.empty() ? std::make_tuple(std::string(), 0, 0, builtin_sentences)
                                  : std::make_tuple(key_file, max_vocab, min_count, 0);
    std::lock_guard lk(mu);
    if (auto it = cache.find(key); it != cache.end()) return {it->second, {}};
    LoadedCorpus loaded;
    if (file.empty()) {
        loaded.corpus = std::make_shared<const data::Corpus>(data::builtin_corpus(1, builtin_sentences));
    } else {
        data::CorpusResult r = data::read_corpus_file(file, {max_vocab, min_count});
        if (!r.corpus) {
            loaded.error = r.error;
            return loaded;  // not cached: the file may be fixed while the app runs
        }
        loaded.corpus = std::make_shared<const data::Corpus>(std::move(*r.corpus));
    }
    cache.emplace(key, loaded.corpus);
    return loaded;
}

WordsRun::WordsRun(const Config& config, int threads) : config_(config), threads_(std::max(1, threads)) {
    if (!config_.words()) config_.family = WordsConfig{};
    WordsConfig& w = words_();
    w.dim = std::clamp(w.dim, 2, kMaxWordDim);
    w.window = std::clamp(w.window, 1, kMaxWordWindow);
    w.negatives = std::clamp(w.negatives, 1, kMaxWordNegatives);
    w.max_vocab = std::clamp(w.max_vocab, 2, kMaxWordVocab);
    w.min_count = std::max(1, w.min_count);
    config_.batch_size = std::max(0, config_.batch_size);
    open({w.corpus_file, w.max_vocab, w.min_count});
    reset();
}

// ---- Data -----------------------------------------------------------------------------------------

void WordsRun::open(const OpenCorpus& request) {
    WordsConfig& w = words_();
    const int max_vocab = std::clamp(request.max_vocab, 2, kMaxWordVocab);
    const int min_count = std::max(1, request.min_count);
    LoadedCorpus loaded = load_corpus(request.file, max_vocab, min_count, w.builtin_sentences);
    if (!loaded.corpus) {
        if (!corpus_) load_error_ = loaded.error;
        data_message_ = loaded.error;
        data_failed_ = true;
        return;
    }
    w.corpus_file = request.file;
    w.max_vocab = max_vocab;
    w.min_count = min_count;
    corpus_ = std::move(loaded.corpus);
    sampler_ = nn::NegativeSampler(corpus_->vocab.counts);
    load_error_.clear();
    data_message_ = request.file.empty() ? std::string() : "Opened " + corpus_->source + ": " + corpus_->summary;
    data_failed_ = false;
}

std::string WordsRun::cannot_train() const {
    if (corpus_ && corpus_->tokens.size() >= 2 && corpus_->vocab.size() >= 2) return {};
    if (!load_error_.empty()) return "There is no text to learn from: " + load_error_ + ". Open another file, or the built-in corpus.";
    return "There is no text to learn from: the text has fewer than two words the vocabulary keeps.";
}

// ---- Model and run --------------------------------------------------------------------------------

void WordsRun::reset(std::optional<std::uint64_t> seed) {
    if (seed) config_.seed = *seed;
    const WordsConfig& w = words_();
    const int vocab = corpus_ ? corpus_->vocab.size() : 0;
    model_ = nn::SkipGram(vocab, {w.dim, w.window, w.negatives}, config_.seed);
    ++weights_version_;
    projection_.clear();
    start_run();
}

void WordsRun::start_run() {
    steps_ = 0;
    words_trained_ = 0;
    cursor_ = 0;
    first_loss_ = -1;
    divergence_.clear();
    history_.clear();
    rows_changed_.clear();
    touched_.clear();
    touched_output_ = 0;
    // Before the first step every output row is zero, so every pair scores σ(0) = 1/2 for the true
    // context and for each negative word: the loss is (1 + negatives) ln 2 whatever the text.
    loss_ = float((1 + words_().negatives) * std::log(2.0));
    history_.loss.add(0, loss_);
}

int WordsRun::batch_words() const {
    const int b = config_.batch_size > 0 ? config_.batch_size : kDefaultBatchWords;
    return corpus_ ? int(std::min<std::size_t>(std::size_t(b), corpus_->tokens.size())) : b;
}

void WordsRun::set_batch_size(int batch_size) { config_.batch_size = std::max(0, batch_size); }

void WordsRun::apply(FamilyCommand& command) {
    if (auto* c = std::get_if<OpenCorpus>(&command)) {
        const std::shared_ptr<const data::Corpus> before = corpus_;
        open(*c);
        if (corpus_ != before) reset();  // another vocabulary: another table
    }
}

// ---- Steps ----------------------------------------------------------------------------------------

void WordsRun::step() {
    if (!divergence_.empty() || !cannot_train().empty()) return;
    // Through the text in order, as word2vec reads it, starting over at its end.
    const std::size_t n = corpus_->tokens.size();
    const int b = batch_words();
    centers_.resize(std::size_t(b));
    for (int i = 0; i < b; ++i) {
        if (cursor_ >= n) cursor_ = 0;
        centers_[std::size_t(i)] = cursor_++;
    }
    const int threads = b >= kParallelBatchWords ? threads_ : 1;
    const nn::SkipGramStepStats stats = model_.step(corpus_->tokens, centers_, config_.learning_rate, sampler_,
                                                    step_seed(config_.seed, steps_), threads);
    ++weights_version_;
    ++steps_;
    words_trained_ += stats.words;
    loss_ = float(stats.mean_loss());
    const std::span<const int> touched = model_.touched_input();
    touched_.assign(touched.begin(), touched.end());
    touched_output_ = int(model_.touched_output().size());
    history_.loss.add(steps_, loss_);
    rows_changed_.add(steps_, float(touched_.size()));
    check_divergence();
}

void WordsRun::check_divergence() {
    if (!std::isfinite(loss_) || !model_.input().allFinite()) {
        if (std::isfinite(loss_)) loss_ = std::numeric_limits<float>::quiet_NaN();  // the vectors are lost
        divergence_ = "The word vectors became NaN or infinite at step " + std::to_string(steps_) +
                      ": the learning rate " + format_learning_rate(config_.learning_rate) +
                      " is too large. Lower it and press Reset.";
        return;
    }
    if (first_loss_ < 0) first_loss_ = loss_;
    if (loss_ > kExplodeFactor * std::max(first_loss_, 0.01f))
        divergence_ = exploded_loss_reason(loss_, first_loss_, config_.learning_rate);
}

void WordsRun::fill_snapshot(Snapshot& s) const {
    s.step = steps_;
    s.config = config_;
    s.parameter_count = long(model_.input().size() + model_.output().size());
    s.loss = loss_;
    s.accuracy = 0;
    s.history = history_;

    auto view = std::make_shared<WordsView>();
    view->corpus = corpus_;
    if (published_version_ != weights_version_) {
        published_table_ = std::make_shared<const nn::EmbeddingTable>(model_.input());
        published_version_ = weights_version_;
        // The projection moves only when the vectors do: a paused screen keeps its picture.
        const Eigen::MatrixX2d& p = projection_.update(model_.input());
        x_.resize(std::size_t(p.rows()));
        y_.resize(std::size_t(p.rows()));
        for (Eigen::Index i = 0; i < p.rows(); ++i) {
            x_[std::size_t(i)] = float(p(i, 0));
            y_[std::size_t(i)] = float(p(i, 1));
        }
    }
    view->embeddings = published_table_;
    view->x = x_;
    view->y = y_;
    view->explained = projection_.explained();
    view->touched = touched_;
    view->touched_output = touched_output_;
    view->rows_changed = rows_changed_;
    view->words_trained = words_trained_;
    view->data_message = data_message_;
    view->data_failed = data_failed_;
    s.family = std::move(view);
}

}  // namespace train
