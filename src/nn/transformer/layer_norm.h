#pragma once
// Layer normalisation (Ba et al., 2016): each row is shifted and scaled to mean 0 and variance 1,
// then given a learned gain and bias,
//   xhat = (x - mean(x)) / sqrt(var(x) + eps),   y = gain * xhat + bias.
// It keeps the residual stream's scale from drifting as blocks add to it, whatever the weights do.
#include "nn/transformer/views.h"

namespace nn {

template <class S>
struct LayerNorm {
    static constexpr double kEpsilon = 1e-5;
    static long parameter_count(int d) { return 2L * d; }
    // Gain then bias, d each, from `p`.
    template <class T>
    struct Parameters {
        RowMap<T> gain, bias;
        Parameters(T* p, int d) : gain(p, d), bias(p + d, d) {}
    };

    Parameters<const S> p;

    // x, y, xhat: [rows, d]; rstd: [rows], 1 / sqrt(var + eps), kept with xhat for backward.
    void forward(MatrixIn<S> x, MatrixOut<S> y, MatrixOut<S> xhat, ColumnOut<S> rstd) const;
    // dx += dL/dx, and the parameters' gradients added to `grad`:
    //   dxhat = gain * dy,  dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat))  (row by row).
    void backward(MatrixIn<S> dy, MatrixIn<S> xhat, ColumnIn<S> rstd, MatrixOut<S> dx, Parameters<S> grad) const;
};

}  // namespace nn
