#pragma once
// The position-wise feed-forward network of a block: each row on its own through
//   y = f(x W1^T + b1) W2^T + b2,   W1: [4d, d], W2: [d, 4d],  f = GELU or ReLU.
// The four times wider hidden layer is where most of a transformer's parameters are.
#include "nn/activation.h"
#include "nn/transformer/views.h"

namespace nn {

template <class S>
struct FeedForward {
    static long parameter_count(int d) { return 2L * 4 * d * d + 4L * d + d; }
    // W1, b1, W2, b2, one after another from `p`.
    template <class T>
    struct Parameters {
        MatrixMap<T> W1;
        RowMap<T> b1;
        MatrixMap<T> W2;
        RowMap<T> b2;
        Parameters(T* p, int d)
            : W1(p, 4 * d, d), b1(p + 4L * d * d, 4 * d), W2(p + 4L * d * d + 4 * d, d, 4 * d),
              b2(p + 8L * d * d + 4 * d, d) {}
    };
    // Kept from forward for backward: the hidden layer before and after f [rows, 4d].
    struct Cache {
        MatrixT<S> hidden, activated;
    };
    // Backward's own buffers, kept between calls so that they are sized once.
    struct Scratch {
        MatrixT<S> dactivated, dhidden;
    };

    Parameters<const S> p;
    Activation activation = Activation::GELU;

    // x, y: [rows, d]
    void forward(MatrixIn<S> x, Cache& cache, MatrixOut<S> y) const;
    // dx += dL/dx; the parameters' gradients are added to `grad`.
    void backward(MatrixIn<S> x, const Cache& cache, MatrixIn<S> dy, Scratch& scratch, MatrixOut<S> dx,
                  Parameters<S> grad) const;
};

}  // namespace nn
