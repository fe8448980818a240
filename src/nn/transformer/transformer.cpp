#include "nn/transformer/transformer.h"

#include <cmath>
#include <random>

#include "nn/transformer/positional_encoding.h"
#include "nn/transformer/transformer_pass.h"

namespace nn {

std::string_view position_kind_name(PositionKind k) {
    switch (k) {
        case PositionKind::Learned: return "learned";
        case PositionKind::Sinusoidal: return "sinusoidal";
    }
    return "?";
}

std::optional<PositionKind> position_kind_from_name(std::string_view name) {
    for (PositionKind k : {PositionKind::Learned, PositionKind::Sinusoidal})
        if (position_kind_name(k) == name) return k;
    return std::nullopt;
}

std::string check_shape(const TransformerShape& s) {
    const auto range = [](const char* what, int v, int lo, int hi) {
        return std::string(what) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not " +
               std::to_string(v) + ".";
    };
    if (s.vocab < 2 || s.vocab > kMaxTransformerVocab) return range("The vocabulary", s.vocab, 2, kMaxTransformerVocab);
    if (s.context < kMinTransformerContext || s.context > kMaxTransformerContext)
        return range("The context", s.context, kMinTransformerContext, kMaxTransformerContext);
    if (s.d_model < kMinTransformerDModel || s.d_model > kMaxTransformerDModel)
        return range("d_model", s.d_model, kMinTransformerDModel, kMaxTransformerDModel);
    if (s.heads < kMinTransformerHeads || s.heads > kMaxTransformerHeads)
        return range("The number of heads", s.heads, kMinTransformerHeads, kMaxTransformerHeads);
    if (s.layers < kMinTransformerLayers || s.layers > kMaxTransformerLayers)
        return range("The number of layers", s.layers, kMinTransformerLayers, kMaxTransformerLayers);
    if (s.d_model % s.heads != 0)
        return "d_model (" + std::to_string(s.d_model) + ") must be a multiple of the number of heads (" +
               std::to_string(s.heads) + ").";
    if (s.activation != Activation::GELU && s.activation != Activation::ReLU)
        return "The feed-forward activation must be GELU or ReLU, not " + std::string(activation_name(s.activation)) + ".";
    return {};
}

long parameter_count(const TransformerShape& shape) {
    return TransformerLayout(shape).total;
}

namespace {
// GPT-2's initialisation: every weight matrix and embedding from N(0, 0.02^2); the projections
// that end a residual branch (W_O and W2) further scaled by 1/sqrt(2 layers), since 2 layers of
// branches add to the stream and their variances add up.
constexpr double kInitStd = 0.02;

template <class S>
void fill_normal(S* p, long n, double std, std::mt19937_64& rng) {
    std::normal_distribution<double> normal(0.0, std);
    for (long i = 0; i < n; ++i) p[i] = S(normal(rng));
}
}  // namespace

template <class S>
TransformerT<S>::TransformerT(const TransformerShape& shape, std::uint64_t seed) : shape_(shape) {
    const TransformerLayout layout(shape);
    const int d = shape.d_model;
    params_ = VectorT<S>::Zero(layout.total);
    S* p = params_.data();
    std::mt19937_64 rng(seed);
    const double residual_std = kInitStd / std::sqrt(2.0 * shape.layers);

    const auto group = [&](std::string name, long offset, long size, bool decay) {
        if (size > 0) groups_.push_back({std::move(name), offset, size, decay});
    };
    fill_normal(p + layout.embedding, long(shape.vocab) * d, kInitStd, rng);
    group("embedding", layout.embedding, long(shape.vocab) * d, true);
    if (layout.positions >= 0) {
        fill_normal(p + layout.positions, long(shape.context) * d, kInitStd, rng);
        group("positions", layout.positions, long(shape.context) * d, false);
    }
    for (int l = 0; l < shape.layers; ++l) {
        const long at = layout.blocks + l * layout.block_size;
        typename Block<S>::template Parameters<S> b(p + at, d);
        fill_normal(b.attention.Wqkv.data(), b.attention.Wqkv.size(), kInitStd, rng);
        fill_normal(b.attention.Wo.data(), b.attention.Wo.size(), residual_std, rng);
        fill_normal(b.feed_forward.W1.data(), b.feed_forward.W1.size(), kInitStd, rng);
        fill_normal(b.feed_forward.W2.data(), b.feed_forward.W2.size(), residual_std, rng);
        b.norm1.gain.setOnes();
        b.norm2.gain.setOnes();
        // The biases are in these groups too: decaying them as well is a small, harmless simplification
        // that keeps one group per layer for the panels.
        const std::string prefix = "block " + std::to_string(l + 1);
        const long attention = MultiHeadAttention<S>::parameter_count(d), ffn = FeedForward<S>::parameter_count(d);
        group(prefix + " attention", at, attention, true);
        group(prefix + " feed-forward", at + attention, ffn, true);
        group(prefix + " norms", at + attention + ffn, 2 * LayerNorm<S>::parameter_count(d), false);
    }
    typename LayerNorm<S>::template Parameters<S>(p + layout.final_norm, d).gain.setOnes();
    group("final norm", layout.final_norm, LayerNorm<S>::parameter_count(d), false);
    if (!shape.tied) {
        fill_normal(p + layout.unembedding, long(shape.vocab) * d, kInitStd, rng);
        group("unembedding", layout.unembedding, long(shape.vocab) * d, true);
    }
}

template <class S>
void TransformerT<S>::set_activation(Activation activation) {
    shape_.activation = activation;
}

template <class S>
Eigen::Map<const MatrixT<S>> TransformerT<S>::token_embedding() const {
    return {params_.data() + TransformerLayout(shape_).embedding, shape_.vocab, shape_.d_model};
}

template <class S>
MatrixT<S> TransformerT<S>::position_table(int length) const {
    if (shape_.positions == PositionKind::Learned)
        return Eigen::Map<const MatrixT<S>>(params_.data() + TransformerLayout(shape_).positions, shape_.context,
                                            shape_.d_model)
            .topRows(length);
    MatrixT<S> table(length, shape_.d_model);
    PositionalEncoding<S>::sinusoidal_table(table);
    return table;
}

template <class S>
S TransformerT<S>::loss(std::span<const int> tokens, std::span<const int> targets, int batch, int length,
                        VectorT<S>* gradients) const {
    const TransformerPass<S> pass(shape_, params_.data());
    TransformerWorkspace<S> ws;
    const auto n = std::size_t(batch) * std::size_t(length);
    tokens = tokens.first(n);
    targets = targets.first(n);
    pass.forward(tokens, length, ws);
    int scored = 0;
    for (int t : targets) scored += t >= 0;
    const S scale = scored > 0 ? S(1) / S(scored) : S(0);
    int correct = 0;
    const double sum = pass.cross_entropy(targets, ws, gradients ? scale : S(0), correct);
    if (gradients) {
        gradients->setZero(params_.size());
        if (scored > 0) pass.backward(tokens, length, ws, gradients->data());
    }
    return scored > 0 ? S(sum / scored) : S(0);
}

template <class S>
void TransformerT<S>::logits(std::span<const int> tokens, MatrixT<S>& out) const {
    const TransformerPass<S> pass(shape_, params_.data());
    TransformerWorkspace<S> ws;
    pass.forward(tokens, int(tokens.size()), ws);
    out = ws.logits;
}

template <class S>
void TransformerT<S>::trace(std::span<const int> tokens, AttentionTrace& out) const {
    const TransformerPass<S> pass(shape_, params_.data());
    TransformerWorkspace<S> ws;
    const int T = int(tokens.size()), d = shape_.d_model, H = shape_.heads, hd = shape_.head_dim();
    pass.forward(tokens, T, ws);
    out.length = T;
    out.layers = shape_.layers;
    out.heads = H;
    out.head_dim = hd;
    out.d_model = d;
    out.vocab = shape_.vocab;
    out.tokens.assign(tokens.begin(), tokens.end());
    const auto per_layer = std::size_t(shape_.layers), per_head = per_layer * std::size_t(H);
    for (auto* v : {&out.attention_input, &out.concatenated, &out.attention_output}) v->resize(per_layer);
    for (auto* v : {&out.query, &out.key, &out.value, &out.scores, &out.weights, &out.head_output}) v->resize(per_head);
    for (int l = 0; l < shape_.layers; ++l) {
        const auto& cache = ws.blocks[std::size_t(l)];
        const auto& attention = cache.attention;
        const auto li = std::size_t(l);
        out.attention_input[li] = cache.normed1.template cast<float>();
        out.concatenated[li] = attention.concatenated.template cast<float>();
        const Block<S> block = pass.block(l);
        const MatrixT<S> projected =
            (attention.concatenated * block.p.attention.Wo.transpose()).rowwise() + block.p.attention.bo;
        out.attention_output[li] = projected.template cast<float>();
        for (int h = 0; h < H; ++h) {
            const auto i = li * std::size_t(H) + std::size_t(h);
            const auto Q = attention.qkv.middleCols(h * hd, hd), K = attention.qkv.middleCols(d + h * hd, hd);
            out.query[i] = Q.template cast<float>();
            out.key[i] = K.template cast<float>();
            out.value[i] = attention.qkv.middleCols(2 * d + h * hd, hd).template cast<float>();
            out.scores[i] = (Q * K.transpose()).template cast<float>();
            out.weights[i] = attention.weights.middleRows(h * T, T).template cast<float>();
            out.head_output[i] = attention.concatenated.middleCols(h * hd, hd).template cast<float>();
        }
    }
    out.logits = ws.logits.template cast<float>();
}

template class TransformerT<float>;
template class TransformerT<double>;

}  // namespace nn
