#pragma once
// The buffers of one forward and backward pass of the transformer (see transformer_pass.h), apart
// so that the trainer in transformer.h can keep them without seeing the pass itself.
#include <vector>

#include "nn/transformer/block.h"

namespace nn {

// Everything one run of sequences needs, sized by the first pass and reused by the next.
template <class S>
struct TransformerWorkspace {
    MatrixT<S> sinusoids;    // the sinusoidal position table [context, d], computed once
    MatrixT<S> x;            // the residual stream [rows, d]
    std::vector<typename Block<S>::Cache> blocks;
    typename Block<S>::Scratch block_scratch;
    MatrixT<S> normed, xhat;  // the final norm's output and normalised input [rows, d]
    VectorT<S> rstd;
    MatrixT<S> logits;        // [rows, vocab]
    MatrixT<S> dlogits;       // [rows, vocab]
    MatrixT<S> dnormed, dx;   // [rows, d]
};

}  // namespace nn
