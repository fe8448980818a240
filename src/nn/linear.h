#pragma once
// Linear (dense) layer: y = x W^T + b.
#include "nn/tensor.h"

namespace nn {

// x: [batch, in], W: [out, in], b: [out], y: [batch, out]
template <class S>
void linear_forward(const MatrixT<S>& x, const MatrixT<S>& W, const RowVectorT<S>& b, MatrixT<S>& y);

// From dy = dL/dy: dW = dy^T x, db = column sums of dy, and dx = dy W when dx is given
// (the first layer passes nullptr: no gradient is needed for the input data).
template <class S>
void linear_backward(const MatrixT<S>& x, const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dW,
                     RowVectorT<S>& db, MatrixT<S>* dx);

}  // namespace nn
