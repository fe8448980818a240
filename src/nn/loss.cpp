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
    dz.array() = ((S(1) + (-z.array()).exp()).inverse() - t.array()) / S(z.rows());
}

template <class S>
S softmax_cross_entropy_forward(const MatrixT<S>& z, const MatrixT<S>& t, MatrixT<S>& p) {
    p.resize(z.rows(), z.cols());
    S total = 0;
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
        // log p_k = z_k - m - log sum_j e^{z_j - m}: exact even when a p_k underflows to zero.
        const S m = z.row(i).maxCoeff();
        p.row(i).array() = (z.row(i).array() - m).exp();
        const S sum = p.row(i).sum();
        p.row(i) /= sum;
        total -= (t.row(i).array() * (z.row(i).array() - m - std::log(sum))).sum();
    }
    return total / S(z.rows());
}

template <class S>
void softmax_cross_entropy_backward(const MatrixT<S>& p, const MatrixT<S>& t, MatrixT<S>& dz) {
    dz.resize(p.rows(), p.cols());
    dz.noalias() = (p - t) / S(p.rows());
}

template <class S>
S squared_error_forward(const MatrixT<S>& y, const MatrixT<S>& t) {
    return (y - t).squaredNorm() / S(y.rows());
}

template <class S>
void squared_error_backward(const MatrixT<S>& y, const MatrixT<S>& t, MatrixT<S>& dy) {
    dy.resize(y.rows(), y.cols());
    dy.noalias() = (S(2) / S(y.rows())) * (y - t);
}

#define NN_LOSS_INSTANTIATE(S)                                                                      \
    template S bce_with_logits_forward<S>(const MatrixT<S>&, const MatrixT<S>&);                     \
    template void bce_with_logits_backward<S>(const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&);    \
    template S softmax_cross_entropy_forward<S>(const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&);  \
    template void softmax_cross_entropy_backward<S>(const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&); \
    template S squared_error_forward<S>(const MatrixT<S>&, const MatrixT<S>&);                       \
    template void squared_error_backward<S>(const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&);
NN_LOSS_INSTANTIATE(float)
NN_LOSS_INSTANTIATE(double)
#undef NN_LOSS_INSTANTIATE

}  // namespace nn
