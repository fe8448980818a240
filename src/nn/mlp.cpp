#include "nn/mlp.h"

#include <cmath>
#include <random>

#include "nn/init.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/residual.h"
#include "nn/softmax.h"

namespace nn {

std::string_view loss_name(Loss l) {
    switch (l) {
        case Loss::CrossEntropy: return "cross_entropy";
        case Loss::SquaredError: return "squared_error";
    }
    return "?";
}

std::optional<Loss> loss_from_name(std::string_view name) {
    for (Loss l : {Loss::CrossEntropy, Loss::SquaredError})
        if (loss_name(l) == name) return l;
    return std::nullopt;
}

template <class S>
long MlpT<S>::parameter_count() const {
    long n = 0;
    for (int l = 0; l < layer_count(); ++l) n += long(W[std::size_t(l)].size() + b[std::size_t(l)].size());
    return n;
}

template <class S>
MlpT<S> make_mlp(const std::vector<int>& sizes, Activation activation, std::uint64_t seed, bool residual, Loss loss) {
    MlpT<S> mlp;
    mlp.sizes = sizes;
    mlp.activation = activation;
    mlp.residual = residual;
    mlp.loss = loss;
    const int layers = int(sizes.size()) - 1;
    mlp.W.resize(std::size_t(std::max(layers, 0)));
    mlp.b.resize(mlp.W.size());
    int shortcuts = 0;
    for (int l = 0; l < layers; ++l) {
        mlp.W[std::size_t(l)].resize(sizes[std::size_t(l) + 1], sizes[std::size_t(l)]);
        shortcuts += mlp.skips(l);
    }
    std::mt19937_64 rng(seed);
    for (int l = 0; l < layers; ++l) {
        const double gain = mlp.skips(l) ? 1.0 / std::sqrt(double(shortcuts)) : 1.0;
        init_weights(mlp.W[std::size_t(l)], init_for(activation), rng, gain);
        mlp.b[std::size_t(l)] = RowVectorT<S>::Zero(sizes[std::size_t(l) + 1]);
    }
    return mlp;
}

template <class S>
void MlpGradsT<S>::resize_like(const MlpT<S>& mlp) {
    dW.resize(mlp.W.size());
    db.resize(mlp.b.size());
    for (std::size_t l = 0; l < mlp.W.size(); ++l) {
        dW[l].resize(mlp.W[l].rows(), mlp.W[l].cols());
        db[l].resize(mlp.b[l].size());
    }
}

template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, MlpCacheT<S>& cache, int from_layer) {
    const int L = mlp.layer_count();
    cache.a.resize(std::size_t(L));
    cache.z.resize(std::size_t(L));
    cache.y.resize(std::size_t(L));
    for (int l = 0; l < L; ++l) {
        const auto i = std::size_t(l);
        if (l >= from_layer) linear_forward(cache.input(l), mlp.W[i], mlp.b[i], cache.z[i]);
        if (l + 1 == L) break;
        if (mlp.skips(l)) {
            activation_forward(mlp.activation, cache.z[i], cache.y[i]);
            residual_forward(cache.a[i], cache.y[i], cache.a[i + 1]);
        } else {
            activation_forward(mlp.activation, cache.z[i], cache.a[i + 1]);
        }
    }
    return cache.z.back();
}

template <class S>
const MatrixT<S>& mlp_forward(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache) {
    cache.set_input(x.data(), x.rows(), x.cols());
    return mlp_forward(mlp, cache);
}

template <class S>
S mlp_loss(const MlpT<S>& mlp, const MatrixT<S>& t, MlpCacheT<S>& cache) {
    const MatrixT<S>& z = cache.z.back();
    if (mlp.outputs() == 1) {
        activation_forward(Activation::Sigmoid, z, cache.p);
        return mlp.loss == Loss::CrossEntropy ? bce_with_logits_forward(z, t) : squared_error_forward(cache.p, t);
    }
    if (mlp.loss == Loss::CrossEntropy) return softmax_cross_entropy_forward(z, t, cache.p);
    softmax_forward(z, cache.p);
    return squared_error_forward(cache.p, t);
}

template <class S>
void mlp_loss_backward(const MlpT<S>& mlp, const MatrixT<S>& t, MlpCacheT<S>& cache) {
    cache.dz.resize(std::size_t(mlp.layer_count()));
    MatrixT<S>& dlogits = cache.dz.back();
    const MatrixT<S>& z = cache.z.back();
    if (mlp.loss == Loss::CrossEntropy) {
        // Sigmoid or softmax with cross-entropy: dL/dz = (p - t) / batch either way.
        softmax_cross_entropy_backward(cache.p, t, dlogits);
        return;
    }
    squared_error_backward(cache.p, t, cache.dp);
    if (mlp.outputs() == 1) activation_backward(Activation::Sigmoid, z, cache.p, cache.dp, dlogits);
    else softmax_backward(cache.p, cache.dp, dlogits);
}

template <class S>
void mlp_backward_deltas(const MlpT<S>& mlp, MlpCacheT<S>& cache) {
    const int L = mlp.layer_count();
    cache.dz.resize(std::size_t(L));
    cache.da.resize(std::size_t(L));
    for (int l = L - 1; l >= 1; --l) {
        const auto i = std::size_t(l);
        linear_backward_input(mlp.W[i], cache.dz[i], cache.da[i]);
        // A shortcut around layer l carries dL/da[l+1] straight back to a[l].
        if (mlp.skips(l)) residual_backward(cache.da[i + 1], cache.da[i], cache.da[i]);
        const MatrixT<S>& out = mlp.skips(l - 1) ? cache.y[i - 1] : cache.a[i];
        activation_backward(mlp.activation, cache.z[i - 1], out, cache.da[i], cache.dz[i - 1]);
    }
}

template <class S>
void mlp_backward(const MlpT<S>& mlp, MlpCacheT<S>& cache, MlpGradsT<S>& grads) {
    mlp_backward_deltas(mlp, cache);
    grads.resize_like(mlp);
    for (int l = 0; l < mlp.layer_count(); ++l) {
        const auto i = std::size_t(l);
        linear_backward_params(cache.input(l), cache.dz[i], grads.dW[i], grads.db[i]);
    }
}

template <class S>
S mlp_loss_and_grads(const MlpT<S>& mlp, const MatrixT<S>& x, const MatrixT<S>& t, MlpCacheT<S>& cache,
                     MlpGradsT<S>& grads) {
    mlp_forward(mlp, x, cache);
    const S loss = mlp_loss(mlp, t, cache);
    mlp_loss_backward(mlp, t, cache);
    mlp_backward(mlp, cache, grads);
    return loss;
}

template <class S>
int count_correct(const MatrixT<S>& logits, const MatrixT<S>& t) {
    int correct = 0;
    if (logits.cols() == 1) {
        for (Eigen::Index i = 0; i < logits.rows(); ++i) correct += (logits(i, 0) > S(0)) == (t(i, 0) > S(0.5));
        return correct;
    }
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        Eigen::Index guess = 0, truth = 0;
        logits.row(i).maxCoeff(&guess);
        t.row(i).maxCoeff(&truth);
        correct += guess == truth;
    }
    return correct;
}

template <class S>
const MatrixT<S>& mlp_probabilities(const MlpT<S>& mlp, const MatrixT<S>& x, MlpCacheT<S>& cache) {
    const MatrixT<S>& z = mlp_forward(mlp, x, cache);
    if (mlp.outputs() == 1) activation_forward(Activation::Sigmoid, z, cache.p);
    else softmax_forward(z, cache.p);
    return cache.p;
}

#define NN_MLP_INSTANTIATE(S)                                                                                   \
    template struct MlpT<S>;                                                                                   \
    template struct MlpGradsT<S>;                                                                              \
    template MlpT<S> make_mlp<S>(const std::vector<int>&, Activation, std::uint64_t, bool, Loss);              \
    template const MatrixT<S>& mlp_forward<S>(const MlpT<S>&, MlpCacheT<S>&, int);                                \
    template const MatrixT<S>& mlp_forward<S>(const MlpT<S>&, const MatrixT<S>&, MlpCacheT<S>&);               \
    template S mlp_loss<S>(const MlpT<S>&, const MatrixT<S>&, MlpCacheT<S>&);                                  \
    template void mlp_loss_backward<S>(const MlpT<S>&, const MatrixT<S>&, MlpCacheT<S>&);                      \
    template void mlp_backward_deltas<S>(const MlpT<S>&, MlpCacheT<S>&);                                       \
    template void mlp_backward<S>(const MlpT<S>&, MlpCacheT<S>&, MlpGradsT<S>&);                               \
    template S mlp_loss_and_grads<S>(const MlpT<S>&, const MatrixT<S>&, const MatrixT<S>&, MlpCacheT<S>&,      \
                                     MlpGradsT<S>&);                                                           \
    template int count_correct<S>(const MatrixT<S>&, const MatrixT<S>&);                                       \
    template const MatrixT<S>& mlp_probabilities<S>(const MlpT<S>&, const MatrixT<S>&, MlpCacheT<S>&);
NN_MLP_INSTANTIATE(float)
NN_MLP_INSTANTIATE(double)
#undef NN_MLP_INSTANTIATE

}  // namespace nn
