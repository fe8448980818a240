#include "train/digits/digits_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <type_traits>
#include <variant>

#include "train/format.h"
#include "train/messages.h"

namespace train {

namespace {
constexpr int kClasses = data::kMnistClasses;
// A loss this many times its starting value means the steps are throwing the weights away.
constexpr float kExplodeFactor = 100.f;
// At most this many digits of each set are measured at an evaluation: the full MNIST's 60,000
// training digits would cost a second of the trainer's time per measurement.
constexpr int kMaxMeasured = 10'000;

nn::Matrix one_hot(const data::MnistSet& set) {
    nn::Matrix t = nn::Matrix::Zero(Eigen::Index(set.count()), kClasses);
    for (std::size_t i = 0; i < set.count(); ++i) t(Eigen::Index(i), set.labels[i]) = 1.f;
    return t;
}

struct Measured {
    float loss = -1, accuracy = -1;
};

// Loss and accuracy of the first `rows` examples, in blocks so the activations stay small.
Measured measure(const nn::Mlp& mlp, const nn::Matrix& x, const nn::Matrix& t, Eigen::Index rows,
                 DigitsEvaluation* record) {
    if (rows <= 0) return {};
    constexpr Eigen::Index kBlock = 500;
    nn::MlpCache cache;
    double loss_sum = 0;
    long correct = 0;
    for (Eigen::Index r0 = 0; r0 < rows; r0 += kBlock) {
        const Eigen::Index n = std::min(kBlock, rows - r0);
        const nn::Matrix xb = x.middleRows(r0, n);
        const nn::Matrix tb = t.middleRows(r0, n);
        const nn::Matrix& logits = nn::mlp_forward(mlp, xb, cache);
        correct += nn::count_correct(logits, tb);
        loss_sum += double(nn::mlp_loss(mlp, tb, cache)) * double(n);
        if (record) {
            for (Eigen::Index i = 0; i < n; ++i) {
                std::array<float, 10> p{};
                int best = 0;
                for (int k = 0; k < kClasses; ++k) {
                    p[std::size_t(k)] = cache.p(i, k);
                    if (p[std::size_t(k)] > p[std::size_t(best)]) best = k;
                }
                int truth = 0;
                for (int k = 0; k < kClasses; ++k)
                    if (tb(i, k) > 0.5f) truth = k;
                record->digits.push_back(int(r0 + i));
                record->probabilities.push_back(p);
                record->predicted.push_back(std::uint8_t(best));
                ++record->confusion[std::size_t(truth * 10 + best)];
            }
        }
    }
    return {float(loss_sum / double(rows)), float(correct) / float(rows)};
}
}  // namespace

LoadedDigits load_digits(const std::string& dir) {
    static std::mutex mu;
    static std::map<std::string, LoadedDigits> cache;
    std::error_code ec;
    const std::filesystem::path path = dir.empty() ? std::filesystem::path("data/mnist") : std::filesystem::path(dir);
    const std::string key = std::filesystem::weakly_canonical(path, ec).string();
    std::lock_guard lk(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    LoadedDigits loaded;
    data::MnistDataResult r = data::read_mnist_dir(path);
    if (!r.data) {
        loaded.error = r.error;
        return loaded;  // not cached: the set-up may install the digits while the app runs
    }
    loaded.source = path.string() + ": " + format_count((long long)r.data->train.count()) + " training and " +
                    format_count((long long)r.data->test.count()) + " test digits";
    loaded.train = std::make_shared<const data::MnistSet>(std::move(r.data->train));
    loaded.test = std::make_shared<const data::MnistSet>(std::move(r.data->test));
    cache.emplace(key, loaded);
    return loaded;
}

DigitsRun::DigitsRun(const Config& config, int threads)
    : config_(config), trainer_({config.optimizer, config.learning_rate}, threads) {
    if (!config_.digits()) config_.family = DigitsConfig{};
    keep_hidden_in_limits(config_);
    config_.batch_size = std::max(0, config_.batch_size);
    open(digits_().data_dir);
    reset();
}

// ---- Data ---------------------------------------------------------------------------------------

void DigitsRun::open(const std::string& dir) {
    LoadedDigits loaded = load_digits(dir);
    if (!loaded.error.empty()) {
        if (!train_) load_error_ = loaded.error;  // nothing to keep: say why there is nothing
        data_message_ = loaded.error;
        data_failed_ = true;
        return;
    }
    digits_().data_dir = dir;
    train_ = std::move(loaded.train);
    test_ = std::move(loaded.test);
    source_ = std::move(loaded.source);
    train_targets_ = one_hot(*train_);
    test_targets_ = one_hot(*test_);
    load_error_.clear();
    data_message_.clear();
    data_failed_ = false;
}

std::string DigitsRun::cannot_train() const {
    if (train_ && train_->count() > 0) return {};
    return "There are no digits to train on: " + load_error_ +
           ". Run ./run.sh once to install them into data/mnist, or open a folder of MNIST IDX files.";
}

// ---- Model and run --------------------------------------------------------------------------------

void DigitsRun::make_model() {
    std::vector<int> sizes = {data::kMnistPixels};
    sizes.insert(sizes.end(), config_.hidden.begin(), config_.hidden.end());
    sizes.push_back(kClasses);
    mlp_ = nn::make_mlp<float>(sizes, config_.activation, config_.seed, false, config_.loss);
    trainer_.optimizer().set_kind(config_.optimizer);
    trainer_.optimizer().set_learning_rate(config_.learning_rate);
    trainer_.reset();
    ++weights_version_;
}

void DigitsRun::reset(std::optional<std::uint64_t> seed) {
    if (seed) config_.seed = *seed;
    make_model();
    start_run();
}

void DigitsRun::start_run() {
    steps_ = 0;
    first_loss_ = -1;
    divergence_.clear();
    history_.clear();
    grad_norm_history_.clear();
    grad_norms_.assign(std::size_t(mlp_.layer_count()), 0.f);
    weight_norms_.clear();
    for (const nn::Matrix& W : mlp_.W) weight_norms_.push_back(W.norm());
    order_rng_.seed(config_.seed * 0x9E3779B97F4A7C15ull + 7);
    order_.clear();
    cursor_ = 0;
    evaluation_.reset();
    evaluated_ = false;
    train_loss_ = train_accuracy_ = test_loss_ = test_accuracy_ = -1;
    evaluate_now();
    // Before the first step, the batch figures are those of the whole training set.
    loss_ = std::max(0.f, train_loss_);
    accuracy_ = std::max(0.f, train_accuracy_);
    history_.loss.add(0, loss_);
    history_.accuracy.add(0, accuracy_);
}

void DigitsRun::set_learning_rate(float learning_rate) {
    config_.learning_rate = learning_rate;
    trainer_.optimizer().set_learning_rate(learning_rate);
}

void DigitsRun::set_activation(nn::Activation activation) {
    config_.activation = activation;
    mlp_.activation = activation;
}

void DigitsRun::set_loss(nn::Loss loss) {
    config_.loss = loss;
    mlp_.loss = loss;
    first_loss_ = -1;  // a loss of another kind has another scale
}

void DigitsRun::set_optimizer(nn::OptimizerKind optimizer) {
    config_.optimizer = optimizer;
    trainer_.optimizer().set_kind(optimizer);
}

void DigitsRun::set_batch_size(int batch_size) { config_.batch_size = std::max(0, batch_size); }

void DigitsRun::set_hidden(std::vector<int> hidden) {
    config_.hidden = std::move(hidden);
    keep_hidden_in_limits(config_);
    make_model();
    start_run();
}

void DigitsRun::apply(FamilyCommand& command) {
    if (auto* c = std::get_if<OpenDigits>(&command)) {
        open(c->dir);
        if (!data_failed_) start_run();  // the weights stay; the curves start over on the new digits
    }
}

// ---- Steps ----------------------------------------------------------------------------------------

void DigitsRun::next_batch() {
    const int n = int(train_->count());
    const int b = std::min(config_.batch_size > 0 ? config_.batch_size : n, n);
    batch_rows_.resize(std::size_t(b));
    // Every digit once per pass, in a new random order each pass. The trainer copies the rows
    // itself, each thread its own share, into the cache of the core that reads them.
    for (int i = 0; i < b; ++i) {
        if (cursor_ >= order_.size()) {
            order_.resize(std::size_t(n));
            for (int k = 0; k < n; ++k) order_[std::size_t(k)] = k;
            std::shuffle(order_.begin(), order_.end(), order_rng_);
            cursor_ = 0;
        }
        batch_rows_[std::size_t(i)] = order_[cursor_++];
    }
}

void DigitsRun::step() {
    if (!divergence_.empty() || !cannot_train().empty()) return;
    next_batch();
    const nn::StepResult r = trainer_.step_rows(mlp_, train_->images, train_targets_, batch_rows_);
    ++weights_version_;
    loss_ = r.loss;
    accuracy_ = float(r.correct) / float(batch_rows_.size());
    grad_norms_ = trainer_.grad_norms();
    weight_norms_ = trainer_.weight_norms();
    ++steps_;
    grad_norm_history_.add(steps_, grad_norms_);
    history_.loss.add(steps_, loss_);
    history_.accuracy.add(steps_, accuracy_);
    check_divergence();
    evaluate();
}

void DigitsRun::check_divergence() {
    if (!std::isfinite(loss_)) {
        divergence_ = "The loss became NaN or infinite at step " + std::to_string(steps_) + ": the learning rate " +
                      format_learning_rate(config_.learning_rate) +
                      " is too large for this network. Lower it and press Reset.";
        return;
    }
    if (first_loss_ < 0) first_loss_ = loss_;
    if (loss_ > kExplodeFactor * std::max(first_loss_, 0.01f))
        divergence_ = exploded_loss_reason(loss_, first_loss_, config_.learning_rate);
}

// ---- Measuring ------------------------------------------------------------------------------------

void DigitsRun::evaluate() {
    if (!train_) return;
    if (evaluated_ && evaluated_at_ == steps_) return;
    // A measurement is a forward pass over up to 20,000 digits: tens of milliseconds for the wider
    // network. Measuring again once ten times its cost has passed keeps it to a tenth of the
    // trainer's time flat out, and when training is paced (100 steps a second, mostly asleep)
    // still updates the test curve several times a second.
    if (evaluated_ && Clock::now() - evaluated_when_ < 10 * evaluation_cost_) return;
    evaluate_now();
}

void DigitsRun::evaluate_now() {
    if (!train_) return;
    const auto start = Clock::now();
    const auto rows = [](const data::MnistSet& set) { return Eigen::Index(std::min<std::size_t>(set.count(), kMaxMeasured)); };
    const Measured tr = measure(mlp_, train_->images, train_targets_, rows(*train_), nullptr);
    auto record = std::make_shared<DigitsEvaluation>();
    record->step = steps_;
    const Measured te = measure(mlp_, test_->images, test_targets_, rows(*test_), record.get());
    train_loss_ = tr.loss;
    train_accuracy_ = tr.accuracy;
    test_loss_ = te.loss;
    test_accuracy_ = te.accuracy;
    evaluation_ = std::move(record);
    evaluated_ = true;
    evaluated_at_ = steps_;
    evaluated_when_ = Clock::now();
    evaluation_cost_ = evaluated_when_ - start;
    if (train_accuracy_ >= 0) history_.train_accuracy.add(steps_, train_accuracy_);
    if (test_loss_ >= 0) history_.test_loss.add(steps_, test_loss_);
    if (test_accuracy_ >= 0) history_.test_accuracy.add(steps_, test_accuracy_);
}

std::optional<GuessBaseline> DigitsRun::guess_baseline() const {
    if (!train_ || train_->count() == 0) return std::nullopt;
    std::array<double, kClasses> share{};
    for (std::uint8_t l : train_->labels) share[l] += 1.0 / double(train_->count());
    GuessBaseline g;
    g.chance = float(*std::max_element(share.begin(), share.end()));
    double entropy = 0, squares = 0;
    for (double p : share) {
        if (p > 0) entropy -= p * std::log(p);
        squares += p * p;
    }
    // Always answering the class shares q: cross-entropy is their entropy; squared error
    // sum_k (q_k - t_k)^2 averages to 1 - sum_k q_k^2.
    g.guess_loss = float(config_.loss == nn::Loss::CrossEntropy ? entropy : 1.0 - squares);
    return g;
}

void DigitsRun::fill_snapshot(Snapshot& s) const {
    s.step = steps_;
    s.config = config_;
    s.parameter_count = mlp_.parameter_count();
    s.loss = loss_;
    s.accuracy = accuracy_;
    s.train_loss = train_loss_;
    s.train_accuracy = train_accuracy_;
    s.test_loss = test_loss_;
    s.test_accuracy = test_accuracy_;
    s.history = history_;
    s.grad_norms = grad_norms_;
    s.weight_norms = weight_norms_;
    s.grad_norm_history = grad_norm_history_;

    auto view = std::make_shared<DigitsView>();
    view->test = test_;
    view->train_count = train_count();
    view->source = source_;
    view->data_message = data_message_;
    view->data_failed = data_failed_;
    view->evaluation = evaluation_;
    if (published_model_version_ != weights_version_) {
        published_model_ = std::make_shared<const nn::Mlp>(mlp_);
        published_model_version_ = weights_version_;
    }
    view->model = published_model_;
    s.family = std::move(view);
}

}  // namespace train
