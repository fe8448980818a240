#include "train/session.h"

#include <cmath>
#include <cstdio>

namespace train {

namespace {
constexpr int kFieldResolution = 96;
// A loss this many times its starting value means the steps are throwing the weights away.
constexpr float kExplodeFactor = 100.f;

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}
}  // namespace

Session::Session(const Config& config, int threads) : config_(config), stepper_(threads) {
    data_ = std::make_shared<const data::Dataset2D>(data::make_toy2d(config_.dataset));
    targets_.resize(data_->x.rows(), 1);
    for (Eigen::Index i = 0; i < data_->x.rows(); ++i) targets_(i, 0) = float(data_->labels[i]);
    reset();
}

void Session::reset(std::optional<std::uint64_t> seed) {
    if (seed) config_.seed = *seed;
    perceptron_ = nn::make_perceptron(2, config_.seed);
    std::vector<int> sizes = {2};
    sizes.insert(sizes.end(), config_.hidden.begin(), config_.hidden.end());
    sizes.push_back(1);
    mlp_ = nn::make_mlp<float>(sizes, config_.activation, config_.seed);
    steps_ = 0;
    first_loss_ = -1;
    clean_streak_ = 0;
    converged_ = false;
    divergence_.clear();
    last_perceptron_step_.reset();
    history_.clear();
    // Show where the untrained model stands before the first step.
    if (config_.model == ModelKind::Perceptron) {
        accuracy_ = evaluate_accuracy();
        loss_ = float(data_->x.rows()) * (1.f - accuracy_);
    } else {
        nn::MlpCache cache;
        nn::MlpGrads grads;
        loss_ = nn::mlp_loss_and_grads(mlp_, data_->x, targets_, cache, grads);
        accuracy_ = evaluate_accuracy();
    }
    record();
}

void Session::set_activation(nn::Activation activation) {
    config_.activation = activation;
    mlp_.activation = activation;
}

void Session::step() {
    if (!divergence_.empty()) return;
    if (config_.model == ModelKind::Perceptron)
        step_perceptron();
    else
        step_mlp();
    ++steps_;
    record();
    check_divergence();
}

void Session::step_perceptron() {
    const int n = int(data_->x.rows());
    const int example = int(steps_ % std::uint64_t(n));
    PerceptronStepInfo info;
    info.example = example;
    info.w_before = perceptron_.w;
    info.b_before = perceptron_.b;
    info.update = nn::perceptron_learn(perceptron_, data_->x.row(example), data_->labels[example],
                                       config_.learning_rate);
    clean_streak_ = info.update.changed() ? 0 : clean_streak_ + 1;
    converged_ = clean_streak_ >= n;
    last_perceptron_step_ = std::move(info);
    accuracy_ = evaluate_accuracy();
    loss_ = float(n) * (1.f - accuracy_);
}

void Session::step_mlp() {
    const nn::StepResult r = stepper_.sgd_step(mlp_, data_->x, targets_, config_.learning_rate);
    loss_ = r.loss;
    accuracy_ = float(r.correct) / float(data_->x.rows());
}

void Session::check_divergence() {
    if (config_.model == ModelKind::Perceptron) return;  // the rule moves weights by bounded steps
    if (!std::isfinite(loss_)) {
        divergence_ = format("The loss became NaN or infinite at step %.0f: the learning rate %g is too large "
                             "for this network. Lower it and press Reset.",
                             double(steps_), config_.learning_rate);
        return;
    }
    if (first_loss_ < 0) first_loss_ = loss_;
    if (loss_ > kExplodeFactor * std::max(first_loss_, 0.01f))
        divergence_ = format("The loss exploded to %.3g (it started at %.3g): the learning rate %g is too "
                             "large. Lower it and press Reset.",
                             loss_, first_loss_, config_.learning_rate);
}

void Session::record() { history_.add(steps_, loss_, accuracy_); }

float Session::evaluate_accuracy() const {
    const auto& x = data_->x;
    int correct = 0;
    if (config_.model == ModelKind::Perceptron) {
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            correct += nn::perceptron_predict(perceptron_, x.row(i)) == data_->labels[i];
    } else {
        nn::MlpCache cache;
        const nn::Matrix& logits = nn::mlp_forward(mlp_, x, cache);
        for (Eigen::Index i = 0; i < x.rows(); ++i) correct += (logits(i, 0) > 0.f) == (data_->labels[i] == 1);
    }
    return float(correct) / float(x.rows());
}

void Session::fill_snapshot(Snapshot& s) const {
    s.step = steps_;
    s.config = config_;
    s.data = data_;
    s.loss = loss_;
    s.accuracy = accuracy_;
    s.converged = converged_;
    s.history = history_;
    s.perceptron_step = last_perceptron_step_;
    s.layers.clear();
    if (config_.model == ModelKind::Perceptron) {
        LayerParams p;
        p.W = perceptron_.w;
        p.b = nn::RowVector::Constant(1, perceptron_.b);
        s.layers.push_back(std::move(p));
        s.parameter_count = 3;
    } else {
        for (int l = 0; l < mlp_.layer_count(); ++l) s.layers.push_back({mlp_.W[l], mlp_.b[l]});
        s.parameter_count = mlp_.parameter_count();
    }

    s.predictions.resize(std::size_t(data_->x.rows()));
    if (config_.model == ModelKind::Perceptron) {
        for (Eigen::Index i = 0; i < data_->x.rows(); ++i)
            s.predictions[i] = float(nn::perceptron_predict(perceptron_, data_->x.row(i)));
    } else {
        nn::MlpCache cache;
        const nn::Matrix& logits = nn::mlp_forward(mlp_, data_->x, cache);
        for (Eigen::Index i = 0; i < data_->x.rows(); ++i) s.predictions[i] = 1.f / (1.f + std::exp(-logits(i, 0)));
    }

    DecisionField& f = s.field;
    f.resolution = kFieldResolution;
    f.x_min = data_->x_min;
    f.x_max = data_->x_max;
    f.y_min = data_->y_min;
    f.y_max = data_->y_max;
    const int n = f.resolution;
    nn::Matrix grid(n * n, 2);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            grid(r * n + c, 0) = f.x_min + (f.x_max - f.x_min) * (c + 0.5f) / n;
            grid(r * n + c, 1) = f.y_min + (f.y_max - f.y_min) * (r + 0.5f) / n;
        }
    f.values.resize(std::size_t(n) * n);
    if (config_.model == ModelKind::Perceptron) {
        for (int i = 0; i < n * n; ++i) f.values[i] = nn::perceptron_predict(perceptron_, grid.row(i)) ? 1.f : 0.f;
    } else {
        nn::MlpCache cache;
        const nn::Matrix& logits = nn::mlp_forward(mlp_, grid, cache);
        for (int i = 0; i < n * n; ++i) f.values[i] = 1.f / (1.f + std::exp(-logits(i, 0)));
    }
}

}  // namespace train
