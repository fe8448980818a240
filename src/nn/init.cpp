#include "nn/init.h"

#include <cmath>

namespace nn {

Init init_for(Activation a) {
    switch (a) {
        case Activation::Sigmoid:
        case Activation::Tanh: return Init::Xavier;
        case Activation::ReLU:
        case Activation::LeakyReLU:
        case Activation::GELU: return Init::He;
    }
    return Init::Xavier;
}

template <class S>
void init_weights(MatrixT<S>& W, Init init, std::mt19937_64& rng, double gain) {
    const double in = double(W.cols()), out = double(W.rows());
    const double stddev = gain * (init == Init::He ? std::sqrt(2.0 / in) : std::sqrt(2.0 / (in + out)));
    std::normal_distribution<double> normal(0.0, stddev);
    // Row by row, column by column: the same seed gives the same weights on every platform that
    // implements std::normal_distribution the same way (libstdc++ here).
    for (Eigen::Index i = 0; i < W.rows(); ++i)
        for (Eigen::Index j = 0; j < W.cols(); ++j) W(i, j) = S(normal(rng));
}

template void init_weights<float>(MatrixT<float>&, Init, std::mt19937_64&, double);
template void init_weights<double>(MatrixT<double>&, Init, std::mt19937_64&, double);

}  // namespace nn
