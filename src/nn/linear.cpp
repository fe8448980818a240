#include "nn/linear.h"

namespace nn {

template <class S>
void linear_forward(const MatrixT<S>& x, const MatrixT<S>& W, const RowVectorT<S>& b, MatrixT<S>& y) {
    y.resize(x.rows(), W.rows());
    y.noalias() = x * W.transpose();
    y.rowwise() += b;
}

template <class S>
void linear_backward(const MatrixT<S>& x, const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dW,
                     RowVectorT<S>& db, MatrixT<S>* dx) {
    dW.resize(W.rows(), W.cols());
    dW.noalias() = dy.transpose() * x;
    db = dy.colwise().sum();
    if (dx) {
        dx->resize(x.rows(), x.cols());
        dx->noalias() = dy * W;
    }
}

template void linear_forward<float>(const MatrixT<float>&, const MatrixT<float>&, const RowVectorT<float>&,
                                    MatrixT<float>&);
template void linear_forward<double>(const MatrixT<double>&, const MatrixT<double>&, const RowVectorT<double>&,
                                     MatrixT<double>&);
template void linear_backward<float>(const MatrixT<float>&, const MatrixT<float>&, const MatrixT<float>&,
                                     MatrixT<float>&, RowVectorT<float>&, MatrixT<float>*);
template void linear_backward<double>(const MatrixT<double>&, const MatrixT<double>&, const MatrixT<double>&,
                                      MatrixT<double>&, RowVectorT<double>&, MatrixT<double>*);

}  // namespace nn
