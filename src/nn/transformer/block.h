#pragma once
// A transformer block, pre-LayerNorm as in GPT-2: each half reads a normalised copy of the
// residual stream and adds its result back,
//   x += MultiHeadAttention(LayerNorm_1(x))
//   x += FeedForward(LayerNorm_2(x)).
// The stream itself is never normalised, so the gradient reaches the first block undiminished
// through the additions.
#include "nn/transformer/feed_forward.h"
#include "nn/transformer/layer_norm.h"
#include "nn/transformer/multi_head_attention.h"

namespace nn {

template <class S>
struct Block {
    static long parameter_count(int d) {
        return MultiHeadAttention<S>::parameter_count(d) + FeedForward<S>::parameter_count(d) +
               2 * LayerNorm<S>::parameter_count(d);
    }
    // The attention's parameters, the feed-forward network's, then the two norms'.
    template <class T>
    struct Parameters {
        typename MultiHeadAttention<S>::template Parameters<T> attention;
        typename FeedForward<S>::template Parameters<T> feed_forward;
        typename LayerNorm<S>::template Parameters<T> norm1, norm2;
        Parameters(T* p, int d)
            : attention(p, d),
              feed_forward(p + MultiHeadAttention<S>::parameter_count(d), d),
              norm1(p + MultiHeadAttention<S>::parameter_count(d) + FeedForward<S>::parameter_count(d), d),
              norm2(p + MultiHeadAttention<S>::parameter_count(d) + FeedForward<S>::parameter_count(d) +
                        LayerNorm<S>::parameter_count(d),
                    d) {}
    };
    struct Cache {
        MatrixT<S> normed1, xhat1, normed2, xhat2;  // [rows, d]: the norms' outputs and normalised inputs
        VectorT<S> rstd1, rstd2;                    // [rows]
        typename MultiHeadAttention<S>::Cache attention;
        typename FeedForward<S>::Cache feed_forward;
    };
    struct Scratch {
        MatrixT<S> branch;   // [rows, d]: a half's output before it joins the stream, or its gradient at a norm
        typename MultiHeadAttention<S>::Scratch attention;
        typename FeedForward<S>::Scratch feed_forward;
    };

    Parameters<const S> p;
    int heads = 1;
    Activation activation = Activation::GELU;

    MultiHeadAttention<S> attention() const { return {p.attention, heads}; }
    FeedForward<S> feed_forward() const { return {p.feed_forward, activation}; }

    // x: the residual stream [rows, d] (sequences of `length` rows), updated in place.
    void forward(MatrixOut<S> x, int length, Cache& cache, Scratch& scratch) const;
    // dx: dL/d(the block's output) on entry, dL/d(its input) on return; gradients added to `grad`.
    void backward(int length, const Cache& cache, MatrixOut<S> dx, Scratch& scratch, Parameters<S> grad) const;
};

}  // namespace nn
