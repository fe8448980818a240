#pragma once
// A multi-layer perceptron: Linear -> activation -> ... -> Linear, with an output head that turns
// the last layer's scores (logits) into probabilities and a loss. Hidden layers may be wrapped in
// residual shortcuts. This file is the reference implementation (any scalar type, used by the
// gradient checks and for evaluation); nn/mlp_trainer.h is the fast training step built from the
// same pieces.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "nn/activation.h"
#include "nn/tensor.h"

namespace nn {

// The loss the output head computes. One output: the probability of class 1 is sigmoid(z).
// Several outputs: the class probabilities are softmax(z).
enum class Loss {
    CrossEntropy,  // -log p(right class): binary cross-entropy or softmax cross-entropy
    SquaredError,  // sum over outputs of (p - target)^2
};

std::string_view loss_name(Loss l);  // "cross_entropy", "squared_error"
std::optional<Loss> loss_from_name(std::string_view name);

template <class S>
struct MlpT {
    std::vector<int> sizes;                 // [inputs, hidden..., outputs]
    Activation activation = Activation::Sigmoid;
    bool residual = false;                  // shortcuts around hidden layers whose width does not change
    Loss loss = Loss::CrossEntropy;
    std::vector<MatrixT<S>> W;              // W[l]: [sizes[l+1], sizes[l]]
    std::vector<RowVectorT<S>> b;           // b[l]: [sizes[l+1]]

    int layer_count() const { return int(W.size()); }
    int inputs() const { return sizes.front(); }
    int outputs() const { return sizes.back(); }
    long parameter_count() const;
    // Layer l computes a[l+1] = a[l] + f(z[l]) instead of f(z[l]): a hidden layer (not the first,
    // which changes the width, nor the output) whose input and output widths are equal.
    bool skips(int l) const {
        return residual && l > 0 && l + 1 < layer_count() && sizes[std::size_t(l)] == sizes[std::size_t(l) + 1];
    }
};
using Mlp = MlpT<float>;

// Weights from init_for(activation) (Xavier or He), biases zero; the same seed gives the same
// network. A residual branch starts smaller, by 1/sqrt(number of shortcuts): each shortcut adds
// its branch to the signal, and n branches of full size would grow it about 2^n times.
template <class S>
MlpT<S> make_mlp(const std::vector<int>& sizes, Activation activation, std::uint64_t seed, bool residual = false,
                 Loss loss = Loss::CrossEntropy);

template <class S>
struct MlpGradsT {
    std::vector<MatrixT<S>> dW;
    std::vector<RowVectorT<S>> db;
    void resize_like(const MlpT<S>& mlp);
};
using MlpGrads = MlpGradsT<float>;

// What the forward pass keeps for the backward pass, and the backward pass's own buffers. Once
// sized by a first pass, later passes with the same shapes allocate nothing.
template <class S>
struct MlpCacheT {
    // The batch the forward pass ran on: a view, not a copy, so it must outlive the backward pass.
    Eigen::Map<const MatrixT<S>> x{nullptr, 0, 0};
    std::vector<MatrixT<S>> a;   // a[l]: input of linear layer l >= 1 (layer 0's is x)
    std::vector<MatrixT<S>> z;   // z[l]: output of linear layer l; z.back() are the logits
    std::vector<MatrixT<S>> y;   // y[l] = f(z[l]) of a layer with a shortcut (a[l+1] = a[l] + y[l])
    MatrixT<S> p;                // the head's probabilities: sigmoid or softmax of the logits
    std::vector<MatrixT<S>> dz;  // dz[l] = dL/dz[l]
    std::vector<MatrixT<S>> da;  // da[l] = dL/da[l], for l >= 1 (none for the input data)
    MatrixT<S> dp;               // dL/dp, for squared error

    // Points x at `rows` rows of `cols` values starting at data (a batch, or a block of its rows).
    void set_input(const S* data, Eigen::Index rows, Eigen::Index cols) {
        new (&x) Eigen::Map<const MatrixT<S>>(data, rows, cols);  // how Eigen re-seats a Map
    }
    // The input of layer l.
    ConstRefT<S> input(int l) const { return l == 0 ? ConstRefT<S>(x) : ConstRefT<S>(a[std::size_t(l)]); }
};
using MlpCache = MlpCacheT<float>;

// x: [batch, inputs] -> logits [batch, outputs] (a reference into the cache). The cache keeps a
// view of x for the backward pass.
template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache);
// The same, on the batch cache.x already points at. With from_layer > 0, the linear outputs
// z[l] of the layers before it are already in the cache (a caller that computed them its own way).
template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, MlpCacheT<S>& cache, int from_layer = 0);

// The head: loss of the logits in the cache against targets t [batch, outputs] (0/1 for one
// output, one-hot for several); fills cache.p.
template <class S>
S mlp_loss(const MlpT<S>& mlp, const MatrixT<S>& t, MlpCacheT<S>& cache);
// dL/dlogits into cache.dz.back(), from what mlp_loss left in the cache.
template <class S>
void mlp_loss_backward(const MlpT<S>& mlp, const MatrixT<S>& t, MlpCacheT<S>& cache);

// From cache.dz.back() down: every dz[l] (the gradient at each layer's output, before the weight
// gradients are formed from it). No gradient is computed for the input data.
template <class S>
void mlp_backward_deltas(const MlpT<S>& mlp, MlpCacheT<S>& cache);

// dlogits already in cache.dz.back() -> grads of every weight and bias (overwritten).
template <class S>
void mlp_backward(const MlpT<S>& mlp, MlpCacheT<S>& cache, MlpGradsT<S>& grads);

// Forward, loss and backward on a batch; returns the mean loss.
template <class S>
S mlp_loss_and_grads(const MlpT<S>& mlp, const MatrixT<S>& x, const MatrixT<S>& t, MlpCacheT<S>& cache,
                     MlpGradsT<S>& grads);

// Rows the logits classify right: sign of the logit (one output) or the arg max (several).
template <class S>
int count_correct(const MatrixT<S>& logits, const MatrixT<S>& t);

// The head's probabilities for a batch: [batch, 1] p(class 1), or [batch, classes].
template <class S>
const MatrixT<S>& mlp_probabilities(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache);

}  // namespace nn
