#pragma once
// Element-wise activation functions, forward and backward side by side.
#include <optional>
#include <string_view>

#include "nn/tensor.h"

namespace nn {

enum class Activation { Sigmoid, Tanh, ReLU };

inline constexpr Activation kAllActivations[] = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU};

std::string_view activation_name(Activation a);                       // "sigmoid", "tanh", "relu"
std::optional<Activation> activation_from_name(std::string_view name);  // exact lower-case names

// y = f(x), element-wise. x, y: [batch, features]
template <class S>
void activation_forward(Activation a, const MatrixT<S>& x, MatrixT<S>& y);

// dx = f'(x) * dy, element-wise. Uses the cached output y where the slope is cheaper from it.
template <class S>
void activation_backward(Activation a, const MatrixT<S>& x, const MatrixT<S>& y, const MatrixT<S>& dy,
                         MatrixT<S>& dx);

// f(v) for one scalar, for drawing curves and for teaching panels.
double activation_value(Activation a, double v);

}  // namespace nn
