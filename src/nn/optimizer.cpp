#include "nn/optimizer.h"

#include <algorithm>
#include <cmath>

namespace nn {

namespace {
// Updated a chunk at a time, so the norms are taken while the chunk is still in the L1 cache.
constexpr Eigen::Index kChunk = 1024;
using Array = Eigen::Array<float, Eigen::Dynamic, 1>;
using Map = Eigen::Map<Array>;
using ConstMap = Eigen::Map<const Array>;
}  // namespace

std::string_view optimizer_name(OptimizerKind k) {
    switch (k) {
        case OptimizerKind::SGD: return "sgd";
        case OptimizerKind::Momentum: return "momentum";
        case OptimizerKind::Adam: return "adam";
    }
    return "?";
}

std::optional<OptimizerKind> optimizer_from_name(std::string_view name) {
    for (OptimizerKind k : kAllOptimizers)
        if (optimizer_name(k) == name) return k;
    return std::nullopt;
}

void Optimizer::set_kind(OptimizerKind kind) {
    if (kind == settings_.kind) return;
    settings_.kind = kind;
    const auto sizes = sizes_;
    sizes_.clear();
    prepare(sizes);
}

void Optimizer::prepare(const std::vector<Eigen::Index>& sizes) {
    if (sizes == sizes_) return;
    sizes_ = sizes;
    first_.assign(sizes.size(), {});
    second_.assign(sizes.size(), {});
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (settings_.kind != OptimizerKind::SGD) first_[i].assign(std::size_t(sizes[i]), 0.f);
        if (settings_.kind == OptimizerKind::Adam) second_[i].assign(std::size_t(sizes[i]), 0.f);
    }
    t_ = 0;
}

void Optimizer::reset() {
    for (auto& v : first_) std::fill(v.begin(), v.end(), 0.f);
    for (auto& v : second_) std::fill(v.begin(), v.end(), 0.f);
    t_ = 0;
}

UpdateNorms Optimizer::update(int slot, Eigen::Index offset, float* value, const float* grad, Eigen::Index n) {
    UpdateNorms norms;
    const float lr = settings_.learning_rate;
    const auto s = std::size_t(slot);
    const double t = double(std::max(t_, 1L));
    const float correct1 = float(1.0 - std::pow(double(settings_.beta1), t));
    const float correct2 = float(1.0 - std::pow(double(settings_.beta2), t));
    for (Eigen::Index at = 0; at < n; at += kChunk) {
        const Eigen::Index len = std::min(kChunk, n - at);
        Map w(value + at, len);
        ConstMap g(grad + at, len);
        switch (settings_.kind) {
            case OptimizerKind::SGD: w -= lr * g; break;
            case OptimizerKind::Momentum: {
                Map v(first_[s].data() + offset + at, len);
                v = settings_.momentum * v + g;
                w -= lr * v;
                break;
            }
            case OptimizerKind::Adam: {
                Map m(first_[s].data() + offset + at, len);
                Map v(second_[s].data() + offset + at, len);
                m = settings_.beta1 * m + (1.f - settings_.beta1) * g;
                v = settings_.beta2 * v + (1.f - settings_.beta2) * g.square();
                w -= (lr / correct1) * m / ((v / correct2).sqrt() + settings_.epsilon);
                break;
            }
        }
        norms.value_sq += double(w.matrix().squaredNorm());
        norms.grad_sq += double(g.matrix().squaredNorm());
    }
    return norms;
}

}  // namespace nn
