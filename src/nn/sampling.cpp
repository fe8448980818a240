#include "nn/sampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace nn {

namespace {

constexpr double kMinTemperature = 1e-3;

// Cumulative sums of floating-point probabilities land a few ulps off the exact value: 0.5 + 0.3
// is just below the double nearest 0.8. Without this slack a nucleus of exactly p would take one
// token more than the student adding up the numbers expects.
constexpr double kMassSlack = 1e-9;

}  // namespace

void softmax_temperature(std::span<const float> logits, double temperature, std::vector<double>& p) {
    // !(t > 0) also catches NaN.
    const double t = !(temperature > 0.0) ? kMinTemperature : std::max(temperature, kMinTemperature);
    p.resize(logits.size());
    if (logits.empty()) return;
    // Dividing first and subtracting the largest quotient after keeps every exponent <= 0: at
    // 1e4 / 1e-3 = 1e7 the exponentials themselves would overflow long before the sum.
    double top = -std::numeric_limits<double>::infinity();
    for (const float z : logits) top = std::max(top, double(z) / t);
    double sum = 0.0;
    for (std::size_t i = 0; i < logits.size(); ++i) {
        p[i] = std::exp(double(logits[i]) / t - top);
        sum += p[i];
    }
    // sum >= 1: the largest term is e^0.
    for (double& v : p) v /= sum;
}

double entropy_bits(std::span<const double> p) {
    double h = 0.0;
    for (const double v : p)
        if (v > 0.0) h -= v * std::log2(v);
    return h;
}

double surprise_bits(double p) {
    if (!(p > 0.0)) return std::numeric_limits<double>::infinity();
    return -std::log2(p);
}

void sampling_filter(std::span<const double> p, int top_k, double top_p, std::vector<char>& keep) {
    const std::size_t n = p.size();
    keep.assign(n, 0);
    if (n == 0) return;
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Stable, so that equal probabilities keep the lower index first.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[std::size_t(a)] > p[std::size_t(b)]; });

    // Both filters keep a prefix of the same order, so keeping what both keep is the shorter prefix.
    std::size_t count = n;
    if (top_k > 0) count = std::min(count, std::size_t(top_k));
    if (top_p < 1.0) {
        std::size_t nucleus = 0;
        double mass = 0.0;
        while (nucleus < n) {
            mass += p[std::size_t(order[nucleus])];
            ++nucleus;
            if (mass >= top_p - kMassSlack) break;
        }
        count = std::min(count, nucleus);
    }
    count = std::max<std::size_t>(count, 1);
    for (std::size_t i = 0; i < count; ++i) keep[std::size_t(order[i])] = 1;
}

void sampling_distribution(std::span<const float> logits, const SamplingSettings& settings, std::vector<double>& p) {
    softmax_temperature(logits, settings.temperature, p);
    if (settings.top_k <= 0 && settings.top_p >= 1.0) return;
    std::vector<char> keep;
    sampling_filter(p, settings.top_k, settings.top_p, keep);
    double sum = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!keep[i]) p[i] = 0.0;
        sum += p[i];
    }
    // The most likely token is always kept and at T >= 1e-3 its probability is > 0.
    if (sum > 0.0)
        for (double& v : p) v /= sum;
}

std::uint64_t SampleRng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double SampleRng::uniform() {
    // The top 53 bits: every value a multiple of 2^-53, never 1.
    return double(next() >> 11) * 0x1.0p-53;
}

int draw_token(std::span<const double> p, SampleRng& rng) {
    if (p.empty()) return -1;
    const double u = rng.uniform();
    double cumulative = 0.0;
    int last_possible = -1;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!(p[i] > 0.0)) continue;
        cumulative += p[i];
        last_possible = int(i);
        if (u < cumulative) return int(i);
    }
    // Rounding can leave the sum a little below 1 and u above it: the draw belongs to the last
    // token that can be drawn at all, never to one of probability 0.
    return last_possible >= 0 ? last_possible : 0;
}

double DrawCounts::frequency(std::size_t token) const {
    return total > 0 && token < counts.size() ? double(counts[token]) / double(total) : 0.0;
}

double DrawCounts::mean_surprise_bits() const { return total > 0 ? surprise_bits / double(total) : 0.0; }

void draw_tokens(std::span<const double> p, long long n, SampleRng& rng, DrawCounts& counts, std::vector<int>* drawn) {
    if (counts.counts.size() < p.size()) counts.counts.resize(p.size(), 0);
    if (p.empty()) return;
    for (long long i = 0; i < n; ++i) {
        const int k = draw_token(p, rng);
        ++counts.counts[std::size_t(k)];
        ++counts.total;
        counts.surprise_bits += surprise_bits(p[std::size_t(k)]);
        if (drawn) drawn->push_back(k);
    }
}

}  // namespace nn
