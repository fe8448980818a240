#pragma once
// Linear (dense) layer: y = x W^T + b.
#include "nn/tensor.h"

namespace nn {

// x: [batch, in], W: [out, in], b: [out], y: [batch, out]
template <class S>
void linear_forward(const InputT<S>& x, const MatrixT<S>& W, const RowVectorT<S>& b, MatrixT<S>& y);

// From dy = dL/dy: dW = dy^T x, db = column sums of dy, and dx = dy W when dx is given
// (the first layer passes nullptr: no gradient is needed for the input data).
template <class S>
void linear_backward(const InputT<S>& x, const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dW,
                     RowVectorT<S>& db, MatrixT<S>* dx);

// The two halves of linear_backward, for callers that schedule them apart (see MlpTrainer):
// the gradient that flows on to the layer's input, dx = dy W ...
template <class S>
void linear_backward_input(const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dx);
// ... and the gradients of the layer's own parameters, dW = dy^T x, db = column sums of dy.
template <class S>
void linear_backward_params(const InputT<S>& x, const MatrixT<S>& dy, MatrixT<S>& dW, RowVectorT<S>& db);

}  // namespace nn
