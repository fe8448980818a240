// Finite-difference checks of every transformer layer's backward pass, and of the whole model's,
// in double precision (nn::gradient_check: a correct backward gives about 1e-9, a wrong one > 1e-3).
// Each layer's loss is L = sum(y * R) for a fixed random R, so dL/dy = R.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "nn/gradcheck.h"
#include "nn/transformer/block.h"
#include "nn/transformer/embedding.h"
#include "nn/transformer/positional_encoding.h"
#include "nn/transformer/transformer.h"

namespace {

using Mat = nn::MatrixT<double>;
using Vec = nn::VectorT<double>;
constexpr double kTolerance = 1e-6;

Mat random_matrix(int rows, int cols, std::mt19937_64& rng, double spread = 1.0) {
    std::normal_distribution<double> normal(0.0, spread);
    Mat m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
    return m;
}

Vec random_vector(long n, std::mt19937_64& rng, double spread) {
    std::normal_distribution<double> normal(0.0, spread);
    Vec v(n);
    for (Eigen::Index i = 0; i < v.size(); ++i) v(i) = normal(rng);
    return v;
}

}  // namespace

TEST_CASE("transformer LayerNorm backward matches finite differences (gain, bias, input)") {
    std::mt19937_64 rng(11);
    const int rows = 5, d = 8;
    Mat x = random_matrix(rows, d, rng, 2.0), R = random_matrix(rows, d, rng);
    Vec params = random_vector(nn::LayerNorm<double>::parameter_count(d), rng, 1.0);
    const auto layer = [&] { return nn::LayerNorm<double>{{params.data(), d}}; };
    const auto loss = [&] {
        Mat y(rows, d), xhat(rows, d);
        Vec rstd(rows);
        layer().forward(x, y, xhat, rstd);
        return y.cwiseProduct(R).sum();
    };
    Mat y(rows, d), xhat(rows, d), dx = Mat::Zero(rows, d);
    Vec rstd(rows), grad = Vec::Zero(params.size());
    layer().forward(x, y, xhat, rstd);
    layer().backward(R, xhat, rstd, dx, {grad.data(), d});
    CHECK(nn::gradient_check(params, grad, loss) < kTolerance);
    CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
}

TEST_CASE("transformer Embedding backward scatters into the looked-up rows") {
    std::mt19937_64 rng(12);
    const int vocab = 6, d = 4;
    const std::vector<int> tokens = {1, 3, 1, 5, 0, 3, 3};
    const int rows = int(tokens.size());
    Mat table = random_matrix(vocab, d, rng), R = random_matrix(rows, d, rng);
    const auto loss = [&] {
        Mat x(rows, d);
        nn::Embedding<double>{{table.data(), vocab, d}}.forward(tokens, x);
        return x.cwiseProduct(R).sum();
    };
    Mat dtable = Mat::Zero(vocab, d);
    nn::Embedding<double>::backward(tokens, R, {dtable.data(), vocab, d});
    CHECK(nn::gradient_check(table, dtable, loss) < kTolerance);
    CHECK(dtable.row(2).isZero());  // token 2 never appears
}

TEST_CASE("transformer learned PositionalEncoding backward sums over the sequences") {
    std::mt19937_64 rng(13);
    const int context = 6, d = 4, length = 5, sequences = 3;
    Mat table = random_matrix(context, d, rng), R = random_matrix(length * sequences, d, rng);
    const auto loss = [&] {
        Mat x = Mat::Zero(length * sequences, d);
        nn::PositionalEncoding<double>::forward(table, length, x);
        return x.cwiseProduct(R).sum();
    };
    Mat dtable = Mat::Zero(context, d);
    nn::PositionalEncoding<double>::backward(length, R, {dtable.data(), context, d});
    CHECK(nn::gradient_check(table, dtable, loss) < kTolerance);
    CHECK(dtable.row(5).isZero());  // beyond the length
}

TEST_CASE("transformer MultiHeadAttention backward matches finite differences (Wq, Wk, Wv, Wo, biases, input), with the causal mask") {
    std::mt19937_64 rng(14);
    const int d = 8, heads = 2, length = 4, sequences = 2, rows = length * sequences;
    using Attention = nn::MultiHeadAttention<double>;
    Mat x = random_matrix(rows, d, rng), R = random_matrix(rows, d, rng);
    Vec params = random_vector(Attention::parameter_count(d), rng, 0.5);
    const auto layer = [&] { return Attention{{params.data(), d}, heads}; };
    Attention::Cache cache;
    const auto loss = [&] {
        Attention::Cache c;
        Mat y(rows, d);
        layer().forward(x, length, c, y);
        return y.cwiseProduct(R).sum();
    };
    Mat y(rows, d), dx = Mat::Zero(rows, d);
    Vec grad = Vec::Zero(params.size());
    Attention::Scratch scratch;
    layer().forward(x, length, cache, y);
    layer().backward(x, length, cache, R, scratch, dx, {grad.data(), d});
    // Every part of the parameters on its own, so that a wrong one is named.
    Attention::Parameters<double> p(params.data(), d), g(grad.data(), d);
    CHECK(nn::gradient_check(p.Wqkv, g.Wqkv, loss) < kTolerance);
    CHECK(nn::gradient_check(p.bqkv, g.bqkv, loss) < kTolerance);
    CHECK(nn::gradient_check(p.Wo, g.Wo, loss) < kTolerance);
    CHECK(nn::gradient_check(p.bo, g.bo, loss) < kTolerance);
    CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
    // The mask: the weights are 0 above the diagonal and each row sums to 1.
    for (int s = 0; s < sequences * heads; ++s) {
        const auto A = cache.weights.middleRows(s * length, length);
        for (int i = 0; i < length; ++i) {
            CHECK(A.row(i).sum() == doctest::Approx(1.0));
            for (int j = i + 1; j < length; ++j) CHECK(A(i, j) == 0.0);
        }
    }
}

TEST_CASE("transformer FeedForward backward matches finite differences, with GELU and with ReLU") {
    for (nn::Activation activation : {nn::Activation::GELU, nn::Activation::ReLU}) {
        CAPTURE(nn::activation_name(activation));
        std::mt19937_64 rng(15);
        const int d = 8, rows = 5;
        using FF = nn::FeedForward<double>;
        Mat x = random_matrix(rows, d, rng), R = random_matrix(rows, d, rng);
        Vec params = random_vector(FF::parameter_count(d), rng, 0.5);
        const auto layer = [&] { return FF{{params.data(), d}, activation}; };
        const auto loss = [&] {
            FF::Cache c;
            Mat y(rows, d);
            layer().forward(x, c, y);
            return y.cwiseProduct(R).sum();
        };
        FF::Cache cache;
        FF::Scratch scratch;
        Mat y(rows, d), dx = Mat::Zero(rows, d);
        Vec grad = Vec::Zero(params.size());
        layer().forward(x, cache, y);
        layer().backward(x, cache, R, scratch, dx, {grad.data(), d});
        CHECK(nn::gradient_check(params, grad, loss) < kTolerance);
        CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
    }
}

TEST_CASE("transformer Block backward matches finite differences (pre-LayerNorm, both residual branches)") {
    std::mt19937_64 rng(16);
    const int d = 8, heads = 2, length = 3, sequences = 2, rows = length * sequences;
    using B = nn::Block<double>;
    Mat x = random_matrix(rows, d, rng), R = random_matrix(rows, d, rng);
    Vec params = random_vector(B::parameter_count(d), rng, 0.5);
    const auto layer = [&] { return B{{params.data(), d}, heads, nn::Activation::GELU}; };
    const auto loss = [&] {
        B::Cache c;
        B::Scratch s;
        Mat y = x;
        layer().forward(y, length, c, s);
        return y.cwiseProduct(R).sum();
    };
    B::Cache cache;
    B::Scratch scratch;
    Mat y = x, dx = R;
    Vec grad = Vec::Zero(params.size());
    layer().forward(y, length, cache, scratch);
    layer().backward(length, cache, dx, scratch, {grad.data(), d});
    CHECK(nn::gradient_check(params, grad, loss) < kTolerance);
    CHECK(nn::gradient_check(x, dx, loss) < kTolerance);
}

TEST_CASE("transformer whole-model gradient matches finite differences (tied and untied, learned and sinusoidal)") {
    const int batch = 2, length = 5;
    std::mt19937_64 rng(17);
    std::vector<int> tokens(batch * length), targets(batch * length);
    for (int& t : tokens) t = int(rng() % 7);
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i] = i % 3 == 1 ? -1 : int(rng() % 7);
    for (bool tied : {false, true})
        for (nn::PositionKind positions : {nn::PositionKind::Learned, nn::PositionKind::Sinusoidal}) {
            CAPTURE(tied);
            CAPTURE(nn::position_kind_name(positions));
            nn::TransformerShape shape;
            shape.vocab = 7;
            shape.context = 8;
            shape.d_model = 16;
            shape.heads = 2;
            shape.layers = 2;
            shape.positions = positions;
            shape.tied = tied;
            shape.activation = tied ? nn::Activation::ReLU : nn::Activation::GELU;
            REQUIRE(nn::check_shape(shape).empty());
            nn::TransformerT<double> model(shape, 3);
            // Larger weights than the initial 0.02, so that every path carries a visible gradient.
            model.parameters() += random_vector(model.parameter_count(), rng, 0.3);
            Vec grad;
            model.loss(tokens, targets, batch, length, &grad);
            REQUIRE(grad.size() == model.parameter_count());
            const double error = nn::gradient_check(model.parameters(), grad, [&] {
                return model.loss(tokens, targets, batch, length);
            });
            CHECK(error < kTolerance);
        }
}
