#pragma once
// Causal multi-head self-attention (Vaswani et al., 2017). Each head h of width hd = d / heads
// projects every row of x to a query, a key and a value,
//   Q = x W_Q^T + b_Q,  K = x W_K^T + b_K,  V = x W_V^T + b_V            [length, hd] each
// and each position mixes the values of the positions up to itself, weighted by how well its
// query matches their keys:
//   A = softmax(mask(Q K^T / sqrt(hd)))   (row by row; the mask drops the later positions)
//   head = A V.
// The heads' outputs side by side go through the output projection: y = [head_1 ... head_H] W_O^T + b_O.
#include "nn/transformer/views.h"

namespace nn {

template <class S>
struct MultiHeadAttention {
    static long parameter_count(int d) { return 4L * d * d + 4L * d; }
    // W_Q, W_K, W_V stacked as one [3d, d] matrix (one product gives every head's Q, K and V), their
    // biases as one row [3d], then W_O [d, d] and b_O [d].
    template <class T>
    struct Parameters {
        MatrixMap<T> Wqkv;
        RowMap<T> bqkv;
        MatrixMap<T> Wo;
        RowMap<T> bo;
        Parameters(T* p, int d)
            : Wqkv(p, 3 * d, d), bqkv(p + 3L * d * d, 3 * d), Wo(p + 3L * d * d + 3 * d, d, d),
              bo(p + 4L * d * d + 3 * d, d) {}
    };
    // Kept from forward for backward (and for the trace), for rows = sequences x length:
    struct Cache {
        MatrixT<S> qkv;      // [rows, 3d]: Q, K, V side by side; head h's are columns h hd, d + h hd, 2d + h hd
        MatrixT<S> weights;  // [sequences x heads x length, length]: A of sequence s, head h at rows (s heads + h) length
        MatrixT<S> concatenated;  // [rows, d]: the heads' outputs side by side
    };
    struct Scratch {
        MatrixT<S> dqkv, dconcatenated;  // as qkv and concatenated
        MatrixT<S> dweights;             // [length, length], one head at a time
    };

    Parameters<const S> p;
    int heads = 1;

    // x, y: [rows, d], sequences of `length` rows one after another.
    void forward(MatrixIn<S> x, int length, Cache& cache, MatrixOut<S> y) const;
    // dx += dL/dx; the parameters' gradients are added to `grad`.
    void backward(MatrixIn<S> x, int length, const Cache& cache, MatrixIn<S> dy, Scratch& scratch, MatrixOut<S> dx,
                  Parameters<S> grad) const;
};

}  // namespace nn
