#include "nn/residual.h"

namespace nn {

template <class S>
void residual_forward(const MatrixT<S>& x, const MatrixT<S>& fx, MatrixT<S>& y) {
    y.resize(x.rows(), x.cols());
    y.noalias() = x + fx;
}

template <class S>
void residual_backward(const MatrixT<S>& dy, const MatrixT<S>& dx_block, MatrixT<S>& dx) {
    dx.resize(dy.rows(), dy.cols());
    dx.noalias() = dy + dx_block;
}

template void residual_forward<float>(const MatrixT<float>&, const MatrixT<float>&, MatrixT<float>&);
template void residual_forward<double>(const MatrixT<double>&, const MatrixT<double>&, MatrixT<double>&);
template void residual_backward<float>(const MatrixT<float>&, const MatrixT<float>&, MatrixT<float>&);
template void residual_backward<double>(const MatrixT<double>&, const MatrixT<double>&, MatrixT<double>&);

}  // namespace nn
