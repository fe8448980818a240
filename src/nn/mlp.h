#pragma once
// A multi-layer perceptron: Linear -> activation -> ... -> Linear, with one logit out, trained by
// backpropagation on binary cross-entropy.
#include <cstdint>
#include <vector>

#include "nn/activation.h"
#include "nn/tensor.h"

namespace nn {

template <class S>
struct MlpT {
    std::vector<int> sizes;                 // [inputs, hidden..., outputs]
    Activation activation = Activation::Sigmoid;
    std::vector<MatrixT<S>> W;              // W[l]: [sizes[l+1], sizes[l]]
    std::vector<RowVectorT<S>> b;           // b[l]: [sizes[l+1]]

    int layer_count() const { return int(W.size()); }
    long parameter_count() const;
};
using Mlp = MlpT<float>;

// Weights drawn from a normal distribution scaled for the activation: Xavier (sigmoid, tanh) keeps
// the variance of the signal across layers, He (ReLU) makes up for the half that ReLU zeroes.
// Biases start at zero. The same seed gives the same network.
template <class S>
MlpT<S> make_mlp(const std::vector<int>& sizes, Activation activation, std::uint64_t seed);

template <class S>
struct MlpGradsT {
    std::vector<MatrixT<S>> dW;
    std::vector<RowVectorT<S>> db;
    void resize_like(const MlpT<S>& mlp);
    void set_zero();
};
using MlpGrads = MlpGradsT<float>;

// What the forward pass keeps for the backward pass.
template <class S>
struct MlpCacheT {
    std::vector<MatrixT<S>> a;  // a[l]: input of linear layer l; a[0] is the batch
    std::vector<MatrixT<S>> z;  // z[l]: output of linear layer l; z.back() are the logits
    MatrixT<S> dz, da;          // scratch for the backward pass
};
using MlpCache = MlpCacheT<float>;

// x: [batch, sizes[0]] -> logits [batch, sizes.back()] (a reference into the cache)
template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache);

// dlogits: [batch, outputs] -> grads of every weight and bias (overwritten, not accumulated)
template <class S>
void mlp_backward(const MlpT<S>& mlp, MlpCacheT<S>& cache, const MatrixT<S>& dlogits, MlpGradsT<S>& grads);

// Loss (binary cross-entropy on the logits) and its gradients for a batch. t: [batch, 1] in {0,1}.
template <class S>
S mlp_loss_and_grads(const MlpT<S>& mlp, const MatrixT<S>& x, const MatrixT<S>& t, MlpCacheT<S>& cache,
                     MlpGradsT<S>& grads);

// One full training step on a batch, split by rows across an OpenMP team when the batch is large
// enough to pay for it: forward, backward, gradients summed over the team, then plain SGD.
struct StepResult {
    float loss = 0;  // mean loss of the batch, before the update
    int correct = 0; // samples classified right, before the update
};

class MlpStepper {
public:
    // threads: the OpenMP team size for a step; 1 keeps the step on the calling thread.
    explicit MlpStepper(int threads = 1) : threads_(threads < 1 ? 1 : threads) {}
    void set_threads(int threads) { threads_ = threads < 1 ? 1 : threads; }
    int threads() const { return threads_; }

    StepResult sgd_step(Mlp& mlp, const Matrix& x, const Matrix& t, float learning_rate);
    const MlpGrads& grads() const { return total_; }

private:
    // Rows per thread below which one thread is faster than starting a team.
    static constexpr int kMinRowsPerThread = 32;
    struct Worker {
        Matrix x, t;
        MlpCache cache;
        MlpGrads grads;
        StepResult result;
    };
    int threads_;
    std::vector<Worker> workers_;
    MlpCache cache_;
    MlpGrads total_;
};

}  // namespace nn
