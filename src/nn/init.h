#pragma once
// Initial weights. Drawn from a normal distribution whose spread keeps the size of the signal
// about the same from layer to layer, so that a deep network neither blows up nor fades out
// before it has learned anything:
//   Xavier (Glorot & Bengio, 2010), std = sqrt(2 / (in + out)), for sigmoid and tanh;
//   He (He et al., 2015), std = sqrt(2 / in), for ReLU-like units, which zero half their inputs.
#include <random>

#include "nn/activation.h"
#include "nn/tensor.h"

namespace nn {

enum class Init { Xavier, He };

Init init_for(Activation a);

// W: [out, in], filled from rng; `gain` multiplies the standard deviation.
template <class S>
void init_weights(MatrixT<S>& W, Init init, std::mt19937_64& rng, double gain = 1.0);

}  // namespace nn
