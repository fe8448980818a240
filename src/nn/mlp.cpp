#include "nn/mlp.h"

#include <cmath>
#include <algorithm>
#include <random>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "nn/linear.h"
#include "nn/loss.h"

namespace nn {

template <class S>
long MlpT<S>::parameter_count() const {
    long n = 0;
    for (int l = 0; l < layer_count(); ++l) n += long(W[l].size() + b[l].size());
    return n;
}

template <class S>
MlpT<S> make_mlp(const std::vector<int>& sizes, Activation activation, std::uint64_t seed) {
    MlpT<S> mlp;
    mlp.sizes = sizes;
    mlp.activation = activation;
    std::mt19937_64 rng(seed);
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        const int in = sizes[l], out = sizes[l + 1];
        const double stddev = activation == Activation::ReLU ? std::sqrt(2.0 / in) : std::sqrt(2.0 / (in + out));
        std::normal_distribution<double> normal(0.0, stddev);
        MatrixT<S> w(out, in);
        for (int i = 0; i < out; ++i)
            for (int j = 0; j < in; ++j) w(i, j) = S(normal(rng));
        mlp.W.push_back(std::move(w));
        mlp.b.push_back(RowVectorT<S>::Zero(out));
    }
    return mlp;
}

template <class S>
void MlpGradsT<S>::resize_like(const MlpT<S>& mlp) {
    dW.resize(mlp.W.size());
    db.resize(mlp.b.size());
    for (std::size_t l = 0; l < mlp.W.size(); ++l) {
        dW[l].resize(mlp.W[l].rows(), mlp.W[l].cols());
        db[l].resize(mlp.b[l].size());
    }
}

template <class S>
void MlpGradsT<S>::set_zero() {
    for (auto& m : dW) m.setZero();
    for (auto& v : db) v.setZero();
}

template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache) {
    const int L = mlp.layer_count();
    cache.a.resize(L);
    cache.z.resize(L);
    cache.a[0] = x;
    for (int l = 0; l < L; ++l) {
        linear_forward(cache.a[l], mlp.W[l], mlp.b[l], cache.z[l]);
        if (l + 1 < L) activation_forward(mlp.activation, cache.z[l], cache.a[l + 1]);
    }
    return cache.z[L - 1];
}

template <class S>
void mlp_backward(const MlpT<S>& mlp, MlpCacheT<S>& cache, const MatrixT<S>& dlogits, MlpGradsT<S>& grads) {
    const int L = mlp.layer_count();
    grads.resize_like(mlp);
    cache.dz = dlogits;
    for (int l = L - 1; l >= 0; --l) {
        linear_backward(cache.a[l], mlp.W[l], cache.dz, grads.dW[l], grads.db[l], l > 0 ? &cache.da : nullptr);
        if (l > 0) activation_backward(mlp.activation, cache.z[l - 1], cache.a[l], cache.da, cache.dz);
    }
}

template <class S>
S mlp_loss_and_grads(const MlpT<S>& mlp, const MatrixT<S>& x, const MatrixT<S>& t, MlpCacheT<S>& cache,
                     MlpGradsT<S>& grads) {
    const MatrixT<S>& logits = mlp_forward(mlp, x, cache);
    const S loss = bce_with_logits_forward(logits, t);
    MatrixT<S> dlogits;
    bce_with_logits_backward(logits, t, dlogits);
    mlp_backward(mlp, cache, dlogits, grads);
    return loss;
}

namespace {
int count_correct(const Matrix& logits, const Matrix& t) {
    int correct = 0;
    for (Eigen::Index i = 0; i < logits.rows(); ++i) correct += (logits(i, 0) > 0.f) == (t(i, 0) > 0.5f);
    return correct;
}
}  // namespace

StepResult MlpStepper::sgd_step(Mlp& mlp, const Matrix& x, const Matrix& t, float learning_rate) {
    const int batch = int(x.rows());
    const int team = std::max(1, std::min(threads_, batch / kMinRowsPerThread));
    total_.resize_like(mlp);
    StepResult result;

    if (team == 1) {
        result.loss = mlp_loss_and_grads(mlp, x, t, cache_, total_);
        result.correct = count_correct(cache_.z.back(), t);
    } else {
        workers_.resize(team);
        // Each thread takes a contiguous block of rows, computes the gradient of its share of the
        // mean loss, and the shares are summed afterwards: the same result as one big batch.
#pragma omp parallel num_threads(team)
        {
#ifdef _OPENMP
            const int k = omp_get_thread_num();
#else
            const int k = 0;
#endif
            const int begin = batch * k / team, end = batch * (k + 1) / team;
            Worker& w = workers_[k];
            w.x = x.middleRows(begin, end - begin);
            w.t = t.middleRows(begin, end - begin);
            const float share = float(end - begin) / float(batch);
            w.result.loss = mlp_loss_and_grads(mlp, w.x, w.t, w.cache, w.grads) * share;
            w.result.correct = count_correct(w.cache.z.back(), w.t);
            for (auto& m : w.grads.dW) m *= share;
            for (auto& v : w.grads.db) v *= share;
        }
        total_.set_zero();
        for (const Worker& w : workers_) {
            result.loss += w.result.loss;
            result.correct += w.result.correct;
            for (int l = 0; l < mlp.layer_count(); ++l) {
                total_.dW[l] += w.grads.dW[l];
                total_.db[l] += w.grads.db[l];
            }
        }
    }
    for (int l = 0; l < mlp.layer_count(); ++l) {
        mlp.W[l] -= learning_rate * total_.dW[l];
        mlp.b[l] -= learning_rate * total_.db[l];
    }
    return result;
}

template struct MlpT<float>;
template struct MlpT<double>;
template struct MlpGradsT<float>;
template struct MlpGradsT<double>;
template MlpT<float> make_mlp<float>(const std::vector<int>&, Activation, std::uint64_t);
template MlpT<double> make_mlp<double>(const std::vector<int>&, Activation, std::uint64_t);
template const MatrixT<float>& mlp_forward<float>(const MlpT<float>&, const MatrixT<float>&, MlpCacheT<float>&);
template const MatrixT<double>& mlp_forward<double>(const MlpT<double>&, const MatrixT<double>&,
                                                    MlpCacheT<double>&);
template void mlp_backward<float>(const MlpT<float>&, MlpCacheT<float>&, const MatrixT<float>&, MlpGradsT<float>&);
template void mlp_backward<double>(const MlpT<double>&, MlpCacheT<double>&, const MatrixT<double>&,
                                   MlpGradsT<double>&);
template float mlp_loss_and_grads<float>(const MlpT<float>&, const MatrixT<float>&, const MatrixT<float>&,
                                         MlpCacheT<float>&, MlpGradsT<float>&);
template double mlp_loss_and_grads<double>(const MlpT<double>&, const MatrixT<double>&, const MatrixT<double>&,
                                           MlpCacheT<double>&, MlpGradsT<double>&);

}  // namespace nn
