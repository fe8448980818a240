#pragma once
// Where each token sits, added to its embedding: attention itself cannot tell positions apart.
//   x[t] += P[t]      P: [context, d_model]
// P is learned (a table of parameters, like the token embedding), or the fixed sinusoids of
// Vaswani et al. (2017), P[t, 2i] = sin(t / 10000^(2i/d)), P[t, 2i+1] = cos(t / 10000^(2i/d)):
// each pair of columns turns at its own frequency, so every position gets a distinct pattern and
// a shift by k positions is the same rotation wherever it starts.
#include "nn/transformer/views.h"

namespace nn {

template <class S>
struct PositionalEncoding {
    // The sinusoidal table's rows 0..table.rows()-1.
    static void sinusoidal_table(MatrixOut<S> table);

    // x holds sequences of `length` tokens one after another: row r is position r % length.
    static void forward(MatrixIn<S> table, int length, MatrixOut<S> x);
    // A learned table's gradient: dP[t] += the sum of dx over the rows at position t.
    static void backward(int length, MatrixIn<S> dx, MatrixMap<S> dtable);
};

}  // namespace nn
