#include "nn/loss.h"

#include <cmath>

namespace nn {

template <class S>
S bce_with_logits_forward(const MatrixT<S>& z, const MatrixT<S>& t) {
    // log(1 + e^z) = max(z, 0) + log(1 + e^-|z|), which never overflows.
    const auto softplus = z.array().max(S(0)) + (S(1) + (-z.array().abs()).exp()).log();
    return (softplus - t.array() * z.array()).sum() / S(z.rows());
}

template <class S>
void bce_with_logits_backward(const MatrixT<S>& z, const MatrixT<S>& t, MatrixT<S>& dz) {
    dz.resize(z.rows(), z.cols());
    dz = (((S(1) + (-z.array()).exp()).inverse() - t.array()) / S(z.rows())).matrix();
}

template float bce_with_logits_forward<float>(const MatrixT<float>&, const MatrixT<float>&);
template double bce_with_logits_forward<double>(const MatrixT<double>&, const MatrixT<double>&);
template void bce_with_logits_backward<float>(const MatrixT<float>&, const MatrixT<float>&, MatrixT<float>&);
template void bce_with_logits_backward<double>(const MatrixT<double>&, const MatrixT<double>&, MatrixT<double>&);

}  // namespace nn
