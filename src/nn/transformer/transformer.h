#pragma once
// A decoder-only transformer (GPT-shaped), small enough to train live on a laptop:
//
//   x_0 = E[token_t] + P[t]                                 token embedding plus position
//   for each block:  x += Attention(LayerNorm(x))           causal multi-head self-attention
//                    x += FeedForward(LayerNorm(x))         Linear(d, 4d), GELU or ReLU, Linear(4d, d)
//   logits = LayerNorm(x) U^T  (U = E when tied)            unembedding
//   loss = mean cross-entropy of logits_t against token_{t+1}, over the scored positions
//
// The layers (Embedding, PositionalEncoding, LayerNorm, MultiHeadAttention, FeedForward, Block) are
// in their own headers beside this one, each with forward and backward side by side. This file is
// the model whole, and the fast training step.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nn/activation.h"
#include "nn/tensor.h"
#include "nn/transformer/transformer_workspace.h"

namespace nn {

enum class PositionKind { Learned, Sinusoidal };
std::string_view position_kind_name(PositionKind k);  // "learned", "sinusoidal"
std::optional<PositionKind> position_kind_from_name(std::string_view name);

// The sizes the lessons may ask for.
inline constexpr int kMinTransformerLayers = 1, kMaxTransformerLayers = 4;
inline constexpr int kMinTransformerHeads = 1, kMaxTransformerHeads = 8;
inline constexpr int kMinTransformerDModel = 16, kMaxTransformerDModel = 256;
inline constexpr int kMinTransformerContext = 8, kMaxTransformerContext = 128;
inline constexpr int kMaxTransformerVocab = 4096;

struct TransformerShape {
    int vocab = 16;
    int context = 32;  // the longest sequence; positions 0..context-1
    int d_model = 64;  // a multiple of heads
    int heads = 4;
    int layers = 2;
    PositionKind positions = PositionKind::Learned;
    bool tied = false;  // the unembedding is the token embedding (no matrix of its own)
    Activation activation = Activation::GELU;  // of the feed-forward networks: GELU or ReLU
    int head_dim() const { return d_model / heads; }
};

// Empty when the shape is within the limits above (d_model a multiple of heads, vocab >= 2,
// activation GELU or ReLU); otherwise what is wrong, in a sentence.
std::string check_shape(const TransformerShape& shape);
long parameter_count(const TransformerShape& shape);

// A named stretch of the flat parameter vector, for the gradient panel and weight decay.
struct ParameterGroup {
    std::string name;  // "embedding", "positions", "block 1 attention", "block 1 feed-forward",
                       // "block 1 norms", "final norm", "unembedding"
    long offset = 0, size = 0;
    bool decay = false;  // AdamW's weight decay applies (matrices yes; biases, norms, positions no)
};

// One sequence's forward pass kept whole, for the panels that show attention being computed.
// Index [l * heads + h] for layer l, head h; index [l] for per-layer entries.
struct AttentionTrace {
    int length = 0, layers = 0, heads = 0, head_dim = 0, d_model = 0, vocab = 0;
    std::vector<int> tokens;
    std::vector<Matrix> attention_input;   // per layer: LayerNorm of the residual stream [length, d_model]
    std::vector<Matrix> query, key, value;  // per head: [length, head_dim]
    std::vector<Matrix> scores;            // per head: Q K^T, before scaling and before the mask [length, length]
    std::vector<Matrix> weights;           // per head: softmax of the scaled, masked scores; 0 above the diagonal
    std::vector<Matrix> head_output;       // per head: weights V [length, head_dim]
    std::vector<Matrix> concatenated;      // per layer: the heads' outputs side by side [length, d_model]
    std::vector<Matrix> attention_output;  // per layer: concatenated W_O^T + b_O [length, d_model]
    Matrix logits;                         // [length, vocab]: row t scores the token after token t
    const Matrix& head_weights(int layer, int head) const { return weights[std::size_t(layer * heads + head)]; }
};

// S = float trains; S = double is for the finite-difference gradient checks.
template <class S>
class TransformerT {
public:
    TransformerT() = default;
    // Weights drawn from `seed` (the same seed gives the same weights). The shape must pass check_shape.
    TransformerT(const TransformerShape& shape, std::uint64_t seed);

    const TransformerShape& shape() const { return shape_; }
    // GELU or ReLU in every feed-forward network; the weights stay.
    void set_activation(Activation activation);

    // Every parameter in one flat vector, in the order of groups(): the optimizer walks it in one pass.
    VectorT<S>& parameters() { return params_; }
    const VectorT<S>& parameters() const { return params_; }
    const std::vector<ParameterGroup>& groups() const { return groups_; }
    long parameter_count() const { return long(params_.size()); }

    // The token embedding [vocab, d_model] (a view into parameters()).
    Eigen::Map<const MatrixT<S>> token_embedding() const;
    // What is added to the token embedding at positions 0..length-1 [length, d_model]: the learned
    // rows, or the sinusoidal table sin/cos(pos / 10000^(2i/d)).
    MatrixT<S> position_table(int length) const;

    // The reference pass on one thread: the mean cross-entropy over the scored positions of `batch`
    // sequences of `length` tokens (tokens and targets [batch * length], row after row; targets[i]
    // is the token position i should predict, or -1 when it is not scored). When `gradients` is
    // given it is resized to parameter_count() and filled with dLoss/dparameters.
    S loss(std::span<const int> tokens, std::span<const int> targets, int batch, int length,
           VectorT<S>* gradients = nullptr) const;
    // The logits of one sequence [length, vocab].
    void logits(std::span<const int> tokens, MatrixT<S>& out) const;
    // One sequence's forward pass with every intermediate the attention panels show.
    void trace(std::span<const int> tokens, AttentionTrace& out) const;

private:
    TransformerShape shape_;
    VectorT<S> params_;
    std::vector<ParameterGroup> groups_;
};

using Transformer = TransformerT<float>;

// AdamW (Loshchilov & Hutter, 2019): Adam whose weight decay shrinks the weights directly,
//   w <- w - lr (m^ / (sqrt(v^) + eps) + weight_decay w),
// after the gradient's global norm is clipped to `clip` (0: no clipping).
struct AdamWSettings {
    float learning_rate = 3e-3f;
    float beta1 = 0.9f, beta2 = 0.98f, epsilon = 1e-8f;
    float weight_decay = 0.01f;
    float clip = 1.0f;
};

struct TransformerStepResult {
    float loss = 0;   // mean cross-entropy over the scored positions, before the update
    int correct = 0;  // scored positions whose most likely token was the target
    int scored = 0;   // positions scored
};

// The fast training step: forward, backward, clipping and AdamW on up to `threads` cores (OpenMP,
// sequences of the batch and attention heads shared out), products through Eigen, and no
// allocation once a step of the same shape has run.
class TransformerTrainer {
public:
    explicit TransformerTrainer(AdamWSettings settings = {}, int threads = 1);

    void set_threads(int threads);
    int threads() const { return threads_; }
    const AdamWSettings& settings() const { return settings_; }
    void set_learning_rate(float lr) { settings_.learning_rate = lr; }  // the moments are kept

    // One step on `batch` sequences of `length` tokens (as TransformerT::loss).
    TransformerStepResult step(Transformer& model, std::span<const int> tokens, std::span<const int> targets,
                               int batch, int length);
    // The same measurement without the update (no gradients): for held-out examples.
    TransformerStepResult evaluate(const Transformer& model, std::span<const int> tokens,
                                   std::span<const int> targets, int batch, int length);

    // Per group of model.groups(), of the last step: the gradient's norm (before clipping) and the
    // weights' norm after the update.
    const std::vector<float>& grad_norms() const { return grad_norms_; }
    const std::vector<float>& weight_norms() const { return weight_norms_; }

    // New weights or a new shape: forget the moments and the step count.
    void reset();

private:
    AdamWSettings settings_;
    int threads_ = 1;
    std::vector<float> grad_norms_, weight_norms_;

    // One thread's share of a step: its sequences' pass, and their gradient.
    struct Worker {
        TransformerWorkspace<float> workspace;
        Vector gradient;
        double loss_sum = 0;
        int correct = 0;
    };
    // Sizes the buffers for this model and step; a new shape forgets the moments.
    void prepare(const Transformer& model, int batch, int length, bool gradients);
    // How many threads a step of this size is worth.
    int team_for(const TransformerShape& shape, int batch, int length) const;
    TransformerStepResult run(const Transformer& model, std::span<const int> tokens, std::span<const int> targets,
                              int batch, int length, Transformer* update);
    // Thread `part` of `team`: sums the workers' gradients over its own stretch of the parameters,
    // then (after every part has) clips and applies AdamW to that stretch.
    void reduce_range(int part, int team, long begin, long end);
    void update_range(Transformer& model, int part, long begin, long end, float clip_scale);

    TransformerShape shape_;  // of the model the moments belong to
    long parameters_ = 0;
    std::vector<Worker> workers_;
    Vector m_, v_;             // AdamW's first and second moments
    long steps_ = 0;
    std::vector<ParameterGroup> groups_;
    // Per part and group [part * groups + g]: squared norms of its stretch's gradient and weights.
    std::vector<double> grad_sq_, weight_sq_;
};

}  // namespace nn
