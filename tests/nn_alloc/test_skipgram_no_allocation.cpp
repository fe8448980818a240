// No heap allocation inside a skip-gram step once a step with as many threads has run: the lesson
// steps every frame, and the touched-row lists and per-thread scratch are sized on the first step.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "allocation_counter.h"
#include "nn/skipgram.h"

TEST_CASE("no allocation inside a skip-gram step once the first step has run") {
    constexpr int kVocab = 300;
    std::mt19937_64 rng(1);
    std::vector<std::int32_t> tokens(5000);
    for (std::int32_t& w : tokens) w = std::int32_t(rng() % kVocab);
    std::vector<std::int64_t> counts(kVocab, 0);
    for (std::int32_t w : tokens) ++counts[std::size_t(w)];
    const nn::NegativeSampler sampler(counts);
    std::vector<std::size_t> centers(64);
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        nn::SkipGram model(kVocab, {.dim = 32, .window = 5, .negatives = 5}, 1);
        const auto step = [&](std::uint64_t s) {
            for (std::size_t i = 0; i < centers.size(); ++i) centers[i] = (s * 64 + i) % tokens.size();
            model.step(tokens, centers, 0.025f, sampler, s, threads);
        };
        step(0);  // sizes the marks, the touched lists and the scratch
        CHECK(allocations_during([&] {
                  for (std::uint64_t s = 1; s <= 20; ++s) step(s);
              }) == 0);
        CHECK(!model.touched_input().empty());
    }
}
