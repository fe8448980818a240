// Each optimizer on a small convex problem, and its first step worked out by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "nn/optimizer.h"

namespace {
// f(w) = 0.5 * sum_i a_i w_i^2: a bowl whose curvature differs by a factor of 10 between directions.
const std::vector<float> kCurvature = {1.f, 10.f};
float bowl(const std::vector<float>& w) {
    float f = 0;
    for (std::size_t i = 0; i < w.size(); ++i) f += 0.5f * kCurvature[i] * w[i] * w[i];
    return f;
}
std::vector<float> bowl_gradient(const std::vector<float>& w) {
    std::vector<float> g(w.size());
    for (std::size_t i = 0; i < w.size(); ++i) g[i] = kCurvature[i] * w[i];
    return g;
}
}  // namespace

TEST_CASE("every optimizer walks down a convex bowl") {
    for (nn::OptimizerKind kind : nn::kAllOptimizers) {
        CAPTURE(nn::optimizer_name(kind));
        nn::Optimizer opt({kind, 0.05f});
        opt.prepare({2});
        std::vector<float> w = {-2.f, 1.5f};
        const float start = bowl(w);
        for (int step = 0; step < 200; ++step) {
            const auto g = bowl_gradient(w);
            opt.begin_step();
            opt.update(0, 0, w.data(), g.data(), 2);
        }
        CHECK(bowl(w) < 1e-3f * start);
        CHECK(nn::optimizer_from_name(nn::optimizer_name(kind)) == kind);
    }
}

TEST_CASE("first steps worked out by hand") {
    const std::vector<float> g = {0.5f, -2.f};
    SUBCASE("SGD: w - lr g") {
        nn::Optimizer opt({nn::OptimizerKind::SGD, 0.1f});
        opt.prepare({2});
        std::vector<float> w = {1.f, 1.f};
        opt.begin_step();
        const nn::UpdateNorms n = opt.update(0, 0, w.data(), g.data(), 2);
        CHECK(w[0] == doctest::Approx(0.95f));
        CHECK(w[1] == doctest::Approx(1.2f));
        CHECK(n.grad_sq == doctest::Approx(4.25));
        CHECK(n.value_sq == doctest::Approx(0.95 * 0.95 + 1.2 * 1.2));
    }
    SUBCASE("momentum: the first step is SGD's, the second adds mu times the first") {
        nn::Optimizer opt({nn::OptimizerKind::Momentum, 0.1f, 0.9f});
        opt.prepare({2});
        std::vector<float> w = {1.f, 1.f};
        opt.begin_step();
        opt.update(0, 0, w.data(), g.data(), 2);
        CHECK(w[0] == doctest::Approx(0.95f));
        opt.begin_step();
        opt.update(0, 0, w.data(), g.data(), 2);  // v = 0.9 * 0.5 + 0.5 = 0.95
        CHECK(w[0] == doctest::Approx(0.95f - 0.095f));
        CHECK(w[1] == doctest::Approx(1.2f + 0.38f));
    }
    SUBCASE("Adam: thanks to the bias correction, the first step is lr in the direction of -sign(g)") {
        nn::Optimizer opt({nn::OptimizerKind::Adam, 0.1f});
        opt.prepare({2});
        std::vector<float> w = {1.f, 1.f};
        opt.begin_step();
        opt.update(0, 0, w.data(), g.data(), 2);
        CHECK(w[0] == doctest::Approx(0.9f).epsilon(1e-5));
        CHECK(w[1] == doctest::Approx(1.1f).epsilon(1e-5));
        // Second step with the same gradient: m^ = g, v^ = g^2 again, so again lr * sign.
        opt.begin_step();
        opt.update(0, 0, w.data(), g.data(), 2);
        CHECK(w[0] == doctest::Approx(0.8f).epsilon(1e-5));
    }
}

TEST_CASE("threads may update disjoint ranges of one tensor: the offset finds the right state") {
    const std::vector<float> g = {1.f, 2.f, 3.f, 4.f};
    nn::Optimizer whole({nn::OptimizerKind::Adam, 0.1f}), split({nn::OptimizerKind::Adam, 0.1f});
    whole.prepare({4});
    split.prepare({4});
    std::vector<float> a = {0, 0, 0, 0}, b = a;
    const std::vector<float> g2 = {-1.f, 0.5f, 2.f, -3.f};
    for (const std::vector<float>* grad : {&g, &g2}) {
        whole.begin_step();
        split.begin_step();
        whole.update(0, 0, a.data(), grad->data(), 4);
        split.update(0, 0, b.data(), grad->data(), 2);
        split.update(0, 2, b.data() + 2, grad->data() + 2, 2);
    }
    CHECK(a == b);
}
