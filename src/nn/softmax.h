#pragma once
// Softmax over each row: turns a row of scores (logits) into probabilities that sum to one,
//   p_k = e^{z_k} / sum_j e^{z_j}.
#include "nn/tensor.h"

namespace nn {

// z, p: [batch, classes]. Subtracts each row's maximum first, so e^z never overflows.
template <class S>
void softmax_forward(const MatrixT<S>& z, MatrixT<S>& p);

// dz = p * (dp - sum_k dp_k p_k), row by row: the softmax Jacobian applied to dp, from the cached p.
template <class S>
void softmax_backward(const MatrixT<S>& p, const MatrixT<S>& dp, MatrixT<S>& dz);

}  // namespace nn
