#pragma once
// Losses, forward and backward side by side. Each is the mean over the batch (rows), so the
// gradient of a batch is the average of its examples' gradients and the learning rate does not
// depend on the batch size.
#include "nn/tensor.h"

namespace nn {

// ---- Binary cross-entropy on logits -----------------------------------------------------------
// L = mean( log(1 + e^z) - t z ) with targets t in {0, 1}: the cross-entropy of sigmoid(z),
// computed from the logits directly so that a confident wrong answer costs |z| instead of log(0).
// z, t: [batch, 1]
template <class S>
S bce_with_logits_forward(const MatrixT<S>& z, const MatrixT<S>& t);

// dL/dz = (sigmoid(z) - t) / batch
template <class S>
void bce_with_logits_backward(const MatrixT<S>& z, const MatrixT<S>& t, MatrixT<S>& dz);

// ---- Softmax cross-entropy ----------------------------------------------------------------------
// L = mean over rows of -sum_k t_k log p_k, p = softmax(z); t is one-hot (or any distribution).
// z, t, p: [batch, classes]; p receives the probabilities, which the backward pass needs.
template <class S>
S softmax_cross_entropy_forward(const MatrixT<S>& z, const MatrixT<S>& t, MatrixT<S>& p);

// dL/dz = (p - t) / batch: softmax and cross-entropy together have this simple gradient.
template <class S>
void softmax_cross_entropy_backward(const MatrixT<S>& p, const MatrixT<S>& t, MatrixT<S>& dz);

// ---- Squared error ------------------------------------------------------------------------------
// L = mean over rows of sum_k (y_k - t_k)^2. y, t: [batch, outputs]
template <class S>
S squared_error_forward(const MatrixT<S>& y, const MatrixT<S>& t);

// dL/dy = 2 (y - t) / batch
template <class S>
void squared_error_backward(const MatrixT<S>& y, const MatrixT<S>& t, MatrixT<S>& dy);

}  // namespace nn
