#include "nn/transformer/generate.h"

#include <algorithm>

namespace nn {

std::vector<float> next_token_logits(const Transformer& model, std::span<const int> prompt) {
    const std::size_t context = std::size_t(model.shape().context);
    const std::span<const int> window = prompt.size() > context ? prompt.last(context) : prompt;
    Matrix logits;
    model.logits(window, logits);
    const Eigen::Index last = logits.rows() - 1;
    return std::vector<float>(logits.row(last).data(), logits.row(last).data() + logits.cols());
}

std::vector<int> generate(const Transformer& model, std::span<const int> prompt, int count,
                          const SamplingSettings& sampling, std::uint64_t seed) {
    std::vector<int> text(prompt.begin(), prompt.end());
    std::vector<int> out;
    if (text.empty()) return out;
    SampleRng rng(seed);
    std::vector<double> p;
    for (int i = 0; i < count; ++i) {
        const std::vector<float> logits = next_token_logits(model, text);
        sampling_distribution(logits, sampling, p);
        const int token = draw_token(p, rng);
        text.push_back(token);
        out.push_back(token);
    }
    return out;
}

}  // namespace nn
