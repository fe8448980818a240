#include "nn/mlp_trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "nn/linear.h"

namespace nn {

namespace {
// The fused SGD path keeps ||W|| up to date with an identity instead of a pass over W (see
// update_rows); an exact pass every so often keeps rounding from piling up.
constexpr long kExactNormInterval = 512;

// Rows [begin, end) of `count` split into `parts` nearly equal blocks.
std::pair<int, int> block(int count, int parts, int part) {
    return {int(long(count) * part / parts), int(long(count) * (part + 1) / parts)};
}
}  // namespace

MlpTrainer::MlpTrainer(OptimizerSettings optimizer, int threads) : optimizer_(optimizer), threads_(std::max(1, threads)) {
    // The step decides how cores are shared; Eigen must not start threads of its own inside it.
    Eigen::setNbThreads(1);
}

void MlpTrainer::set_threads(int threads) {
    threads_ = std::max(1, threads);
}

void MlpTrainer::reset() {
    optimizer_.reset();
    sizes_.clear();
    norms_valid_ = false;
}

StepPlan MlpTrainer::plan(const std::vector<int>& sizes, int batch, int threads, OptimizerKind optimizer) {
    StepPlan p;
    long macs = 0;
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) macs += long(batch) * sizes[l] * sizes[l + 1];
    const int team = macs >= kMinMacsForTeam ? std::max(1, threads) : 1;
    p.workers = std::clamp(batch / kMinRowsPerWorker, 1, team);
    p.parts = team;
    p.split_first_layer = p.workers == 1 && team > 1;
    p.fused = optimizer == OptimizerKind::SGD && p.workers == 1 && batch <= kFusedMaxBatch;
    return p;
}

void MlpTrainer::prepare(const Mlp& mlp, int batch) {
    const StepPlan plan = MlpTrainer::plan(mlp.sizes, batch, threads_, optimizer_.settings().kind);
    if (mlp.sizes == sizes_ && batch == batch_ && plan.workers == plan_.workers && plan.parts == plan_.parts &&
        plan.fused == plan_.fused)
        return;
    const bool same_model = mlp.sizes == sizes_;
    sizes_ = mlp.sizes;
    batch_ = batch;
    plan_ = plan;
    const int workers = plan.workers, parts = plan.parts;
    const int L = mlp.layer_count();
    workers_.resize(std::size_t(workers));
    for (int k = 0; k < workers; ++k) {
        const auto [begin, end] = block(batch, workers, k);
        Worker& w = workers_[std::size_t(k)];
        const int rows = end - begin;
        // Size every buffer now, so that the first step allocates no more than later ones.
        w.cache.a.resize(std::size_t(L));
        w.cache.z.resize(std::size_t(L));
        w.cache.y.resize(std::size_t(L));
        w.cache.dz.resize(std::size_t(L));
        for (int l = 0; l < L; ++l) {
            const auto i = std::size_t(l);
            if (l > 0) w.cache.a[i].resize(rows, mlp.sizes[i]);
            w.cache.z[i].resize(rows, mlp.sizes[i + 1]);
            w.cache.dz[i].resize(rows, mlp.sizes[i + 1]);
            if (mlp.skips(l)) w.cache.y[i].resize(rows, mlp.sizes[i + 1]);
        }
        w.x.resize(rows, mlp.inputs());
        w.t.resize(rows, mlp.outputs());
    }
    dW_.resize(std::size_t(L));
    db_.resize(std::size_t(L));
    for (int l = 0; l < L; ++l) {
        dW_[std::size_t(l)].resize(mlp.W[std::size_t(l)].rows(), mlp.W[std::size_t(l)].cols());
        db_[std::size_t(l)].resize(mlp.b[std::size_t(l)].size());
    }
    parts_by_layer_.assign(std::size_t(L * parts), Part{});
    if (plan.fused)  // only the fused update needs the batch's Gram matrices
        for (Part& p : parts_by_layer_) {
            p.gram_a.resize(batch, batch);
            p.gram_dz.resize(batch, batch);
        }
    std::vector<Eigen::Index> slots;
    for (int l = 0; l < L; ++l) {
        slots.push_back(mlp.W[std::size_t(l)].size());
        slots.push_back(mlp.b[std::size_t(l)].size());
    }
    if (!same_model) optimizer_.reset();
    optimizer_.prepare(slots);
    grad_norms_.assign(std::size_t(L), 0.f);
    weight_norms_.assign(std::size_t(L), 0.f);
    norms_valid_ = false;
}

void MlpTrainer::first_layer_rows(const Mlp& mlp, int part) {
    const auto [r0, r1] = block(int(mlp.W[0].rows()), plan_.parts, part);
    if (r1 == r0) return;
    MlpCache& c = workers_[0].cache;
    auto z = c.z[0].middleCols(r0, r1 - r0);
    z.noalias() = c.x * mlp.W[0].middleRows(r0, r1 - r0).transpose();
    z.rowwise() += mlp.b[0].middleCols(r0, r1 - r0);
}

// Thread `part` copies its block of the batch's rows (the block split among the team) into the
// buffers of the workers that hold them. With as many workers as threads, a thread's block is its
// own worker's rows; otherwise some rows go to another thread's worker, and the caller waits for
// every thread's copies before reading them.
void MlpTrainer::copy_rows(const Matrix& x, const Matrix& t, std::span<const int> rows, int part) {
    const auto [begin, end] = block(batch_, plan_.parts, part);
    const auto x_bytes = std::size_t(x.cols()) * sizeof(float), t_bytes = std::size_t(t.cols()) * sizeof(float);
    int worker = 0;
    auto [worker_begin, worker_end] = block(batch_, plan_.workers, worker);
    for (int i = begin; i < end; ++i) {
        while (i >= worker_end) std::tie(worker_begin, worker_end) = block(batch_, plan_.workers, ++worker);
        Worker& w = workers_[std::size_t(worker)];
        const Eigen::Index row = rows[std::size_t(i)];
        std::memcpy(w.x.row(i - worker_begin).data(), x.row(row).data(), x_bytes);
        std::memcpy(w.t.row(i - worker_begin).data(), t.row(row).data(), t_bytes);
    }
}

void MlpTrainer::forward_backward(const Mlp& mlp, Worker& w, int rows, int batch, bool first_layer_done) {
    const Matrix& logits = mlp_forward(mlp, w.cache, first_layer_done ? 1 : 0);
    w.result.correct = count_correct(logits, w.t);
    w.result.loss = mlp_loss(mlp, w.t, w.cache);
    mlp_loss_backward(mlp, w.t, w.cache);
    if (rows != batch) {
        // This worker's loss is the mean over its rows; the batch's is the mean over all of them.
        const float share = float(rows) / float(batch);
        w.result.loss *= share;
        w.cache.dz.back() *= share;
    }
    mlp_backward_deltas(mlp, w.cache);
}

void MlpTrainer::update_rows(Mlp& mlp, int layer, int part, bool fused_plan) {
    const auto l = std::size_t(layer);
    const bool fused = fused_plan && fuses_layer(batch_, int(mlp.W[l].cols()), int(mlp.W[l].rows()));
    const auto [r0, r1] = block(int(mlp.W[l].rows()), plan_.parts, part);
    const int m = r1 - r0;
    Part& p = parts_by_layer_[l * std::size_t(plan_.parts) + std::size_t(part)];
    if (m == 0) {
        p.weight_sq = p.grad_sq = 0;
        return;
    }
    auto W = mlp.W[l].middleRows(r0, m);
    auto b = mlp.b[l].middleCols(r0, m);
    const float lr = optimizer_.settings().learning_rate;

    if (fused) {
        // One worker holds the whole batch. With G = dz^T a the gradient of these rows:
        //   ||G||^2 = sum over pairs of rows i, j of (dz_i . dz_j)(a_i . a_j)    (Gram matrices)
        //   <W, G>  = sum over rows i of dz_i . (W a_i) = dz . (z - b)             (z from forward)
        //   ||W - lr G||^2 = ||W||^2 - 2 lr <W, G> + lr^2 ||G||^2
        const ConstRefT<float> a = workers_[0].cache.input(layer);
        const Matrix& z = workers_[0].cache.z[l];
        const auto dz = workers_[0].cache.dz[l].middleCols(r0, m);
        double grad_sq;
        if (a.rows() == 1) {  // the Gram "matrices" are two squared norms: skip the product machinery
            grad_sq = double(a.squaredNorm()) * double(dz.squaredNorm());
        } else {
            p.gram_a.noalias() = a * a.transpose();
            p.gram_dz.noalias() = dz * dz.transpose();
            grad_sq = double(p.gram_a.cwiseProduct(p.gram_dz).sum());
        }
        double inner = 0;
        for (Eigen::Index i = 0; i < dz.rows(); ++i)
            inner += double(dz.row(i).dot(z.row(i).middleCols(r0, m) - b));
        W.noalias() -= (lr * dz.transpose()) * a;
        b.noalias() -= lr * dz.colwise().sum();
        p.grad_sq = grad_sq;
        p.weight_sq = p.weight_sq - 2.0 * double(lr) * inner + double(lr) * double(lr) * grad_sq;
        return;
    }

    auto dW = dW_[l].middleRows(r0, m);
    auto db = db_[l].middleCols(r0, m);
    for (int k = 0; k < plan_.workers; ++k) {
        const MlpCache& c = workers_[std::size_t(k)].cache;
        const auto dz = c.dz[l].middleCols(r0, m);
        if (k == 0) {
            dW.noalias() = dz.transpose() * c.input(layer);
            db.noalias() = dz.colwise().sum();
        } else {
            dW.noalias() += dz.transpose() * c.input(layer);
            db.noalias() += dz.colwise().sum();
        }
    }
    const Eigen::Index cols = mlp.W[l].cols();
    const UpdateNorms wn = optimizer_.update(2 * layer, Eigen::Index(r0) * cols, W.data(), dW.data(), Eigen::Index(m) * cols);
    optimizer_.update(2 * layer + 1, r0, b.data(), db.data(), m);
    p.weight_sq = wn.value_sq;
    p.grad_sq = wn.grad_sq;
}

void MlpTrainer::exact_weight_norms(const Mlp& mlp) {
    for (int l = 0; l < mlp.layer_count(); ++l)
        for (int k = 0; k < plan_.parts; ++k) {
            const auto [r0, r1] = block(int(mlp.W[std::size_t(l)].rows()), plan_.parts, k);
            parts_by_layer_[std::size_t(l * plan_.parts + k)].weight_sq =
                double(mlp.W[std::size_t(l)].middleRows(r0, r1 - r0).squaredNorm());
        }
    steps_since_exact_ = 0;
    norms_valid_ = true;
}

StepResult MlpTrainer::step(Mlp& mlp, const Matrix& x, const Matrix& t) {
    return run_step(mlp, x, t, {}, int(x.rows()));
}

StepResult MlpTrainer::step_rows(Mlp& mlp, const Matrix& x, const Matrix& t, std::span<const int> rows) {
    return run_step(mlp, x, t, rows, int(rows.size()));
}

StepResult MlpTrainer::run_step(Mlp& mlp, const Matrix& x, const Matrix& t, std::span<const int> rows, int batch) {
    const bool copies = !rows.empty();
    prepare(mlp, batch);
    const bool fused = plan_.fused;
    if (fused && (!norms_valid_ || steps_since_exact_ >= kExactNormInterval)) exact_weight_norms(mlp);
    ++steps_since_exact_;
    optimizer_.begin_step();

    const int L = mlp.layer_count();
    const int team = plan_.parts;
    const int workers = plan_.workers;
    for (int k = 0; k < workers; ++k) {
        const auto [begin, end] = block(batch, workers, k);
        Worker& w = workers_[std::size_t(k)];
        if (copies) {
            w.cache.set_input(w.x.data(), end - begin, x.cols());
        } else {
            w.cache.set_input(x.row(begin).data(), end - begin, x.cols());
            w.t = t.middleRows(begin, end - begin);
        }
    }
    const auto run = [&](int k) {
        if (copies) {
            copy_rows(x, t, rows, k);
            if (workers != team) {
#pragma omp barrier
            }
        }
        if (plan_.split_first_layer) {
            first_layer_rows(mlp, k);
#pragma omp barrier
            if (k == 0) forward_backward(mlp, workers_[0], batch, batch, true);
            return;
        }
        if (k < workers) {
            const auto [begin, end] = block(batch, workers, k);
            forward_backward(mlp, workers_[std::size_t(k)], end - begin, batch, false);
        }
    };
    if (team == 1) {
        run(0);
        for (int l = 0; l < L; ++l) update_rows(mlp, l, 0, fused);
    } else {
#pragma omp parallel num_threads(team)
        {
#ifdef _OPENMP
            const int k = omp_get_thread_num();
#else
            const int k = 0;
#endif
            run(k);
#pragma omp barrier
            for (int l = 0; l < L; ++l) update_rows(mlp, l, k, fused);
        }
    }

    StepResult result;
    for (int k = 0; k < workers; ++k) {
        result.loss += workers_[std::size_t(k)].result.loss;
        result.correct += workers_[std::size_t(k)].result.correct;
    }
    for (int l = 0; l < L; ++l) {
        double w = 0, g = 0;
        for (int k = 0; k < team; ++k) {
            w += parts_by_layer_[std::size_t(l * team + k)].weight_sq;
            g += parts_by_layer_[std::size_t(l * team + k)].grad_sq;
        }
        weight_norms_[std::size_t(l)] = float(std::sqrt(std::max(w, 0.0)));
        grad_norms_[std::size_t(l)] = float(std::sqrt(std::max(g, 0.0)));
    }
    return result;
}

}  // namespace nn
