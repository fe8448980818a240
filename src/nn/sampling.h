#pragma once
// Turning a model's scores (logits) into a choice of the next token:
//   p_i = e^{z_i / T} / sum_j e^{z_j / T}        (T, the temperature: low sharpens, high flattens)
// then optionally keeping only the k most likely tokens (top-k) or the smallest set of most likely
// tokens whose probabilities add up to p (top-p, "nucleus"), renormalised, and drawing one.
// Shannon's entropy -sum p log2 p measures, in bits, how surprising the draws are on average.
#include <cstdint>
#include <span>
#include <vector>

namespace nn {

// The softmax of logits / temperature, in double with the maximum subtracted first: finite for
// logits up to 1e4 in size and temperatures down to 1e-3. temperature <= 0 is treated as 1e-3.
void softmax_temperature(std::span<const float> logits, double temperature, std::vector<double>& p);

// -sum p_i log2 p_i in bits (0 log 0 = 0).
double entropy_bits(std::span<const double> p);
// -log2 p: the surprise of seeing an outcome of probability p, in bits (infinity at p = 0).
double surprise_bits(double p);

struct SamplingSettings {
    double temperature = 1.0;
    int top_k = 0;        // keep the k most likely tokens; 0: all
    double top_p = 1.0;   // keep the smallest set of most likely tokens whose mass reaches top_p; 1: all
};

// Which tokens top-k and top-p keep from the distribution p (keep[i] is 1 or 0, sized like p).
// Ties are broken by the lower index. Both given: the tokens both keep. Always at least one token.
void sampling_filter(std::span<const double> p, int top_k, double top_p, std::vector<char>& keep);

// The distribution a draw uses: the softmax at the temperature, filtered, renormalised.
void sampling_distribution(std::span<const float> logits, const SamplingSettings& settings, std::vector<double>& p);

// A small deterministic random stream (splitmix64): the same seed gives the same draws on every
// machine and standard library, so a seed always gives the same generated text.
class SampleRng {
public:
    explicit SampleRng(std::uint64_t seed = 1) : state_(seed) {}
    std::uint64_t next();
    double uniform();  // in [0, 1)
private:
    std::uint64_t state_;
};

// An index drawn with probabilities p (which sum to 1).
int draw_token(std::span<const double> p, SampleRng& rng);

// Tokens drawn again and again from one distribution, counted: the histogram that, as the draws
// grow in number, approaches the probabilities, and the surprise that approaches the entropy.
struct DrawCounts {
    std::vector<long long> counts;  // how often each token was drawn
    long long total = 0;            // draws in all
    double surprise_bits = 0.0;     // the draws' surprise -log2 p, summed
    double frequency(std::size_t token) const;  // counts[token] / total; 0 before the first draw
    double mean_surprise_bits() const;          // surprise_bits / total; 0 before the first draw
};

// Draws n tokens with probabilities p, the same tokens as n calls of draw_token with rng, and adds
// them to `counts` (its counts sized like p first). Each token drawn is also appended to `drawn`
// when it is given.
void draw_tokens(std::span<const double> p, long long n, SampleRng& rng, DrawCounts& counts,
                 std::vector<int>* drawn = nullptr);

}  // namespace nn
