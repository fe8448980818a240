#include "nn/transformer/layer_norm.h"

#include <cmath>

namespace nn {

template <class S>
void LayerNorm<S>::forward(MatrixIn<S> x, MatrixOut<S> y, MatrixOut<S> xhat, ColumnOut<S> rstd) const {
    const S inv_d = S(1) / S(x.cols());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        const S mean = x.row(r).sum() * inv_d;
        const S var = (x.row(r).array() - mean).square().sum() * inv_d;
        rstd(r) = S(1) / std::sqrt(var + S(kEpsilon));
        xhat.row(r) = (x.row(r).array() - mean) * rstd(r);
        y.row(r) = xhat.row(r).cwiseProduct(p.gain) + p.bias;
    }
}

template <class S>
void LayerNorm<S>::backward(MatrixIn<S> dy, MatrixIn<S> xhat, ColumnIn<S> rstd, MatrixOut<S> dx,
                            Parameters<S> grad) const {
    const S inv_d = S(1) / S(dy.cols());
    for (Eigen::Index r = 0; r < dy.rows(); ++r) {
        const auto dxhat = dy.row(r).cwiseProduct(p.gain);
        const S mean_dxhat = dxhat.sum() * inv_d;
        const S mean_dxhat_xhat = dxhat.dot(xhat.row(r)) * inv_d;
        dx.row(r).array() += rstd(r) * (dxhat.array() - mean_dxhat - xhat.row(r).array() * mean_dxhat_xhat);
        grad.gain += dy.row(r).cwiseProduct(xhat.row(r));
        grad.bias += dy.row(r);
    }
}

template struct LayerNorm<float>;
template struct LayerNorm<double>;

}  // namespace nn
