// Every layer's backward pass against finite differences, in double precision.
#include <doctest/doctest.h>

#include <random>

#include "nn/activation.h"
#include "nn/gradcheck.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/mlp.h"

using nn::MatrixT;
using nn::RowVectorT;
using Md = MatrixT<double>;
using Rd = RowVectorT<double>;

namespace {
constexpr double kTolerance = 1e-6;

Md random_matrix(int rows, int cols, std::mt19937_64& rng, double scale = 1.0) {
    std::normal_distribution<double> normal(0.0, scale);
    Md m(rows, cols);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) m(i, j) = normal(rng);
    return m;
}

// A fixed random projection of the output turns any layer into a scalar loss L = sum(y * R).
double project(const Md& y, const Md& r) { return (y.array() * r.array()).sum(); }
}  // namespace

TEST_CASE("linear layer backward matches finite differences for W, b and x") {
    std::mt19937_64 rng(1);
    Md x = random_matrix(5, 3, rng), W = random_matrix(4, 3, rng);
    Rd b = random_matrix(1, 4, rng);
    const Md r = random_matrix(5, 4, rng);
    const auto loss = [&] {
        Md y;
        nn::linear_forward(x, W, b, y);
        return project(y, r);
    };
    Md dW, dx;
    Rd db;
    nn::linear_backward(x, W, r, dW, db, &dx);  // dL/dy = r
    CHECK(nn::gradient_check(W, dW, loss) < kTolerance);
    CHECK(nn::gradient_check(b, db, loss) < kTolerance);
    CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
}

TEST_CASE("activation backward matches finite differences") {
    for (nn::Activation a : nn::kAllActivations) {
        CAPTURE(nn::activation_name(a));
        std::mt19937_64 rng(2);
        Md x = random_matrix(4, 6, rng);
        const Md r = random_matrix(4, 6, rng);
        const auto loss = [&] {
            Md y;
            nn::activation_forward(a, x, y);
            return project(y, r);
        };
        Md y, dx;
        nn::activation_forward(a, x, y);
        nn::activation_backward(a, x, y, r, dx);
        CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
    }
}

TEST_CASE("binary cross-entropy on logits: backward matches finite differences, value matches the formula") {
    std::mt19937_64 rng(3);
    Md z = random_matrix(6, 1, rng, 3.0);
    Md t(6, 1);
    t << 1, 0, 0, 1, 1, 0;
    const auto loss = [&] { return nn::bce_with_logits_forward(z, t); };
    Md dz;
    nn::bce_with_logits_backward(z, t, dz);
    CHECK(nn::gradient_check(z, dz, loss) < kTolerance);

    double expected = 0;
    for (int i = 0; i < 6; ++i) {
        const double p = 1 / (1 + std::exp(-z(i, 0)));
        expected -= t(i, 0) * std::log(p) + (1 - t(i, 0)) * std::log(1 - p);
    }
    CHECK(loss() == doctest::Approx(expected / 6).epsilon(1e-12));
    // A confident wrong answer costs about |z|, not infinity.
    Md big(1, 1), one(1, 1);
    big << -1000;
    one << 1;
    CHECK(nn::bce_with_logits_forward(big, one) == doctest::Approx(1000.0));
}

TEST_CASE("whole MLP backward matches finite differences for every weight and bias") {
    for (nn::Activation a : nn::kAllActivations) {
        CAPTURE(nn::activation_name(a));
        auto mlp = nn::make_mlp<double>({2, 5, 3, 1}, a, 11);
        std::mt19937_64 rng(4);
        for (auto& b : mlp.b) b = random_matrix(1, int(b.size()), rng, 0.5);
        const Md x = random_matrix(7, 2, rng);
        Md t(7, 1);
        t << 1, 0, 1, 1, 0, 0, 1;
        nn::MlpCacheT<double> cache;
        nn::MlpGradsT<double> grads;
        nn::mlp_loss_and_grads(mlp, x, t, cache, grads);
        const auto loss = [&] {
            nn::MlpCacheT<double> c;
            return nn::bce_with_logits_forward(nn::mlp_forward(mlp, x, c), t);
        };
        for (int l = 0; l < mlp.layer_count(); ++l) {
            CAPTURE(l);
            CHECK(nn::gradient_check(mlp.W[l], grads.dW[l], loss) < kTolerance);
            CHECK(nn::gradient_check(mlp.b[l], grads.db[l], loss) < kTolerance);
        }
    }
}

TEST_CASE("the gradient check catches a wrong gradient") {
    std::mt19937_64 rng(5);
    Md x = random_matrix(3, 3, rng);
    const Md r = random_matrix(3, 3, rng);
    const auto loss = [&] {
        Md y;
        nn::activation_forward(nn::Activation::Tanh, x, y);
        return project(y, r);
    };
    Md wrong = r;  // the slope of tanh left out
    CHECK(nn::gradient_check(x, wrong, loss) > 1e-3);
}
