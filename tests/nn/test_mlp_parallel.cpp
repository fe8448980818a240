#include <doctest/doctest.h>

#include <random>

#include "nn/mlp.h"

TEST_CASE("a step split across two threads gives the same update as one thread") {
    std::mt19937_64 rng(9);
    std::normal_distribution<float> normal;
    nn::Matrix x(256, 2), t(256, 1);
    for (int i = 0; i < 256; ++i) {
        x(i, 0) = normal(rng);
        x(i, 1) = normal(rng);
        t(i, 0) = (x(i, 0) * x(i, 1) > 0) ? 1.f : 0.f;
    }
    auto one = nn::make_mlp<float>({2, 8, 8, 1}, nn::Activation::Tanh, 3);
    auto two = one;
    nn::MlpStepper s1(1), s2(2);
    for (int step = 0; step < 5; ++step) {
        const auto r1 = s1.sgd_step(one, x, t, 0.5f);
        const auto r2 = s2.sgd_step(two, x, t, 0.5f);
        CHECK(r1.loss == doctest::Approx(r2.loss).epsilon(1e-5));
        CHECK(r1.correct == r2.correct);
    }
    for (int l = 0; l < one.layer_count(); ++l) {
        CHECK((one.W[l] - two.W[l]).cwiseAbs().maxCoeff() < 1e-5f);
        CHECK((one.b[l] - two.b[l]).cwiseAbs().maxCoeff() < 1e-5f);
    }
}

TEST_CASE("MLP parameter count: 784-16-16-10 has 13,002 parameters") {
    auto mlp = nn::make_mlp<float>({784, 16, 16, 10}, nn::Activation::Sigmoid, 1);
    CHECK(mlp.parameter_count() == 13002);
}

TEST_CASE("initialisation is reproducible from the seed and differs between seeds") {
    auto a = nn::make_mlp<float>({2, 4, 1}, nn::Activation::ReLU, 5);
    auto b = nn::make_mlp<float>({2, 4, 1}, nn::Activation::ReLU, 5);
    auto c = nn::make_mlp<float>({2, 4, 1}, nn::Activation::ReLU, 6);
    CHECK(a.W[0] == b.W[0]);
    CHECK(a.W[0] != c.W[0]);
}
