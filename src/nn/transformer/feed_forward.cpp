#include "nn/transformer/feed_forward.h"

namespace nn {

template <class S>
void FeedForward<S>::forward(MatrixIn<S> x, Cache& cache, MatrixOut<S> y) const {
    cache.hidden.resize(x.rows(), p.W1.rows());
    cache.hidden.noalias() = x * p.W1.transpose();
    cache.hidden.rowwise() += p.b1;
    activation_forward(activation, cache.hidden, cache.activated);
    y.noalias() = cache.activated * p.W2.transpose();
    y.rowwise() += p.b2;
}

template <class S>
void FeedForward<S>::backward(MatrixIn<S> x, const Cache& cache, MatrixIn<S> dy, Scratch& scratch, MatrixOut<S> dx,
                              Parameters<S> grad) const {
    scratch.dactivated.resize(dy.rows(), p.W2.cols());
    scratch.dactivated.noalias() = dy * p.W2;
    grad.W2.noalias() += dy.transpose() * cache.activated;
    grad.b2.noalias() += dy.colwise().sum();
    activation_backward(activation, cache.hidden, cache.activated, scratch.dactivated, scratch.dhidden);
    grad.W1.noalias() += scratch.dhidden.transpose() * x;
    grad.b1.noalias() += scratch.dhidden.colwise().sum();
    dx.noalias() += scratch.dhidden * p.W1;
}

template struct FeedForward<float>;
template struct FeedForward<double>;

}  // namespace nn
