#include "data/toy2d.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <random>

namespace data {

namespace {

constexpr int kMinPoints = 4;
constexpr int kMaxPoints = 5000;
constexpr float kMaxNoise = 1.f;
// Half the side of the square every generated set (and small user data) is drawn in.
constexpr float kDefaultHalfWidth = 1.5f;
constexpr double kTwoPi = 2 * std::numbers::pi;

// The distributions of <random> are free to differ between standard libraries; these fixed
// formulas on top of mt19937_64 keep "same seed, same points" true on every compiler.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }  // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Box-Muller: two uniforms give two independent standard normals; the second is kept.
    double normal() {
        if (has_spare_) {
            has_spare_ = false;
            return spare_;
        }
        const double radius = std::sqrt(-2 * std::log(1 - uniform()));  // 1 - u is in (0, 1]
        const double angle = kTwoPi * uniform();
        spare_ = radius * std::sin(angle);
        has_spare_ = true;
        return radius * std::cos(angle);
    }

    // The modulo bias is below 1e-15 for the sizes used here (n <= 10,000 against 2^64).
    std::size_t index_below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }

private:
    std::mt19937_64 engine_;
    double spare_ = 0;
    bool has_spare_ = false;
};

struct Point {
    double x, y;
};

// Playground's proportions: a disc of radius 0.5 (label 1) inside a ring from 0.7 to 1 (label 0).
// The square root of a uniform radius spreads the points evenly over the area.
Point circles_point(int label, Random& random) {
    const double angle = random.uniform(0, kTwoPi);
    const double radius = label == 1 ? 0.5 * std::sqrt(random.uniform()) : std::sqrt(random.uniform(0.49, 1.0));
    return {radius * std::cos(angle), radius * std::sin(angle)};
}

// Playground's spiral: the radius grows evenly along the arm while the angle makes 1.75 turns;
// the arm of label 1 is the arm of label 0 turned half a turn. The half-step offset keeps the two
// innermost points apart instead of both sitting on the origin with different labels.
Point spiral_point(int label, int index_in_class, int class_size) {
    const double radius = (index_in_class + 0.5) / class_size;
    const double angle = 1.75 * kTwoPi * radius + (label == 1 ? std::numbers::pi : 0.0);
    return {radius * std::sin(angle), radius * std::cos(angle)};
}

// scikit-learn's make_moons: the upper half of the unit circle (label 0) and a lower half circle
// centred at (1, 0.5) (label 1) span x in [-1, 2] and y in [-0.5, 1]; centring and scaling by 2/3
// brings them to [-1, 1] x [-0.5, 0.5].
Point moons_point(int label, Random& random) {
    const double t = random.uniform(0, std::numbers::pi);
    const Point moon = label == 0 ? Point{std::cos(t), std::sin(t)} : Point{1 - std::cos(t), 0.5 - std::sin(t)};
    constexpr double kScale = 2.0 / 3.0;
    return {(moon.x - 0.5) * kScale, (moon.y - 0.25) * kScale};
}

// Playground's XOR: label 1 in the quadrants where x and y share a sign. Points keep a small gap
// from the axes so the clean set is separable; the label picks the quadrant so classes balance.
Point xor_grid_point(int label, Random& random) {
    constexpr double kAxisGap = 0.05;
    const double x_sign = random.uniform() < 0.5 ? -1.0 : 1.0;
    const double y_sign = label == 1 ? x_sign : -x_sign;
    const double x = kAxisGap + (1 - kAxisGap) * random.uniform();
    const double y = kAxisGap + (1 - kAxisGap) * random.uniform();
    return {x_sign * x, y_sign * y};
}

Point blobs_point(int label, Random& random) {
    constexpr double kSpread = 0.25;
    const double centre = label == 1 ? 0.5 : -0.5;
    const double x = centre + kSpread * random.normal();
    const double y = centre + kSpread * random.normal();
    return {x, y};
}

int gate_output(Toy2D gate, bool a, bool b) {
    switch (gate) {
        case Toy2D::And: return a && b;
        case Toy2D::Or: return a || b;
        case Toy2D::Xor: return a != b;
        default: return 0;
    }
}

// [-1.5, 1.5]^2 unless noisy points reach past it; then the smallest symmetric square with a
// limit on a multiple of 0.5 that keeps every point a little inside the edge.
void set_generated_bounds(Dataset2D& d) {
    constexpr float kEdgeMargin = 0.1f;
    constexpr float kRoundTo = 0.5f;
    const float farthest = d.x.rows() > 0 ? d.x.cwiseAbs().maxCoeff() : 0.f;
    float half = kDefaultHalfWidth;
    if (farthest + kEdgeMargin > half) half = std::ceil((farthest + kEdgeMargin) / kRoundTo) * kRoundTo;
    d.x_min = d.y_min = -half;
    d.x_max = d.y_max = half;
}

void set_bounds(Dataset2D& d, double x_centre, double y_centre, double half) {
    d.x_min = static_cast<float>(x_centre - half);
    d.x_max = static_cast<float>(x_centre + half);
    d.y_min = static_cast<float>(y_centre - half);
    d.y_max = static_cast<float>(y_centre + half);
}

Dataset2D rows_of(const Dataset2D& all, const std::vector<int>& rows) {
    Dataset2D part;
    part.x.resize(static_cast<Eigen::Index>(rows.size()), 2);
    part.labels.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        part.x.row(static_cast<Eigen::Index>(i)) = all.x.row(rows[i]);
        part.labels.push_back(all.labels[static_cast<std::size_t>(rows[i])]);
    }
    part.x_min = all.x_min;
    part.x_max = all.x_max;
    part.y_min = all.y_min;
    part.y_max = all.y_max;
    return part;
}

}  // namespace

std::string_view toy2d_name(Toy2D d) {
    switch (d) {
        case Toy2D::And: return "and";
        case Toy2D::Or: return "or";
        case Toy2D::Xor: return "xor";
        case Toy2D::Circles: return "circles";
        case Toy2D::Spiral: return "spiral";
        case Toy2D::Moons: return "moons";
        case Toy2D::XorGrid: return "xor_grid";
        case Toy2D::Blobs: return "blobs";
    }
    return "?";
}

std::optional<Toy2D> toy2d_from_name(std::string_view name) {
    for (Toy2D d : kAllToy2D)
        if (toy2d_name(d) == name) return d;
    return std::nullopt;
}

bool is_logic_gate(Toy2D d) { return d == Toy2D::And || d == Toy2D::Or || d == Toy2D::Xor; }

Dataset2D make_toy2d(Toy2D d) {
    if (!is_logic_gate(d)) return make_toy2d(d, Toy2DOptions{});
    Dataset2D set;
    set.x.resize(4, 2);
    set.x << 0, 0,  //
        0, 1,       //
        1, 0,       //
        1, 1;
    for (int i = 0; i < 4; ++i) {
        const bool a = set.x(i, 0) > 0.5f, b = set.x(i, 1) > 0.5f;
        set.labels.push_back(gate_output(d, a, b));
    }
    return set;
}

Dataset2D make_toy2d(Toy2D d, const Toy2DOptions& options) {
    if (is_logic_gate(d)) return make_toy2d(d);

    const int n = std::clamp(options.points, kMinPoints, kMaxPoints);
    const double noise = std::isnan(options.noise) ? 0.0 : std::clamp(options.noise, 0.f, kMaxNoise);
    // Labels alternate 0, 1, 0, 1, ... so the classes differ in size by at most one and a batch
    // taken from the front is never all one class.
    const int class_size[2] = {(n + 1) / 2, n / 2};

    Random random(options.seed);
    Dataset2D set;
    set.x.resize(n, 2);
    set.labels.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const int label = i % 2;
        Point p{};
        switch (d) {
            case Toy2D::Circles: p = circles_point(label, random); break;
            case Toy2D::Spiral: p = spiral_point(label, i / 2, class_size[label]); break;
            case Toy2D::Moons: p = moons_point(label, random); break;
            case Toy2D::XorGrid: p = xor_grid_point(label, random); break;
            case Toy2D::Blobs: p = blobs_point(label, random); break;
            case Toy2D::And:
            case Toy2D::Or:
            case Toy2D::Xor: break;  // handled above
        }
        if (noise > 0) {
            p.x += noise * random.normal();
            p.y += noise * random.normal();
        }
        set.x(i, 0) = static_cast<float>(p.x);
        set.x(i, 1) = static_cast<float>(p.y);
        set.labels[static_cast<std::size_t>(i)] = label;
    }
    set_generated_bounds(set);
    return set;
}

void fit_bounds(Dataset2D& d) {
    if (d.x.rows() == 0) {
        set_bounds(d, 0, 0, kDefaultHalfWidth);
        return;
    }
    const double x_lo = d.x.col(0).minCoeff(), x_hi = d.x.col(0).maxCoeff();
    const double y_lo = d.x.col(1).minCoeff(), y_hi = d.x.col(1).maxCoeff();
    const double span = std::max(x_hi - x_lo, y_hi - y_lo);
    const double magnitude = std::max({std::abs(x_lo), std::abs(x_hi), std::abs(y_lo), std::abs(y_hi)});
    // A tenth of the data's extent on each side; never so thin that float rounding would show,
    // which matters when every point sits in one place far from the origin.
    const double margin = std::max(0.1 * span, 1e-3 * std::max(1.0, magnitude));

    if (x_lo - margin >= -kDefaultHalfWidth && x_hi + margin <= kDefaultHalfWidth &&
        y_lo - margin >= -kDefaultHalfWidth && y_hi + margin <= kDefaultHalfWidth) {
        set_bounds(d, 0, 0, kDefaultHalfWidth);
        return;
    }

    // Centre the square on the data and round its centre and half width to about two significant
    // digits of the half width, so the axis labels read 0, 25, 50 rather than 0.0173, 24.98, ...
    const double rough_half = span / 2 + margin;
    const double step = std::pow(10.0, std::floor(std::log10(rough_half)) - 1);
    const double x_centre = std::round((x_lo + x_hi) / 2 / step) * step;
    const double y_centre = std::round((y_lo + y_hi) / 2 / step) * step;
    const double reach = std::max({x_centre - x_lo, x_hi - x_centre, y_centre - y_lo, y_hi - y_centre});
    const double half = std::ceil((reach + margin) / step) * step;
    set_bounds(d, x_centre, y_centre, half);
}

TrainTestSplit split_train_test(const Dataset2D& all, float test_fraction, std::uint64_t seed) {
    constexpr float kMaxTestFraction = 0.9f;
    const int n = static_cast<int>(all.x.rows());
    const float fraction = std::isnan(test_fraction) ? 0.f : std::clamp(test_fraction, 0.f, kMaxTestFraction);
    int test_count = static_cast<int>(std::lround(static_cast<double>(n) * fraction));
    // A test set needs a point to test on and a model needs a point to train on; a single point
    // always goes to training.
    if (n < 2)
        test_count = 0;
    else if (fraction > 0)
        test_count = std::clamp(test_count, 1, n - 1);

    // Fisher-Yates written out rather than std::shuffle, whose algorithm the standard leaves open.
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.index_below(i)]);

    const auto first_train = order.begin() + test_count;
    TrainTestSplit split;
    split.test = rows_of(all, std::vector<int>(order.begin(), first_train));
    split.train = rows_of(all, std::vector<int>(first_train, order.end()));
    return split;
}

}  // namespace data
