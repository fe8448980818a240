#pragma once
// Text from a trained transformer: the prompt, then one token at a time, each drawn from the
// model's next-token distribution (see nn/sampling.h) and appended, the window sliding once the
// context is full.
#include <cstdint>
#include <span>
#include <vector>

#include "nn/sampling.h"
#include "nn/transformer/transformer.h"

namespace nn {

// `count` new tokens after `prompt` (which must be non-empty and hold only ids below the
// vocabulary). The same seed gives the same tokens.
std::vector<int> generate(const Transformer& model, std::span<const int> prompt, int count,
                          const SamplingSettings& sampling, std::uint64_t seed);

// The logits of the token that would follow `prompt` (its last window of the context) [vocab].
std::vector<float> next_token_logits(const Transformer& model, std::span<const int> prompt);

}  // namespace nn
