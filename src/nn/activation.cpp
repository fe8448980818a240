#include "nn/activation.h"

#include <cmath>

namespace nn {

std::string_view activation_name(Activation a) {
    switch (a) {
        case Activation::Sigmoid: return "sigmoid";
        case Activation::Tanh: return "tanh";
        case Activation::ReLU: return "relu";
    }
    return "?";
}

std::optional<Activation> activation_from_name(std::string_view name) {
    for (Activation a : kAllActivations)
        if (activation_name(a) == name) return a;
    return std::nullopt;
}

template <class S>
void activation_forward(Activation a, const MatrixT<S>& x, MatrixT<S>& y) {
    y.resize(x.rows(), x.cols());
    switch (a) {
        case Activation::Sigmoid: y = (S(1) + (-x.array()).exp()).inverse().matrix(); break;
        case Activation::Tanh: y = x.array().tanh().matrix(); break;
        case Activation::ReLU: y = x.array().max(S(0)).matrix(); break;
    }
}

template <class S>
void activation_backward(Activation a, const MatrixT<S>& x, const MatrixT<S>& y, const MatrixT<S>& dy,
                         MatrixT<S>& dx) {
    dx.resize(x.rows(), x.cols());
    switch (a) {
        // sigma'(x) = sigma(x) (1 - sigma(x)): at most 0.25, at x = 0.
        case Activation::Sigmoid: dx = (dy.array() * y.array() * (S(1) - y.array())).matrix(); break;
        case Activation::Tanh: dx = (dy.array() * (S(1) - y.array().square())).matrix(); break;
        case Activation::ReLU: dx = (x.array() > S(0)).select(dy.array(), S(0)).matrix(); break;
    }
}

double activation_value(Activation a, double v) {
    switch (a) {
        case Activation::Sigmoid: return 1.0 / (1.0 + std::exp(-v));
        case Activation::Tanh: return std::tanh(v);
        case Activation::ReLU: return v > 0 ? v : 0.0;
    }
    return 0.0;
}

template void activation_forward<float>(Activation, const MatrixT<float>&, MatrixT<float>&);
template void activation_forward<double>(Activation, const MatrixT<double>&, MatrixT<double>&);
template void activation_backward<float>(Activation, const MatrixT<float>&, const MatrixT<float>&,
                                         const MatrixT<float>&, MatrixT<float>&);
template void activation_backward<double>(Activation, const MatrixT<double>&, const MatrixT<double>&,
                                          const MatrixT<double>&, MatrixT<double>&);

}  // namespace nn
