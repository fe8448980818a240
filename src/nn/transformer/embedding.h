#pragma once
// Token embedding: each token id picks its row of a learned table.
//   x[i] = E[token_i]      E: [vocab, d_model], x: [tokens, d_model]
#include <span>

#include "nn/transformer/views.h"

namespace nn {

template <class S>
struct Embedding {
    MatrixMap<const S> table;  // E [vocab, d_model]

    void forward(std::span<const int> tokens, MatrixOut<S> x) const;
    // A row of E gets the gradient of every place its token was looked up: dE[token_i] += dx[i].
    static void backward(std::span<const int> tokens, MatrixIn<S> dx, MatrixMap<S> dtable);
};

}  // namespace nn
