#include "train/plane/plane_run.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>
#include <variant>

#include "nn/mlp.h"

namespace train {

namespace {
constexpr int kFieldResolution = 96;
constexpr int kNeuronFieldResolution = 24;
// The network view shows one example's numbers and each neuron's own field for nets this small.
constexpr int kMaxProbedNeurons = 48;
constexpr int kMaxProbedHiddenLayers = 4;
// A loss this many times its starting value means the steps are throwing the weights away.
constexpr float kExplodeFactor = 100.f;

std::string format(const char* fmt, double a, double b = 0, double c = 0) {
    char buf[320];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

nn::Matrix targets_of(const data::Dataset2D& d) {
    nn::Matrix t(d.x.rows(), 1);
    for (Eigen::Index i = 0; i < d.x.rows(); ++i) t(i, 0) = float(d.labels[std::size_t(i)]);
    return t;
}

// The points of the plane a field is sampled at: resolution^2 rows, row 0 at y_min.
nn::Matrix grid_points(const data::Dataset2D& d, int n) {
    nn::Matrix grid(n * n, 2);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            grid(r * n + c, 0) = d.x_min + (d.x_max - d.x_min) * (c + 0.5f) / float(n);
            grid(r * n + c, 1) = d.y_min + (d.y_max - d.y_min) * (r + 0.5f) / float(n);
        }
    return grid;
}

void keep_in_limits(Config& c) {
    keep_hidden_in_limits(c);
    c.plane()->points = std::clamp(c.plane()->points, 4, kMaxPoints);
    c.plane()->noise = std::clamp(c.plane()->noise, 0.f, 1.f);
    c.plane()->test_fraction = std::clamp(c.plane()->test_fraction, 0.f, 0.9f);
    c.batch_size = std::max(0, c.batch_size);
}
}  // namespace

PlaneRun::PlaneRun(const Config& config, int threads)
    : config_(config), trainer_({config.optimizer, config.learning_rate}, threads) {
    if (!config_.plane()) config_.family = PlaneConfig{};
    keep_in_limits(config_);
    make_data();
    reset();
}

// ---- Data ---------------------------------------------------------------------------------------

void PlaneRun::make_data() {
    const data::Dataset2D all = data::make_toy2d(plane_().dataset, {plane_().points, plane_().noise, config_.seed});
    if (data::is_logic_gate(plane_().dataset) || plane_().test_fraction <= 0.f) {
        set_points(all, data::Dataset2D{nn::Matrix(0, 2), {}, all.x_min, all.x_max, all.y_min, all.y_max}, false);
        return;
    }
    data::TrainTestSplit split = data::split_train_test(all, plane_().test_fraction, config_.seed);
    set_points(std::move(split.train), std::move(split.test), false);
}

void PlaneRun::set_points(data::Dataset2D train, data::Dataset2D test, bool from_user) {
    train_targets_ = targets_of(train);
    test_targets_ = targets_of(test);
    train_ = std::make_shared<const data::Dataset2D>(std::move(train));
    test_ = std::make_shared<const data::Dataset2D>(std::move(test));
    user_points_ = from_user;
    order_.clear();
    cursor_ = 0;
    if (landscape_) landscape_->set_data(train_);
    evaluate();
}

void PlaneRun::set_data(data::Toy2D dataset, int points, float noise, float test_fraction) {
    plane_().dataset = dataset;
    plane_().points = points;
    plane_().noise = noise;
    plane_().test_fraction = test_fraction;
    keep_in_limits(config_);
    make_data();
}

void PlaneRun::add_point(float x, float y, int label) {
    data::Dataset2D train = *train_;
    train.x.conservativeResize(train.x.rows() + 1, 2);
    train.x(train.x.rows() - 1, 0) = x;
    train.x(train.x.rows() - 1, 1) = y;
    train.labels.push_back(label ? 1 : 0);
    set_points(std::move(train), *test_, true);
}

bool PlaneRun::remove_point(float x, float y, float radius) {
    // The nearest point of either set.
    const data::Dataset2D* sets[2] = {train_.get(), test_.get()};
    int best_set = -1;
    Eigen::Index best = -1;
    float best_d2 = radius * radius;
    for (int s = 0; s < 2; ++s)
        for (Eigen::Index i = 0; i < sets[s]->x.rows(); ++i) {
            const float dx = sets[s]->x(i, 0) - x, dy = sets[s]->x(i, 1) - y;
            if (dx * dx + dy * dy <= best_d2) {
                best_d2 = dx * dx + dy * dy;
                best_set = s;
                best = i;
            }
        }
    if (best_set < 0) return false;
    data::Dataset2D kept[2] = {*train_, *test_};
    data::Dataset2D& d = kept[best_set];
    const Eigen::Index n = d.x.rows();
    for (Eigen::Index i = best; i + 1 < n; ++i) d.x.row(i) = d.x.row(i + 1);
    d.x.conservativeResize(n - 1, 2);
    d.labels.erase(d.labels.begin() + best);
    set_points(std::move(kept[0]), std::move(kept[1]), true);
    return true;
}

void PlaneRun::clear_points() {
    const data::Dataset2D& d = *train_;
    const data::Dataset2D empty{nn::Matrix(0, 2), {}, d.x_min, d.x_max, d.y_min, d.y_max};
    set_points(empty, empty, true);
}

void PlaneRun::load_points(const data::Dataset2D& points) {
    if (plane_().test_fraction <= 0.f) {
        data::Dataset2D none{nn::Matrix(0, 2), {}, points.x_min, points.x_max, points.y_min, points.y_max};
        set_points(points, std::move(none), true);
        return;
    }
    data::TrainTestSplit split = data::split_train_test(points, plane_().test_fraction, config_.seed);
    set_points(std::move(split.train), std::move(split.test), true);
}

std::string PlaneRun::cannot_train() const {
    if (train_->x.rows() == 0)
        return "There are no training points. Click on the plane to add some (right-click removes one), "
               "or pick a data set.";
    return {};
}

// ---- Model and run --------------------------------------------------------------------------------

std::vector<int> PlaneRun::layer_sizes() const {
    std::vector<int> sizes = {2};
    sizes.insert(sizes.end(), config_.hidden.begin(), config_.hidden.end());
    sizes.push_back(1);
    return sizes;
}

void PlaneRun::make_model() {
    perceptron_ = nn::make_perceptron(2, config_.seed);
    mlp_ = nn::make_mlp<float>(layer_sizes(), config_.activation, config_.seed, plane_().residual, config_.loss);
    trainer_.optimizer().set_kind(config_.optimizer);
    trainer_.optimizer().set_learning_rate(config_.learning_rate);
    trainer_.reset();
    landscape_.reset();
    if (plane_().model == ModelKind::Landscape)
        landscape_.emplace(train_, config_.loss, plane_().start, config_.learning_rate);
}

void PlaneRun::clear_run() {
    steps_ = 0;
    first_loss_ = -1;
    clean_streak_ = 0;
    converged_ = false;
    divergence_.clear();
    last_perceptron_step_.reset();
    last_example_ = -1;
    history_.clear();
    grad_norm_history_.clear();
    grad_norms_.assign(std::size_t(mlp_.layer_count()), 0.f);
    weight_norms_.clear();
    for (const nn::Matrix& W : mlp_.W) weight_norms_.push_back(W.norm());
    order_rng_.seed(config_.seed * 0x9E3779B97F4A7C15ull + 7);
    order_.clear();
    cursor_ = 0;
}

void PlaneRun::reset(std::optional<std::uint64_t> seed) {
    if (seed) config_.seed = *seed;
    make_model();
    start_run();
}

void PlaneRun::start_run() {
    clear_run();
    // Show where the untrained model stands before the first step.
    const Eigen::Index n = train_->x.rows();
    if (plane_().model == ModelKind::Perceptron) {
        accuracy_ = evaluate_accuracy();
        loss_ = float(n) * (1.f - accuracy_);
    } else if (plane_().model == ModelKind::Landscape) {
        loss_ = landscape_->loss(0);
        accuracy_ = 0;
    } else if (n > 0) {
        nn::MlpCache cache;
        const nn::Matrix& logits = nn::mlp_forward(mlp_, train_->x, cache);
        accuracy_ = float(nn::count_correct(logits, train_targets_)) / float(n);
        loss_ = nn::mlp_loss(mlp_, train_targets_, cache);
    } else {
        loss_ = accuracy_ = 0;
    }
    history_.loss.add(0, loss_);
    history_.accuracy.add(0, accuracy_);
    evaluate();
}

void PlaneRun::set_learning_rate(float learning_rate) {
    config_.learning_rate = learning_rate;
    trainer_.optimizer().set_learning_rate(learning_rate);
    if (landscape_) landscape_->set_learning_rate(learning_rate);
}

void PlaneRun::set_activation(nn::Activation activation) {
    config_.activation = activation;
    mlp_.activation = activation;
}

void PlaneRun::set_residual(bool residual) {
    plane_().residual = residual;
    mlp_.residual = residual;
}

void PlaneRun::set_loss(nn::Loss loss) {
    config_.loss = loss;
    mlp_.loss = loss;
    first_loss_ = -1;  // a loss of another kind has another scale
}

void PlaneRun::set_optimizer(nn::OptimizerKind optimizer) {
    config_.optimizer = optimizer;
    trainer_.optimizer().set_kind(optimizer);
}

void PlaneRun::set_batch_size(int batch_size) {
    config_.batch_size = std::max(0, batch_size);
}

void PlaneRun::set_hidden(std::vector<int> hidden) {
    const nn::Mlp old = mlp_;
    config_.hidden = std::move(hidden);
    keep_in_limits(config_);
    make_model();
    // Layers are matched by position from the input, and the output layer with the output layer:
    // adding a layer at the top or widening one keeps everything below it (and the output layer
    // when its input width is unchanged), so the class sees the network carry on, not start over.
    const int n_new = mlp_.layer_count(), n_old = old.layer_count();
    for (int l = 0; l < n_new; ++l) {
        const int from = l + 1 == n_new ? n_old - 1 : l;
        if (from >= n_old || (l + 1 < n_new && from == n_old - 1)) continue;  // a hidden layer never inherits the output's weights
        const auto i = std::size_t(l), j = std::size_t(from);
        if (old.W[j].rows() != mlp_.W[i].rows() || old.W[j].cols() != mlp_.W[i].cols()) continue;
        mlp_.W[i] = old.W[j];
        mlp_.b[i] = old.b[j];
    }
    start_run();
}

// ---- Steps ----------------------------------------------------------------------------------------

void PlaneRun::step() {
    if (!divergence_.empty() || !cannot_train().empty()) return;
    switch (plane_().model) {
        case ModelKind::Perceptron: step_perceptron(); break;
        case ModelKind::Mlp: step_mlp(); break;
        case ModelKind::Landscape: step_landscape(); break;
    }
    ++steps_;
    history_.loss.add(steps_, loss_);
    history_.accuracy.add(steps_, accuracy_);
    check_divergence();
    // The test curve needs points between the trainer's publications too (a warm-up trains
    // thousands of steps unseen), at a cost of about a tenth of the training: measuring every
    // point is a forward pass over all of them, a step is three passes over its batch plus a
    // fixed cost (counted as 40,000 multiply-adds, about 2 microseconds).
    if (plane_().model == ModelKind::Mlp) {
        const double params = double(mlp_.parameter_count());
        const double batch = double(config_.batch_size > 0 ? std::min<Eigen::Index>(config_.batch_size, train_->x.rows())
                                                           : train_->x.rows());
        const double evaluation = double(train_->x.rows() + test_->x.rows()) * params;
        const auto every = std::uint64_t(std::ceil(10.0 * evaluation / (3.0 * batch * params + 40'000.0)));
        if (steps_ % std::max<std::uint64_t>(1, every) == 0) evaluate();
    }
}

void PlaneRun::step_perceptron() {
    const int n = int(train_->x.rows());
    const int example = int(steps_ % std::uint64_t(n));
    PerceptronStepInfo info;
    info.example = example;
    info.w_before = perceptron_.w;
    info.b_before = perceptron_.b;
    info.update = nn::perceptron_learn(perceptron_, train_->x.row(example), train_->labels[std::size_t(example)],
                                       config_.learning_rate);
    clean_streak_ = info.update.changed() ? 0 : clean_streak_ + 1;
    converged_ = clean_streak_ >= n;
    last_perceptron_step_ = std::move(info);
    accuracy_ = evaluate_accuracy();
    loss_ = float(n) * (1.f - accuracy_);
}

void PlaneRun::next_batch() {
    const int n = int(train_->x.rows());
    const int b = config_.batch_size;
    if (batch_x_.rows() != b) {
        batch_x_.resize(b, 2);
        batch_t_.resize(b, 1);
    }
    // Every point once per pass (an epoch), in a new random order each pass.
    for (int i = 0; i < b; ++i) {
        if (cursor_ >= order_.size()) {
            order_.resize(std::size_t(n));
            for (int k = 0; k < n; ++k) order_[std::size_t(k)] = k;
            std::shuffle(order_.begin(), order_.end(), order_rng_);
            cursor_ = 0;
        }
        const int e = order_[cursor_++];
        batch_x_.row(i) = train_->x.row(e);
        batch_t_(i, 0) = train_targets_(e, 0);
        last_example_ = e;
    }
}

void PlaneRun::step_mlp() {
    const int n = int(train_->x.rows());
    nn::StepResult r;
    int rows = n;
    if (config_.batch_size <= 0 || config_.batch_size >= n) {
        r = trainer_.step(mlp_, train_->x, train_targets_);
        last_example_ = int(steps_ % std::uint64_t(n));
    } else {
        next_batch();
        r = trainer_.step(mlp_, batch_x_, batch_t_);
        rows = config_.batch_size;
    }
    loss_ = r.loss;
    accuracy_ = float(r.correct) / float(rows);
    grad_norms_ = trainer_.grad_norms();
    weight_norms_ = trainer_.weight_norms();
    grad_norm_history_.add(steps_ + 1, grad_norms_);
}

void PlaneRun::step_landscape() {
    landscape_->step();
    loss_ = landscape_->loss(0);
    accuracy_ = 0;
    divergence_ = landscape_->divergence();
}

void PlaneRun::check_divergence() {
    if (plane_().model != ModelKind::Mlp) return;  // the perceptron rule moves weights by bounded steps
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

// ---- Measuring ------------------------------------------------------------------------------------

float PlaneRun::evaluate_accuracy() const {
    const auto& x = train_->x;
    if (x.rows() == 0) return 0.f;
    int correct = 0;
    if (plane_().model == ModelKind::Perceptron) {
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            correct += nn::perceptron_predict(perceptron_, x.row(i)) == train_->labels[std::size_t(i)];
    } else {
        nn::MlpCache cache;
        correct = nn::count_correct(nn::mlp_forward(mlp_, x, cache), train_targets_);
    }
    return float(correct) / float(x.rows());
}

void PlaneRun::evaluate() {
    train_loss_ = train_accuracy_ = test_loss_ = test_accuracy_ = -1;
    if (perceptron_.w.size() == 0) return;  // the data came before the model, in the constructor
    const auto measure = [&](const data::Dataset2D& d, const nn::Matrix& t, float& loss, float& accuracy) {
        const Eigen::Index n = d.x.rows();
        if (n == 0) return;
        if (plane_().model == ModelKind::Perceptron) {
            int correct = 0;
            for (Eigen::Index i = 0; i < n; ++i)
                correct += nn::perceptron_predict(perceptron_, d.x.row(i)) == d.labels[std::size_t(i)];
            accuracy = float(correct) / float(n);
            loss = float(n - correct);
        } else if (plane_().model == ModelKind::Mlp) {
            nn::MlpCache cache;
            accuracy = float(nn::count_correct(nn::mlp_forward(mlp_, d.x, cache), t)) / float(n);
            loss = nn::mlp_loss(mlp_, t, cache);
        }
    };
    measure(*train_, train_targets_, train_loss_, train_accuracy_);
    measure(*test_, test_targets_, test_loss_, test_accuracy_);
    if (train_accuracy_ >= 0) history_.train_accuracy.add(steps_, train_accuracy_);
    if (test_loss_ >= 0) history_.test_loss.add(steps_, test_loss_);
    if (test_accuracy_ >= 0) history_.test_accuracy.add(steps_, test_accuracy_);
}

void PlaneRun::fill_snapshot(Snapshot& s) const {
    s.step = steps_;
    s.config = config_;
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

    auto view = std::make_shared<PlaneView>();
    PlaneView& v = *view;
    v.data = train_;
    v.test_data = test_;
    v.user_points = user_points_;
    v.converged = converged_;
    v.perceptron_step = last_perceptron_step_;

    const data::Dataset2D& d = *train_;
    switch (plane_().model) {
        case ModelKind::Perceptron: {
            LayerParams p;
            p.W = perceptron_.w;
            p.b = nn::RowVector::Constant(1, perceptron_.b);
            v.layers.push_back(std::move(p));
            s.parameter_count = 3;
            for (Eigen::Index i = 0; i < d.x.rows(); ++i)
                v.predictions.push_back(float(nn::perceptron_predict(perceptron_, d.x.row(i))));
            break;
        }
        case ModelKind::Mlp: {
            for (int l = 0; l < mlp_.layer_count(); ++l) v.layers.push_back({mlp_.W[std::size_t(l)], mlp_.b[std::size_t(l)]});
            s.parameter_count = mlp_.parameter_count();
            nn::MlpCache cache;
            if (d.x.rows() > 0) {
                const nn::Matrix& p = nn::mlp_probabilities(mlp_, d.x, cache);
                v.predictions.assign(p.data(), p.data() + p.rows());
            }
            fill_probe(v);
            fill_neuron_fields(v);
            break;
        }
        case ModelKind::Landscape: {
            LandscapeView landscape;
            landscape_->fill(landscape);
            v.landscape = std::move(landscape);
            s.parameter_count = 2;
            s.family = std::move(view);
            return;  // no decision field: the plane shows the points
        }
    }

    DecisionField& f = v.field;
    f.resolution = kFieldResolution;
    f.x_min = d.x_min;
    f.x_max = d.x_max;
    f.y_min = d.y_min;
    f.y_max = d.y_max;
    const int n = f.resolution;
    const nn::Matrix grid = grid_points(d, n);
    f.values.resize(std::size_t(n) * n);
    if (plane_().model == ModelKind::Perceptron) {
        for (int i = 0; i < n * n; ++i) f.values[std::size_t(i)] = nn::perceptron_predict(perceptron_, grid.row(i)) ? 1.f : 0.f;
    } else {
        nn::MlpCache cache;
        const nn::Matrix& p = nn::mlp_probabilities(mlp_, grid, cache);
        std::copy(p.data(), p.data() + p.size(), f.values.begin());
    }
    s.family = std::move(view);
}

void PlaneRun::apply(FamilyCommand& command) {
    std::visit(
        [&](auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, SetResidual>) set_residual(c.residual);
            else if constexpr (std::is_same_v<T, SetData>) set_data(c.dataset, c.points, c.noise, c.test_fraction);
            else if constexpr (std::is_same_v<T, AddPoint>) add_point(c.x, c.y, c.label);
            else if constexpr (std::is_same_v<T, RemovePoint>) remove_point(c.x, c.y, c.radius);
            else if constexpr (std::is_same_v<T, ClearPoints>) clear_points();
            else if constexpr (std::is_same_v<T, LoadPoints>) {
                if (c.points) load_points(*c.points);
            }
            // Another family's command: the model it was meant for is gone.
        },
        command);
}

void PlaneRun::describe_divergence(const Snapshot& s, DivergenceFacts& f) const {
    const PlaneView* v = s.view<PlaneView>();
    if (!v || !v->landscape || v->landscape->paths.empty()) return Run::describe_divergence(s, f);
    // The path that ran away: the first that is not finite, else the highest.
    const LandscapeView::Path* worst = &v->landscape->paths.front();
    for (const auto& p : v->landscape->paths) {
        if (!std::isfinite(p.current_loss)) {
            worst = &p;
            break;
        }
        if (p.current_loss > worst->current_loss) worst = &p;
    }
    f.who = worst->name;
    f.loss = worst->current_loss;
    if (!worst->loss.empty()) f.start_loss = worst->loss.value.front();
}

std::optional<GuessBaseline> PlaneRun::guess_baseline() const {
    if (plane_().model != ModelKind::Mlp) return std::nullopt;  // the perceptron converges or cycles; the landscape has no classes
    const std::vector<int>& labels = train_->labels;
    double share = 0.5;  // of class 1
    if (!labels.empty()) {
        long ones = 0;
        for (int l : labels) ones += l != 0;
        share = double(ones) / double(labels.size());
    }
    const double p = std::clamp(share, 1e-6, 1.0 - 1e-6);
    GuessBaseline g;
    g.chance = float(std::max(share, 1.0 - share));
    g.guess_loss = config_.loss == nn::Loss::CrossEntropy ? float(-(p * std::log(p) + (1 - p) * std::log(1 - p)))
                                                          : float(p * (1 - p));
    return g;
}

void PlaneRun::fill_probe(PlaneView& v) const {
    int neurons = 0;
    for (int w : config_.hidden) neurons += w;
    if (neurons > kMaxProbedNeurons || int(config_.hidden.size()) > kMaxProbedHiddenLayers) return;
    const int n = int(train_->x.rows());
    if (n == 0) return;
    const int e = last_example_ >= 0 && last_example_ < n ? last_example_ : 0;
    nn::Matrix x = train_->x.row(e);
    nn::Matrix t = train_targets_.row(e);
    nn::MlpCache cache;
    nn::mlp_forward(mlp_, x, cache);
    Probe p;
    p.example = e;
    p.label = train_->labels[std::size_t(e)];
    p.loss = nn::mlp_loss(mlp_, t, cache);
    p.output = cache.p(0, 0);
    nn::mlp_loss_backward(mlp_, t, cache);
    nn::mlp_backward_deltas(mlp_, cache);
    const auto row = [](const auto& m) { return std::vector<float>(m.data(), m.data() + m.cols()); };
    for (int l = 0; l < mlp_.layer_count(); ++l) {
        p.a.push_back(l == 0 ? row(x) : row(cache.a[std::size_t(l)]));
        p.z.push_back(row(cache.z[std::size_t(l)]));
        p.dz.push_back(row(cache.dz[std::size_t(l)]));
    }
    v.probe = std::move(p);
}

void PlaneRun::fill_neuron_fields(PlaneView& v) const {
    int neurons = 0;
    for (int w : config_.hidden) neurons += w;
    if (neurons > kMaxProbedNeurons || int(config_.hidden.size()) > kMaxProbedHiddenLayers) return;
    const int n = kNeuronFieldResolution;
    const nn::Matrix grid = grid_points(*train_, n);
    nn::MlpCache cache;
    nn::mlp_forward(mlp_, grid, cache);
    NeuronFields f;
    f.resolution = n;
    for (int l = 1; l < mlp_.layer_count(); ++l) {
        // A hidden neuron's output is what it passes on: a[l], or for a shortcut layer its own f(z).
        const nn::Matrix& out = mlp_.skips(l - 1) ? cache.y[std::size_t(l - 1)] : cache.a[std::size_t(l)];
        std::vector<std::vector<float>> layer;
        for (Eigen::Index j = 0; j < out.cols(); ++j) {
            std::vector<float> values(std::size_t(n) * n);
            for (int i = 0; i < n * n; ++i) values[std::size_t(i)] = out(i, j);
            layer.push_back(std::move(values));
        }
        f.values.push_back(std::move(layer));
    }
    v.neuron_fields = std::move(f);
}

}  // namespace train
