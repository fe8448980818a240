#include "nn/softmax.h"

namespace nn {

template <class S>
void softmax_forward(const MatrixT<S>& z, MatrixT<S>& p) {
    p.resize(z.rows(), z.cols());
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
        p.row(i).array() = (z.row(i).array() - z.row(i).maxCoeff()).exp();
        p.row(i) /= p.row(i).sum();
    }
}

template <class S>
void softmax_backward(const MatrixT<S>& p, const MatrixT<S>& dp, MatrixT<S>& dz) {
    dz.resize(p.rows(), p.cols());
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        const S dot = p.row(i).dot(dp.row(i));
        dz.row(i).array() = p.row(i).array() * (dp.row(i).array() - dot);
    }
}

template void softmax_forward<float>(const MatrixT<float>&, MatrixT<float>&);
template void softmax_forward<double>(const MatrixT<double>&, MatrixT<double>&);
template void softmax_backward<float>(const MatrixT<float>&, const MatrixT<float>&, MatrixT<float>&);
template void softmax_backward<double>(const MatrixT<double>&, const MatrixT<double>&, MatrixT<double>&);

}  // namespace nn
