// TransformerTrainer: the fast training step (see transformer.h).
//
// How the cores share a step: the batch's sequences are split into one run per thread, and each
// thread runs forward and backward on its own run with its own workspace, into its own gradient
// vector. After a barrier each thread sums the gradients over its own stretch of the parameter
// vector, and after a second (for the global norm that clipping needs) applies AdamW to that
// stretch: no two threads write the same memory and nothing is locked.
#include <algorithm>
#include <cmath>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "nn/transformer/transformer.h"
#include "nn/transformer/transformer_pass.h"

namespace nn {

namespace {
// [begin, end) of `count` split into `parts` nearly equal blocks.
std::pair<long, long> block(long count, int parts, int part) {
    return {count * part / parts, count * (part + 1) / parts};
}

bool same_layout(const TransformerShape& a, const TransformerShape& b) {
    return a.vocab == b.vocab && a.context == b.context && a.d_model == b.d_model && a.heads == b.heads &&
           a.layers == b.layers && a.positions == b.positions && a.tied == b.tied;
}

// Multiply-adds of a step's forward pass below which a second core costs more to wake and to
// synchronise with than it saves.
constexpr long kMinMacsForTeam = 400'000;
}  // namespace

TransformerTrainer::TransformerTrainer(AdamWSettings settings, int threads)
    : settings_(settings), threads_(std::max(1, threads)) {
    // The step decides how cores are shared; Eigen must not start threads of its own inside it.
    Eigen::setNbThreads(1);
}

void TransformerTrainer::set_threads(int threads) {
    threads_ = std::max(1, threads);
}

void TransformerTrainer::reset() {
    parameters_ = 0;
    steps_ = 0;
    m_.resize(0);
    v_.resize(0);
}

int TransformerTrainer::team_for(const TransformerShape& shape, int batch, int length) const {
    const long d = shape.d_model;
    const long macs_per_token = shape.layers * (12 * d * d + 2L * length * d) + long(shape.vocab) * d;
    if (long(batch) * length * macs_per_token < kMinMacsForTeam) return 1;
    return std::clamp(threads_, 1, batch);
}

void TransformerTrainer::prepare(const Transformer& model, int batch, int length, bool gradients) {
    const long n = model.parameter_count();
    if (n != parameters_ || !same_layout(model.shape(), shape_)) {
        shape_ = model.shape();
        parameters_ = n;
        groups_ = model.groups();
        m_ = Vector::Zero(n);
        v_ = Vector::Zero(n);
        steps_ = 0;
        grad_norms_.assign(groups_.size(), 0.f);
        weight_norms_.assign(groups_.size(), 0.f);
    }
    const int team = team_for(model.shape(), batch, length);
    if (int(workers_.size()) < team) workers_.resize(std::size_t(team));
    if (gradients)
        for (int k = 0; k < team; ++k)
            if (workers_[std::size_t(k)].gradient.size() != n) workers_[std::size_t(k)].gradient.resize(n);
    grad_sq_.resize(std::size_t(team) * groups_.size());
    weight_sq_.resize(std::size_t(team) * groups_.size());
}

void TransformerTrainer::reduce_range(int part, int team, long begin, long end) {
    if (end <= begin) return;
    auto sum = workers_[0].gradient.segment(begin, end - begin);
    for (int k = 1; k < team; ++k) sum += workers_[std::size_t(k)].gradient.segment(begin, end - begin);
    const std::size_t G = groups_.size();
    for (std::size_t g = 0; g < G; ++g) {
        const long a = std::max(begin, groups_[g].offset), b = std::min(end, groups_[g].offset + groups_[g].size);
        grad_sq_[std::size_t(part) * G + g] = b > a ? double(workers_[0].gradient.segment(a, b - a).squaredNorm()) : 0.0;
    }
}

void TransformerTrainer::update_range(Transformer& model, int part, long begin, long end, float clip_scale) {
    const std::size_t G = groups_.size();
    const AdamWSettings& s = settings_;
    const float correction1 = 1.f - float(std::pow(double(s.beta1), double(steps_)));
    const float correction2 = 1.f - float(std::pow(double(s.beta2), double(steps_)));
    const float step_size = s.learning_rate / correction1;
    const float inv_sqrt_correction2 = 1.f / std::sqrt(correction2);
    float* w = model.parameters().data();
    float* m = m_.data();
    float* v = v_.data();
    const float* g = workers_[0].gradient.data();
    for (std::size_t gi = 0; gi < G; ++gi) {
        const long a = std::max(begin, groups_[gi].offset), b = std::min(end, groups_[gi].offset + groups_[gi].size);
        double weight_sq = 0;
        if (b > a) {
            const float decay = groups_[gi].decay ? s.learning_rate * s.weight_decay : 0.f;
#pragma omp simd reduction(+ : weight_sq)
            for (long i = a; i < b; ++i) {
                const float gradient = g[i] * clip_scale;
                m[i] = s.beta1 * m[i] + (1.f - s.beta1) * gradient;
                v[i] = s.beta2 * v[i] + (1.f - s.beta2) * gradient * gradient;
                // w -= lr (m^ / (sqrt(v^) + eps) + wd w), with m^ = m / c1, v^ = v / c2.
                const float updated = w[i] - step_size * m[i] / (std::sqrt(v[i]) * inv_sqrt_correction2 + s.epsilon) -
                                      decay * w[i];
                w[i] = updated;
                weight_sq += double(updated) * double(updated);
            }
        }
        weight_sq_[std::size_t(part) * G + gi] = weight_sq;
    }
}

TransformerStepResult TransformerTrainer::run(const Transformer& model, std::span<const int> tokens,
                                              std::span<const int> targets, int batch, int length,
                                              Transformer* update) {
    prepare(model, batch, length, update != nullptr);
    const int team = team_for(model.shape(), batch, length);
    const TransformerPass<float> pass(model.shape(), model.parameters().data());
    int scored = 0;
    for (std::size_t i = 0; i < std::size_t(batch) * std::size_t(length); ++i) scored += targets[i] >= 0;
    const float scale = update && scored > 0 ? 1.f / float(scored) : 0.f;
    if (update) ++steps_;
    float clip_scale = 1.f;

    const auto pass_of = [&](int k) {
        Worker& w = workers_[std::size_t(k)];
        const auto [first, last] = block(batch, team, k);
        const auto offset = std::size_t(first) * std::size_t(length), count = std::size_t(last - first) * std::size_t(length);
        w.loss_sum = 0;
        w.correct = 0;
        if (update) w.gradient.setZero();
        if (count == 0) return;
        pass.forward(tokens.subspan(offset, count), length, w.workspace);
        w.loss_sum = pass.cross_entropy(targets.subspan(offset, count), w.workspace, scale, w.correct);
        if (update && scale > 0) pass.backward(tokens.subspan(offset, count), length, w.workspace, w.gradient.data());
    };
    const auto clip_scale_from_norms = [&] {
        double total = 0;
        for (double g : grad_sq_) total += g;
        const double norm = std::sqrt(total);
        return settings_.clip > 0 && norm > double(settings_.clip) ? float(double(settings_.clip) / norm) : 1.f;
    };

    if (team == 1) {
        pass_of(0);
        if (update) {
            reduce_range(0, 1, 0, parameters_);
            clip_scale = clip_scale_from_norms();
            update_range(*update, 0, 0, parameters_, clip_scale);
        }
    } else {
#pragma omp parallel num_threads(team)
        {
#ifdef _OPENMP
            const int k = omp_get_thread_num();
#else
            const int k = 0;
#endif
            pass_of(k);
            if (update) {
                const auto [begin, end] = block(parameters_, team, k);
#pragma omp barrier
                reduce_range(k, team, begin, end);
#pragma omp barrier
                update_range(*update, k, begin, end, clip_scale_from_norms());
            }
        }
    }

    TransformerStepResult result;
    double loss_sum = 0;
    for (int k = 0; k < team; ++k) {
        loss_sum += workers_[std::size_t(k)].loss_sum;
        result.correct += workers_[std::size_t(k)].correct;
    }
    result.scored = scored;
    result.loss = scored > 0 ? float(loss_sum / scored) : 0.f;
    if (update) {
        const std::size_t G = groups_.size();
        for (std::size_t g = 0; g < G; ++g) {
            double grad = 0, weight = 0;
            for (int k = 0; k < team; ++k) {
                grad += grad_sq_[std::size_t(k) * G + g];
                weight += weight_sq_[std::size_t(k) * G + g];
            }
            grad_norms_[g] = float(std::sqrt(grad));
            weight_norms_[g] = float(std::sqrt(weight));
        }
    }
    return result;
}

TransformerStepResult TransformerTrainer::step(Transformer& model, std::span<const int> tokens,
                                               std::span<const int> targets, int batch, int length) {
    return run(model, tokens, targets, batch, length, &model);
}

TransformerStepResult TransformerTrainer::evaluate(const Transformer& model, std::span<const int> tokens,
                                                   std::span<const int> targets, int batch, int length) {
    return run(model, tokens, targets, batch, length, nullptr);
}

}  // namespace nn
