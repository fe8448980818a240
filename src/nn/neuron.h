#pragma once
// The single artificial neuron of the first lesson: a weighted sum compared with a threshold.
#include <cstddef>
#include <span>

namespace nn {

// score = sum_i inputs[i] * weights[i]; the two spans have the same length.
inline double weighted_sum(std::span<const float> inputs, std::span<const float> weights) {
    double score = 0.0;
    for (std::size_t i = 0; i < inputs.size() && i < weights.size(); ++i) score += double(inputs[i]) * weights[i];
    return score;
}

// The neuron fires (says "yes", here "spam") when the score is above the threshold.
inline bool fires(double score, double threshold) { return score > threshold; }

}  // namespace nn
