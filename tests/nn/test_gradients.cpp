// Every layer's and loss's backward pass, and whole MLPs', against finite differences in double
// precision.
#include <doctest/doctest.h>

#include <random>

#include "nn/activation.h"
#include "nn/gradcheck.h"
#include "nn/linear.h"
#include "nn/loss.h"
#include "nn/mlp.h"
#include "nn/residual.h"
#include "nn/softmax.h"

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

Md one_hot(const std::vector<int>& labels, int classes) {
    Md t = Md::Zero(int(labels.size()), classes);
    for (std::size_t i = 0; i < labels.size(); ++i) t(int(i), labels[i]) = 1;
    return t;
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

TEST_CASE("every activation's backward matches finite differences") {
    for (nn::Activation a : nn::kAllActivations) {
        CAPTURE(nn::activation_name(a));
        std::mt19937_64 rng(2);
        Md x = random_matrix(4, 6, rng, 2.0);
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
        // The scalar versions the panels use agree with the batched ones.
        CHECK(y(1, 2) == doctest::Approx(nn::activation_value(a, x(1, 2))).epsilon(1e-12));
        CHECK(dx(1, 2) == doctest::Approx(nn::activation_slope(a, x(1, 2)) * r(1, 2)).epsilon(1e-12));
    }
}

TEST_CASE("activation values at known points") {
    CHECK(nn::activation_value(nn::Activation::Sigmoid, 0) == doctest::Approx(0.5));
    CHECK(nn::activation_slope(nn::Activation::Sigmoid, 0) == doctest::Approx(0.25));  // its largest slope
    CHECK(nn::activation_value(nn::Activation::LeakyReLU, -2) == doctest::Approx(-0.02));
    CHECK(nn::activation_value(nn::Activation::GELU, 1) == doctest::Approx(0.841192).epsilon(1e-5));
    CHECK(nn::activation_value(nn::Activation::GELU, -3) == doctest::Approx(-0.003637).epsilon(1e-3));
    for (nn::Activation a : nn::kAllActivations) CHECK(nn::activation_from_name(nn::activation_name(a)) == a);
}

TEST_CASE("residual connection backward: the gradient reaches x along both paths") {
    std::mt19937_64 rng(3);
    Md x = random_matrix(3, 4, rng), W = random_matrix(4, 4, rng);
    const Rd b = Rd::Zero(4);
    const Md r = random_matrix(3, 4, rng);
    // y = x + tanh(x W^T + b)
    const auto forward = [&](Md& z, Md& f, Md& y) {
        nn::linear_forward(x, W, b, z);
        nn::activation_forward(nn::Activation::Tanh, z, f);
        nn::residual_forward(x, f, y);
    };
    const auto loss = [&] {
        Md z, f, y;
        forward(z, f, y);
        return project(y, r);
    };
    Md z, f, y, dz, dx_block, dW, dx;
    Rd db;
    forward(z, f, y);
    nn::activation_backward(nn::Activation::Tanh, z, f, r, dz);
    nn::linear_backward(x, W, dz, dW, db, &dx_block);
    nn::residual_backward(r, dx_block, dx);
    CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
    CHECK(nn::gradient_check(W, dW, loss) < kTolerance);
}

TEST_CASE("softmax backward matches finite differences, and its rows sum to one") {
    std::mt19937_64 rng(4);
    Md z = random_matrix(3, 5, rng, 3.0);
    const Md r = random_matrix(3, 5, rng);
    const auto loss = [&] {
        Md p;
        nn::softmax_forward(z, p);
        return project(p, r);
    };
    Md p, dz;
    nn::softmax_forward(z, p);
    for (int i = 0; i < 3; ++i) CHECK(p.row(i).sum() == doctest::Approx(1.0).epsilon(1e-12));
    nn::softmax_backward(p, r, dz);
    CHECK(nn::gradient_check(z, dz, loss) < kTolerance);
    Md huge(1, 2);
    huge << 1000, 0;  // e^1000 overflows; the shifted form does not
    nn::softmax_forward(huge, p);
    CHECK(p(0, 0) == doctest::Approx(1.0));
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

TEST_CASE("softmax cross-entropy: backward matches finite differences, value is -log p of the right class") {
    std::mt19937_64 rng(5);
    Md z = random_matrix(4, 3, rng, 2.0);
    const Md t = one_hot({0, 2, 1, 2}, 3);
    Md p;
    const auto loss = [&] { return nn::softmax_cross_entropy_forward(z, t, p); };
    const double value = loss();
    double expected = 0;
    const int label[] = {0, 2, 1, 2};
    for (int i = 0; i < 4; ++i) expected -= std::log(p(i, label[i]));
    CHECK(value == doctest::Approx(expected / 4).epsilon(1e-12));
    Md dz;
    nn::softmax_cross_entropy_backward(p, t, dz);
    CHECK(nn::gradient_check(z, dz, loss) < kTolerance);
    // Uniform scores over 10 classes cost log 10 = 2.303 nats: the loss of a network that knows nothing.
    Md flat = Md::Zero(1, 10), first = one_hot({0}, 10);
    CHECK(nn::softmax_cross_entropy_forward(flat, first, p) == doctest::Approx(std::log(10.0)));
}

TEST_CASE("squared error: backward matches finite differences, value matches the formula") {
    std::mt19937_64 rng(6);
    Md y = random_matrix(4, 2, rng);
    const Md t = random_matrix(4, 2, rng);
    const auto loss = [&] { return nn::squared_error_forward(y, t); };
    Md dy;
    nn::squared_error_backward(y, t, dy);
    CHECK(nn::gradient_check(y, dy, loss) < kTolerance);
    Md a(1, 2), b(1, 2);
    a << 1, 2;
    b << 0, 0;
    CHECK(nn::squared_error_forward(a, b) == doctest::Approx(5.0));
}

TEST_CASE("whole MLP backward matches finite differences: every activation, loss, head and shortcut") {
    for (nn::Activation a : nn::kAllActivations)
        for (nn::Loss loss_kind : {nn::Loss::CrossEntropy, nn::Loss::SquaredError})
            for (int outputs : {1, 3})
                for (bool residual : {false, true}) {
                    CAPTURE(nn::activation_name(a));
                    CAPTURE(nn::loss_name(loss_kind));
                    CAPTURE(outputs);
                    CAPTURE(residual);
                    auto mlp = nn::make_mlp<double>({2, 5, 5, 5, outputs}, a, 11, residual, loss_kind);
                    CHECK(mlp.skips(1) == residual);
                    CHECK_FALSE(mlp.skips(0));  // 2 -> 5 changes the width
                    std::mt19937_64 rng(4);
                    for (auto& b : mlp.b) b = random_matrix(1, int(b.size()), rng, 0.5);
                    const Md x = random_matrix(7, 2, rng);
                    const Md t = outputs == 1 ? one_hot({0, 0, 0, 0, 0, 0, 0}, 1) + random_matrix(7, 1, rng).cwiseSign().cwiseMax(0)
                                              : one_hot({0, 1, 2, 2, 1, 0, 1}, 3);
                    nn::MlpCacheT<double> cache;
                    nn::MlpGradsT<double> grads;
                    nn::mlp_loss_and_grads(mlp, x, t, cache, grads);
                    const auto loss = [&] {
                        nn::MlpCacheT<double> c;
                        nn::mlp_forward(mlp, x, c);
                        return nn::mlp_loss(mlp, t, c);
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
