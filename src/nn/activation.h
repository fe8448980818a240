#pragma once
// Element-wise activation functions, forward and backward side by side.
#include <optional>
#include <string_view>

#include "nn/tensor.h"

namespace nn {

enum class Activation { Sigmoid, Tanh, ReLU, LeakyReLU, GELU };

inline constexpr Activation kAllActivations[] = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU,
                                                 Activation::LeakyReLU, Activation::GELU};

// Slope of leaky ReLU for negative inputs: small enough to look like ReLU, large enough that a
// neuron pushed below zero still gets a gradient and can come back.
inline constexpr double kLeakySlope = 0.01;

std::string_view activation_name(Activation a);                       // "sigmoid", "tanh", "relu", "leaky_relu", "gelu"
std::optional<Activation> activation_from_name(std::string_view name);  // exact lower-case names

// y = f(x), element-wise. x, y: [batch, features]
template <class S>
void activation_forward(Activation a, const MatrixT<S>& x, MatrixT<S>& y);

// dx = f'(x) * dy, element-wise. Uses the cached output y where the slope is cheaper from it.
template <class S>
void activation_backward(Activation a, const MatrixT<S>& x, const MatrixT<S>& y, const MatrixT<S>& dy,
                         MatrixT<S>& dx);

// f(v) and f'(v) for one scalar, for drawing curves and for the formulas the panels show.
double activation_value(Activation a, double v);
double activation_slope(Activation a, double v);

}  // namespace nn
