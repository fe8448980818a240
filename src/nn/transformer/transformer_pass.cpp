#include "nn/transformer/transformer_pass.h"

#include <cmath>

#include "nn/transformer/embedding.h"
#include "nn/transformer/positional_encoding.h"

namespace nn {

TransformerLayout::TransformerLayout(const TransformerShape& shape) {
    const long d = shape.d_model;
    long at = 0;
    embedding = at;
    at += long(shape.vocab) * d;
    if (shape.positions == PositionKind::Learned) {
        positions = at;
        at += long(shape.context) * d;
    }
    blocks = at;
    block_size = Block<float>::parameter_count(int(d));
    at += block_size * shape.layers;
    final_norm = at;
    at += LayerNorm<float>::parameter_count(int(d));
    if (shape.tied) {
        unembedding = embedding;
    } else {
        unembedding = at;
        at += long(shape.vocab) * d;
    }
    total = at;
}

template <class S>
Block<S> TransformerPass<S>::block(int l) const {
    return {{params_ + layout_.blocks + l * layout_.block_size, shape_.d_model}, shape_.heads, shape_.activation};
}

template <class S>
typename Block<S>::template Parameters<S> TransformerPass<S>::block_gradient(S* grad, int l) const {
    return {grad + layout_.blocks + l * layout_.block_size, shape_.d_model};
}

template <class S>
MatrixMap<const S> TransformerPass<S>::position_table(TransformerWorkspace<S>& ws) const {
    if (shape_.positions == PositionKind::Learned)
        return {params_ + layout_.positions, shape_.context, shape_.d_model};
    if (ws.sinusoids.rows() != shape_.context || ws.sinusoids.cols() != shape_.d_model) {
        ws.sinusoids.resize(shape_.context, shape_.d_model);
        PositionalEncoding<S>::sinusoidal_table(ws.sinusoids);
    }
    return {ws.sinusoids.data(), shape_.context, shape_.d_model};
}

template <class S>
void TransformerPass<S>::forward(std::span<const int> tokens, int length, TransformerWorkspace<S>& ws) const {
    const auto rows = Eigen::Index(tokens.size());
    const int d = shape_.d_model;
    ws.x.resize(rows, d);
    Embedding<S>{embedding()}.forward(tokens, ws.x);
    PositionalEncoding<S>::forward(position_table(ws), length, ws.x);
    ws.blocks.resize(std::size_t(shape_.layers));
    for (int l = 0; l < shape_.layers; ++l) block(l).forward(ws.x, length, ws.blocks[std::size_t(l)], ws.block_scratch);
    ws.normed.resize(rows, d);
    ws.xhat.resize(rows, d);
    ws.rstd.resize(rows);
    LayerNorm<S>{final_norm()}.forward(ws.x, ws.normed, ws.xhat, ws.rstd);
    ws.logits.resize(rows, shape_.vocab);
    ws.logits.noalias() = ws.normed * unembedding().transpose();
}

template <class S>
double TransformerPass<S>::cross_entropy(std::span<const int> targets, TransformerWorkspace<S>& ws, S dlogits_scale,
                                         int& correct) const {
    const bool gradient = dlogits_scale > S(0);
    if (gradient) ws.dlogits.resize(ws.logits.rows(), ws.logits.cols());
    double sum = 0;
    correct = 0;
    for (Eigen::Index r = 0; r < ws.logits.rows(); ++r) {
        const int target = targets[std::size_t(r)];
        if (target < 0) {
            if (gradient) ws.dlogits.row(r).setZero();
            continue;
        }
        const auto z = ws.logits.row(r);
        Eigen::Index best;
        const S top = z.maxCoeff(&best);
        if (best == target) ++correct;
        // log sum_k e^{z_k}, with the largest term factored out so that nothing overflows.
        const S total = (z.array() - top).exp().sum();
        sum += double(top + std::log(total) - z(target));
        if (gradient) {
            // dL/dz = softmax(z) - onehot(target)
            ws.dlogits.row(r) = ((z.array() - top).exp() * (dlogits_scale / total)).matrix();
            ws.dlogits(r, target) -= dlogits_scale;
        }
    }
    return sum;
}

template <class S>
void TransformerPass<S>::backward(std::span<const int> tokens, int length, TransformerWorkspace<S>& ws, S* grad) const {
    const auto rows = Eigen::Index(tokens.size());
    const int d = shape_.d_model;
    MatrixMap<S> dunembedding(grad + layout_.unembedding, shape_.vocab, d);
    dunembedding.noalias() += ws.dlogits.transpose() * ws.normed;
    ws.dnormed.resize(rows, d);
    ws.dnormed.noalias() = ws.dlogits * unembedding();
    ws.dx.resize(rows, d);
    ws.dx.setZero();
    LayerNorm<S>{final_norm()}.backward(ws.dnormed, ws.xhat, ws.rstd, ws.dx,
                                        {grad + layout_.final_norm, d});
    for (int l = shape_.layers - 1; l >= 0; --l)
        block(l).backward(length, ws.blocks[std::size_t(l)], ws.dx, ws.block_scratch, block_gradient(grad, l));
    if (shape_.positions == PositionKind::Learned)
        PositionalEncoding<S>::backward(length, ws.dx, {grad + layout_.positions, shape_.context, d});
    Embedding<S>::backward(tokens, ws.dx, {grad + layout_.embedding, shape_.vocab, d});
}

template class TransformerPass<float>;
template class TransformerPass<double>;

}  // namespace nn
