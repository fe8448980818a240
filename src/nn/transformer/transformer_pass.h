#pragma once
// The whole model's forward and backward pass over a run of sequences, shared by the reference
// TransformerT::loss (double, one thread) and the fast TransformerTrainer (float, one run per
// thread): both go through these same layers, so the gradient checks in double vouch for the
// trainer's arithmetic too.
#include <span>
#include <vector>

#include "nn/transformer/block.h"
#include "nn/transformer/transformer.h"
#include "nn/transformer/transformer_workspace.h"

namespace nn {

// Where each part of the model sits in the flat parameter vector, in the order of groups().
struct TransformerLayout {
    long embedding = 0;      // E [vocab, d]
    long positions = -1;     // learned P [context, d]; -1 when sinusoidal (no parameters)
    long blocks = 0;         // block l at blocks + l * block_size
    long block_size = 0;
    long final_norm = 0;     // gain, bias [d] each
    long unembedding = 0;    // U [vocab, d]; the same as embedding when tied
    long total = 0;
    explicit TransformerLayout(const TransformerShape& shape);
};

template <class S>
class TransformerPass {
public:
    TransformerPass(const TransformerShape& shape, const S* parameters)
        : shape_(shape), layout_(shape), params_(parameters) {}

    // Logits of `tokens` (sequences of `length` one after another) into ws.logits.
    void forward(std::span<const int> tokens, int length, TransformerWorkspace<S>& ws) const;
    // From ws.logits: the cross-entropy summed over the scored rows (targets >= 0), and in
    // `correct` how many of them had their target as the most likely token. With `dlogits_scale`
    // > 0 also fills ws.dlogits = dlogits_scale x d(the sum)/dlogits.
    double cross_entropy(std::span<const int> targets, TransformerWorkspace<S>& ws, S dlogits_scale,
                         int& correct) const;
    // From ws.dlogits: adds dL/dparameters to `grad` (the layout of the parameters).
    void backward(std::span<const int> tokens, int length, TransformerWorkspace<S>& ws, S* grad) const;

    Block<S> block(int l) const;
    typename Block<S>::template Parameters<S> block_gradient(S* grad, int l) const;
    MatrixMap<const S> embedding() const { return {params_ + layout_.embedding, shape_.vocab, shape_.d_model}; }
    MatrixMap<const S> unembedding() const { return {params_ + layout_.unembedding, shape_.vocab, shape_.d_model}; }
    typename LayerNorm<S>::template Parameters<const S> final_norm() const {
        return {params_ + layout_.final_norm, shape_.d_model};
    }
    const TransformerLayout& layout() const { return layout_; }

private:
    // The table added at positions 0..context-1: the learned parameters, or ws.sinusoids.
    MatrixMap<const S> position_table(TransformerWorkspace<S>& ws) const;

    TransformerShape shape_;
    TransformerLayout layout_;
    const S* params_;
};

}  // namespace nn
