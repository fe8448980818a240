// No heap allocation in TransformerTrainer's step or evaluate once a step of the same shape has
// run (the counter is test_no_allocation.cpp's).
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "allocation_counter.h"
#include "nn/transformer/transformer.h"

TEST_CASE("no allocation inside a transformer training step once the first step has run") {
    struct Case {
        nn::TransformerShape shape;
        int batch, length;
    };
    nn::TransformerShape small;
    small.vocab = 11;
    small.context = 16;
    small.d_model = 16;
    small.heads = 2;
    small.layers = 1;
    small.activation = nn::Activation::ReLU;
    nn::TransformerShape bench;  // the first bench case
    bench.vocab = 64;
    bench.context = 32;
    bench.d_model = 64;
    bench.heads = 4;
    bench.layers = 2;
    nn::TransformerShape tied = bench;
    tied.tied = true;
    tied.positions = nn::PositionKind::Sinusoidal;
    const Case cases[] = {{small, 2, 8}, {bench, 16, 32}, {tied, 5, 20}};
    for (const Case& c : cases)
        for (int threads : {1, 2}) {
            CAPTURE(c.shape.d_model);
            CAPTURE(c.batch);
            CAPTURE(threads);
            std::mt19937_64 rng(1);
            const auto n = std::size_t(c.batch * c.length);
            std::vector<int> tokens(n), targets(n);
            for (std::size_t i = 0; i < n; ++i) {
                tokens[i] = int(rng() % std::uint64_t(c.shape.vocab));
                targets[i] = i % 4 == 0 ? -1 : int(rng() % std::uint64_t(c.shape.vocab));
            }
            nn::Transformer model(c.shape, 1);
            nn::TransformerTrainer trainer({}, threads);
            trainer.step(model, tokens, targets, c.batch, c.length);  // sizes every buffer
            trainer.evaluate(model, tokens, targets, c.batch, c.length);
            CHECK(allocations_during([&] {
                      for (int step = 0; step < 5; ++step) trainer.step(model, tokens, targets, c.batch, c.length);
                  }) == 0);
            CHECK(allocations_during([&] { trainer.evaluate(model, tokens, targets, c.batch, c.length); }) == 0);
        }
}
