#include "train/plane/landscape.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace train {

namespace {
// A path whose loss grows this many times above where it started has left the valley for good.
constexpr float kExplodeFactor = 1000.f;

const char* const kPathNames[] = {"SGD", "momentum", "Adam"};
constexpr nn::OptimizerKind kPathKinds[] = {nn::OptimizerKind::SGD, nn::OptimizerKind::Momentum, nn::OptimizerKind::Adam};
}  // namespace

Landscape::Landscape(std::shared_ptr<const data::Dataset2D> data, nn::Loss loss, std::array<float, 2> start,
                     float learning_rate)
    : data_(std::move(data)), loss_(loss), start_(start) {
    for (int i = 0; i < 3; ++i) {
        Path p{nn::Optimizer({kPathKinds[i], learning_rate}), start, {}};
        p.optimizer.prepare({2});
        p.view.name = kPathNames[i];
        paths_.push_back(std::move(p));
    }
    // Wide enough to show the start and the bottom of the valley with room to spare.
    range_ = std::max(4.f, 1.4f * std::max(std::abs(start[0]), std::abs(start[1])));
    compute_surface();
    for (Path& p : paths_) record(p);
    first_loss_ = paths_[0].view.current_loss;
}

void Landscape::set_learning_rate(float learning_rate) {
    for (Path& p : paths_) p.optimizer.set_learning_rate(learning_rate);
}

void Landscape::set_data(std::shared_ptr<const data::Dataset2D> data) {
    data_ = std::move(data);
    compute_surface();
}

double Landscape::loss_at(double w1, double w2) const {
    const auto& x = data_->x;
    const Eigen::Index n = x.rows();
    if (n == 0) return 0;
    double total = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double z = w1 * x(i, 0) + w2 * x(i, 1);
        const int label = data_->labels[std::size_t(i)];
        if (loss_ == nn::Loss::SquaredError) {
            const double e = z - (label ? 1.0 : -1.0);
            total += e * e;
        } else {
            // log(1 + e^z) - t z, without overflow
            total += std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))) - label * z;
        }
    }
    return total / double(n);
}

std::array<double, 2> Landscape::gradient_at(double w1, double w2) const {
    const auto& x = data_->x;
    const Eigen::Index n = x.rows();
    std::array<double, 2> g = {0, 0};
    if (n == 0) return g;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double z = w1 * x(i, 0) + w2 * x(i, 1);
        const int label = data_->labels[std::size_t(i)];
        const double dz = loss_ == nn::Loss::SquaredError ? 2.0 * (z - (label ? 1.0 : -1.0))
                                                          : 1.0 / (1.0 + std::exp(-z)) - label;
        g[0] += dz * x(i, 0);
        g[1] += dz * x(i, 1);
    }
    return {g[0] / double(n), g[1] / double(n)};
}

void Landscape::step() {
    if (!divergence_.empty()) return;
    for (Path& p : paths_) {
        const std::array<double, 2> g = gradient_at(p.w[0], p.w[1]);
        const float grad[2] = {float(g[0]), float(g[1])};
        p.optimizer.begin_step();
        p.optimizer.update(0, 0, p.w.data(), grad, 2);
    }
    ++steps_;
    for (Path& p : paths_) {
        record(p);
        const float l = p.view.current_loss;
        if (divergence_.empty() && (!std::isfinite(l) || l > kExplodeFactor * std::max(first_loss_, 0.01f))) {
            char buf[320];
            std::snprintf(buf, sizeof buf,
                          "%s ran away at step %llu: its loss grew from %.3g to %.0f. At learning rate %g each step "
                          "overshoots the valley by more than the last. Lower it and press Reset.",
                          p.view.name.c_str(), static_cast<unsigned long long>(steps_), double(first_loss_), double(l),
                          double(p.optimizer.settings().learning_rate));
            divergence_ = buf;
        }
    }
}

void Landscape::record(Path& p) {
    p.view.current_loss = float(loss_at(p.w[0], p.w[1]));
    p.view.loss.add(steps_, p.view.current_loss);
    p.view.w1.push_back(p.w[0]);
    p.view.w2.push_back(p.w[1]);
    if (p.view.w1.size() >= kMaxPathPoints) {
        // Keep every other point; the path's shape survives, its newest point stays.
        std::size_t kept = 0;
        for (std::size_t i = 0; i < p.view.w1.size(); i += 2, ++kept) {
            p.view.w1[kept] = p.view.w1[i];
            p.view.w2[kept] = p.view.w2[i];
        }
        p.view.w1.resize(kept);
        p.view.w2.resize(kept);
        p.view.w1.push_back(p.w[0]);
        p.view.w2.push_back(p.w[1]);
    }
}

void Landscape::compute_surface() {
    const int n = kResolution;
    surface_.resize(std::size_t(n) * n);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const double w1 = -range_ + 2.0 * range_ * (c + 0.5) / n;
            const double w2 = -range_ + 2.0 * range_ * (r + 0.5) / n;
            surface_[std::size_t(r) * n + std::size_t(c)] = float(loss_at(w1, w2));
        }
}

void Landscape::fill(LandscapeView& view) const {
    view.resolution = kResolution;
    view.w1_min = view.w2_min = -range_;
    view.w1_max = view.w2_max = range_;
    view.loss = surface_;
    view.paths.clear();
    for (const Path& p : paths_) view.paths.push_back(p.view);
}

}  // namespace train
