#include "nn/transformer/multi_head_attention.h"

#include <algorithm>
#include <cmath>

namespace nn {

template <class S>
void MultiHeadAttention<S>::forward(MatrixIn<S> x, int length, Cache& cache, MatrixOut<S> y) const {
    const Eigen::Index rows = x.rows(), d = x.cols(), T = length;
    const Eigen::Index hd = d / heads, sequences = rows / T;
    const S scale = S(1) / std::sqrt(S(hd));
    cache.qkv.resize(rows, 3 * d);
    cache.weights.resize(sequences * heads * T, T);
    cache.concatenated.resize(rows, d);
    cache.qkv.noalias() = x * p.Wqkv.transpose();
    cache.qkv.rowwise() += p.bqkv;
    for (Eigen::Index s = 0; s < sequences; ++s)
        for (Eigen::Index h = 0; h < heads; ++h) {
            const auto Q = cache.qkv.block(s * T, h * hd, T, hd);
            const auto K = cache.qkv.block(s * T, d + h * hd, T, hd);
            const auto V = cache.qkv.block(s * T, 2 * d + h * hd, T, hd);
            auto A = cache.weights.block((s * heads + h) * T, 0, T, T);
            A.noalias() = Q * K.transpose();
            for (Eigen::Index i = 0; i < T; ++i) {
                // Row i sees positions 0..i: softmax over those, 0 for the rest.
                auto seen = A.row(i).head(i + 1);
                const S top = seen.maxCoeff();
                seen = ((seen.array() - top) * scale).exp().matrix();
                seen /= seen.sum();
                A.row(i).tail(T - i - 1).setZero();
            }
            cache.concatenated.block(s * T, h * hd, T, hd).noalias() = A * V;
        }
    y.noalias() = cache.concatenated * p.Wo.transpose();
    y.rowwise() += p.bo;
}

template <class S>
void MultiHeadAttention<S>::backward(MatrixIn<S> x, int length, const Cache& cache, MatrixIn<S> dy,
                                     Scratch& scratch, MatrixOut<S> dx, Parameters<S> grad) const {
    const Eigen::Index rows = x.rows(), d = x.cols(), T = length;
    const Eigen::Index hd = d / heads, sequences = rows / T;
    const S scale = S(1) / std::sqrt(S(hd));
    scratch.dqkv.resize(rows, 3 * d);
    scratch.dconcatenated.resize(rows, d);
    scratch.dweights.resize(T, T);
    scratch.dconcatenated.noalias() = dy * p.Wo;
    grad.Wo.noalias() += dy.transpose() * cache.concatenated;
    grad.bo.noalias() += dy.colwise().sum();
    auto& dA = scratch.dweights;
    for (Eigen::Index s = 0; s < sequences; ++s)
        for (Eigen::Index h = 0; h < heads; ++h) {
            const auto Q = cache.qkv.block(s * T, h * hd, T, hd);
            const auto K = cache.qkv.block(s * T, d + h * hd, T, hd);
            const auto V = cache.qkv.block(s * T, 2 * d + h * hd, T, hd);
            const auto A = cache.weights.block((s * heads + h) * T, 0, T, T);
            const auto dhead = scratch.dconcatenated.block(s * T, h * hd, T, hd);
            dA.noalias() = dhead * V.transpose();
            scratch.dqkv.block(s * T, 2 * d + h * hd, T, hd).noalias() = A.transpose() * dhead;
            // Softmax backward, row by row: dscore_j = A_j (dA_j - sum_k A_k dA_k), times the scale
            // the scores were multiplied by. Masked entries have A = 0, so their gradient is 0.
            for (Eigen::Index i = 0; i < T; ++i) {
                const S dot = A.row(i).dot(dA.row(i));
                dA.row(i) = (A.row(i).array() * (dA.row(i).array() - dot) * scale).matrix();
            }
            scratch.dqkv.block(s * T, h * hd, T, hd).noalias() = dA * K;
            scratch.dqkv.block(s * T, d + h * hd, T, hd).noalias() = dA.transpose() * Q;
        }
    grad.Wqkv.noalias() += scratch.dqkv.transpose() * x;
    grad.bqkv.noalias() += scratch.dqkv.colwise().sum();
    dx.noalias() += scratch.dqkv * p.Wqkv;
}

template struct MultiHeadAttention<float>;
template struct MultiHeadAttention<double>;

}  // namespace nn
