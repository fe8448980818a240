#include "nn/activation.h"

#include <cmath>

namespace nn {

namespace {
// GELU as GPT-2 computes it: x * Phi(x) with the tanh approximation of the normal CDF,
//   gelu(x) = 0.5 x (1 + tanh(u)),  u = sqrt(2/pi) (x + 0.044715 x^3).
constexpr double kGeluC = 0.7978845608028654;  // sqrt(2 / pi)
constexpr double kGeluA = 0.044715;
}  // namespace

std::string_view activation_name(Activation a) {
    switch (a) {
        case Activation::Sigmoid: return "sigmoid";
        case Activation::Tanh: return "tanh";
        case Activation::ReLU: return "relu";
        case Activation::LeakyReLU: return "leaky_relu";
        case Activation::GELU: return "gelu";
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
    const auto X = x.array();
    switch (a) {
        case Activation::Sigmoid: y.array() = (S(1) + (-X).exp()).inverse(); break;
        case Activation::Tanh: y.array() = X.tanh(); break;
        case Activation::ReLU: y.array() = X.max(S(0)); break;
        case Activation::LeakyReLU: y.array() = (X > S(0)).select(X, S(kLeakySlope) * X); break;
        case Activation::GELU:
            y.array() = S(0.5) * X * (S(1) + (S(kGeluC) * (X + S(kGeluA) * X.cube())).tanh());
            break;
    }
}

template <class S>
void activation_backward(Activation a, const MatrixT<S>& x, const MatrixT<S>& y, const MatrixT<S>& dy,
                         MatrixT<S>& dx) {
    dx.resize(x.rows(), x.cols());
    const auto X = x.array();
    const auto Y = y.array();
    const auto dY = dy.array();
    switch (a) {
        // sigma'(x) = sigma(x) (1 - sigma(x)): at most 0.25, at x = 0.
        case Activation::Sigmoid: dx.array() = dY * Y * (S(1) - Y); break;
        case Activation::Tanh: dx.array() = dY * (S(1) - Y.square()); break;
        case Activation::ReLU: dx.array() = (X > S(0)).select(dY, S(0)); break;
        case Activation::LeakyReLU: dx.array() = (X > S(0)).select(dY, S(kLeakySlope) * dY); break;
        case Activation::GELU: {
            // d/dx [0.5 x (1 + tanh u)] = 0.5 (1 + tanh u) + 0.5 x (1 - tanh^2 u) u'
            const auto t = (S(kGeluC) * (X + S(kGeluA) * X.cube())).tanh();
            const auto du = S(kGeluC) * (S(1) + S(3 * kGeluA) * X.square());
            dx.array() = dY * (S(0.5) * (S(1) + t) + S(0.5) * X * (S(1) - t.square()) * du);
            break;
        }
    }
}

double activation_value(Activation a, double v) {
    switch (a) {
        case Activation::Sigmoid: return 1.0 / (1.0 + std::exp(-v));
        case Activation::Tanh: return std::tanh(v);
        case Activation::ReLU: return v > 0 ? v : 0.0;
        case Activation::LeakyReLU: return v > 0 ? v : kLeakySlope * v;
        case Activation::GELU: return 0.5 * v * (1.0 + std::tanh(kGeluC * (v + kGeluA * v * v * v)));
    }
    return 0.0;
}

double activation_slope(Activation a, double v) {
    switch (a) {
        case Activation::Sigmoid: {
            const double s = 1.0 / (1.0 + std::exp(-v));
            return s * (1.0 - s);
        }
        case Activation::Tanh: {
            const double t = std::tanh(v);
            return 1.0 - t * t;
        }
        case Activation::ReLU: return v > 0 ? 1.0 : 0.0;
        case Activation::LeakyReLU: return v > 0 ? 1.0 : kLeakySlope;
        case Activation::GELU: {
            const double t = std::tanh(kGeluC * (v + kGeluA * v * v * v));
            return 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * kGeluC * (1.0 + 3.0 * kGeluA * v * v);
        }
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
