#pragma once
// Losses, forward and backward side by side.
#include "nn/tensor.h"

namespace nn {

// Binary cross-entropy on logits z (before the sigmoid), mean over the batch:
//   L = mean( log(1 + e^z) - t z ),   with targets t in {0, 1}.
// Computed from the logits directly so that a confident wrong answer costs |z| instead of log(0).
// z, t: [batch, 1]
template <class S>
S bce_with_logits_forward(const MatrixT<S>& z, const MatrixT<S>& t);

// dL/dz = (sigmoid(z) - t) / batch
template <class S>
void bce_with_logits_backward(const MatrixT<S>& z, const MatrixT<S>& t, MatrixT<S>& dz);

}  // namespace nn
