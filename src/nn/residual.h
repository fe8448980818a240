#pragma once
// Residual connection (He et al., 2015): a block's input skips around it and is added to its
// output, y = x + f(x). In the backward pass the gradient reaches x along both paths,
// dx = dy + df(x)/dx^T dy, so however small the block's own gradient gets, dy gets through whole.
#include "nn/tensor.h"

namespace nn {

// y = x + fx.  x, fx, y: [batch, features]
template <class S>
void residual_forward(const MatrixT<S>& x, const MatrixT<S>& fx, MatrixT<S>& y);

// dx = dy (the skip path) + dx_block (the gradient that came back through the block).
template <class S>
void residual_backward(const MatrixT<S>& dy, const MatrixT<S>& dx_block, MatrixT<S>& dx);

}  // namespace nn
