#include "nn/linear.h"

namespace nn {

template <class S>
void linear_forward(const InputT<S>& x, const MatrixT<S>& W, const RowVectorT<S>& b, MatrixT<S>& y) {
    y.resize(x.rows(), W.rows());
    y.noalias() = x * W.transpose();
    y.rowwise() += b;
}

template <class S>
void linear_backward_input(const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dx) {
    dx.resize(dy.rows(), W.cols());
    dx.noalias() = dy * W;
}

template <class S>
void linear_backward_params(const InputT<S>& x, const MatrixT<S>& dy, MatrixT<S>& dW, RowVectorT<S>& db) {
    dW.resize(dy.cols(), x.cols());
    dW.noalias() = dy.transpose() * x;
    db.resize(dy.cols());
    db.noalias() = dy.colwise().sum();
}

template <class S>
void linear_backward(const InputT<S>& x, const MatrixT<S>& W, const MatrixT<S>& dy, MatrixT<S>& dW,
                     RowVectorT<S>& db, MatrixT<S>* dx) {
    linear_backward_params(x, dy, dW, db);
    if (dx) linear_backward_input(W, dy, *dx);
}

#define NN_LINEAR_INSTANTIATE(S)                                                                          \
    template void linear_forward<S>(const InputT<S>&, const MatrixT<S>&, const RowVectorT<S>&, MatrixT<S>&); \
    template void linear_backward<S>(const InputT<S>&, const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&,    \
                                     RowVectorT<S>&, MatrixT<S>*);                                           \
    template void linear_backward_input<S>(const MatrixT<S>&, const MatrixT<S>&, MatrixT<S>&);               \
    template void linear_backward_params<S>(const InputT<S>&, const MatrixT<S>&, MatrixT<S>&, RowVectorT<S>&);
NN_LINEAR_INSTANTIATE(float)
NN_LINEAR_INSTANTIATE(double)
#undef NN_LINEAR_INSTANTIATE

}  // namespace nn
