#include "nn/transformer/block.h"

namespace nn {

template <class S>
void Block<S>::forward(MatrixOut<S> x, int length, Cache& cache, Scratch& scratch) const {
    const Eigen::Index rows = x.rows(), d = x.cols();
    for (MatrixT<S>* m : {&cache.normed1, &cache.xhat1, &cache.normed2, &cache.xhat2, &scratch.branch})
        m->resize(rows, d);
    cache.rstd1.resize(rows);
    cache.rstd2.resize(rows);

    LayerNorm<S>{p.norm1}.forward(x, cache.normed1, cache.xhat1, cache.rstd1);
    attention().forward(cache.normed1, length, cache.attention, scratch.branch);
    x += scratch.branch;
    LayerNorm<S>{p.norm2}.forward(x, cache.normed2, cache.xhat2, cache.rstd2);
    feed_forward().forward(cache.normed2, cache.feed_forward, scratch.branch);
    x += scratch.branch;
}

template <class S>
void Block<S>::backward(int length, const Cache& cache, MatrixOut<S> dx, Scratch& scratch, Parameters<S> grad) const {
    // The stream's gradient passes the additions unchanged; each half adds what flows back through it.
    scratch.branch.setZero();
    feed_forward().backward(cache.normed2, cache.feed_forward, dx, scratch.feed_forward, scratch.branch,
                            grad.feed_forward);
    LayerNorm<S>{p.norm2}.backward(scratch.branch, cache.xhat2, cache.rstd2, dx, grad.norm2);
    scratch.branch.setZero();
    attention().backward(cache.normed1, length, cache.attention, dx, scratch.attention, scratch.branch,
                         grad.attention);
    LayerNorm<S>{p.norm1}.backward(scratch.branch, cache.xhat1, cache.rstd1, dx, grad.norm1);
}

template struct Block<float>;
template struct Block<double>;

}  // namespace nn
