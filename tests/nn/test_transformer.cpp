// The transformer as a whole: its shape and parameters, the causal mask, the trace the attention
// panels draw from, the fast trainer against the reference pass, and that it learns.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "nn/transformer/transformer.h"

namespace {

nn::TransformerShape small_shape() {
    nn::TransformerShape s;
    s.vocab = 11;
    s.context = 16;
    s.d_model = 32;
    s.heads = 4;
    s.layers = 2;
    return s;
}

std::vector<int> random_tokens(int count, int vocab, std::mt19937_64& rng) {
    std::vector<int> tokens(static_cast<std::size_t>(count));
    for (int& t : tokens) t = int(rng() % std::uint64_t(vocab));
    return tokens;
}

}  // namespace

TEST_CASE("transformer shape checks, parameter count and groups") {
    nn::TransformerShape shape = small_shape();
    CHECK(nn::check_shape(shape).empty());
    for (bool tied : {false, true})
        for (nn::PositionKind positions : {nn::PositionKind::Learned, nn::PositionKind::Sinusoidal}) {
            shape.tied = tied;
            shape.positions = positions;
            const nn::Transformer model(shape, 1);
            CHECK(nn::parameter_count(shape) == model.parameter_count());
            // The groups tile the parameter vector in order, with nothing left over.
            long at = 0;
            for (const nn::ParameterGroup& g : model.groups()) {
                CHECK(g.offset == at);
                at += g.size;
            }
            CHECK(at == model.parameter_count());
            CHECK(model.groups().front().name == "embedding");
            CHECK(model.groups().back().name == (tied ? "final norm" : "unembedding"));
        }
    shape = small_shape();
    shape.heads = 5;
    CHECK_FALSE(nn::check_shape(shape).empty());  // 32 is not a multiple of 5
    shape = small_shape();
    shape.activation = nn::Activation::Sigmoid;
    CHECK_FALSE(nn::check_shape(shape).empty());
    shape = small_shape();
    shape.layers = 5;
    CHECK_FALSE(nn::check_shape(shape).empty());
    CHECK(nn::position_kind_from_name("sinusoidal") == nn::PositionKind::Sinusoidal);
    CHECK(nn::position_kind_from_name(nn::position_kind_name(nn::PositionKind::Learned)) == nn::PositionKind::Learned);
    CHECK_FALSE(nn::position_kind_from_name("rotary").has_value());
}

TEST_CASE("transformer weights depend only on the seed") {
    const nn::Transformer a(small_shape(), 7), b(small_shape(), 7), c(small_shape(), 8);
    CHECK(a.parameters() == b.parameters());
    CHECK(a.parameters() != c.parameters());
}

TEST_CASE("transformer sinusoidal position table is sin and cos of pos / 10000^(2i/d)") {
    nn::TransformerShape shape = small_shape();
    shape.positions = nn::PositionKind::Sinusoidal;
    const nn::Transformer model(shape, 1);
    const nn::Matrix table = model.position_table(10);
    REQUIRE(table.rows() == 10);
    const double d = shape.d_model;
    CHECK(table(3, 4) == doctest::Approx(std::sin(3 / std::pow(10000.0, 4 / d))));
    CHECK(table(7, 5) == doctest::Approx(std::cos(7 / std::pow(10000.0, 4 / d))));
    CHECK(model.token_embedding().rows() == shape.vocab);
}

TEST_CASE("transformer causal mask: a later token changes no earlier row of logits") {
    for (nn::PositionKind positions : {nn::PositionKind::Learned, nn::PositionKind::Sinusoidal}) {
        nn::TransformerShape shape = small_shape();
        shape.positions = positions;
        const nn::Transformer model(shape, 2);
        std::mt19937_64 rng(3);
        std::vector<int> tokens = random_tokens(12, shape.vocab, rng);
        nn::Matrix before, after;
        model.logits(tokens, before);
        const int changed = 7;
        tokens[changed] = (tokens[changed] + 1) % shape.vocab;
        model.logits(tokens, after);
        CHECK(before.topRows(changed) == after.topRows(changed));  // exactly
        CHECK(before.row(changed) != after.row(changed));
    }
}

TEST_CASE("transformer trace is consistent with the forward pass") {
    const nn::TransformerShape shape = small_shape();
    const nn::Transformer model(shape, 4);
    std::mt19937_64 rng(5);
    const std::vector<int> tokens = random_tokens(9, shape.vocab, rng);
    nn::AttentionTrace trace;
    model.trace(tokens, trace);
    nn::Matrix logits;
    model.logits(tokens, logits);
    CHECK(trace.length == 9);
    CHECK(trace.weights.size() == std::size_t(shape.layers * shape.heads));
    CHECK(trace.logits.isApprox(logits, 1e-6f));
    const float scale = 1.f / std::sqrt(float(shape.head_dim()));
    for (int l = 0; l < shape.layers; ++l)
        for (int h = 0; h < shape.heads; ++h) {
            const auto i = std::size_t(l * shape.heads + h);
            const nn::Matrix& A = trace.head_weights(l, h);
            for (int r = 0; r < trace.length; ++r) {
                CHECK(A.row(r).sum() == doctest::Approx(1.0).epsilon(1e-5));
                for (int c = r + 1; c < trace.length; ++c) CHECK(A(r, c) == 0.f);
                // The softmax of the scaled scores over positions 0..r.
                const auto seen = (trace.scores[i].row(r).head(r + 1).array() * scale).exp();
                CHECK((A.row(r).head(r + 1).array() - seen / seen.sum()).abs().maxCoeff() < 1e-5f);
            }
            CHECK(trace.scores[i].isApprox(trace.query[i] * trace.key[i].transpose(), 1e-5f));
            CHECK(trace.head_output[i].isApprox(A * trace.value[i], 1e-5f));
            CHECK(trace.concatenated[std::size_t(l)].middleCols(h * shape.head_dim(), shape.head_dim())
                      .isApprox(trace.head_output[i], 1e-6f));
        }
}

TEST_CASE("transformer fast trainer matches the double reference on one step (threads 1 and 2)") {
    nn::TransformerShape shape = small_shape();
    const int batch = 4, length = 16;
    std::mt19937_64 rng(6);
    const std::vector<int> tokens = random_tokens(batch * length, shape.vocab, rng);
    std::vector<int> targets = random_tokens(batch * length, shape.vocab, rng);
    for (std::size_t i = 0; i < targets.size(); i += 3) targets[i] = -1;

    const nn::Transformer start(shape, 9);
    nn::TransformerT<double> reference(shape, 9);
    reference.parameters() = start.parameters().cast<double>();
    nn::VectorT<double> grad;
    const double loss = reference.loss(tokens, targets, batch, length, &grad);

    nn::AdamWSettings settings;
    settings.clip = 0.5f;  // below the gradient's norm here, so that clipping is exercised
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        nn::Transformer model = start;
        nn::TransformerTrainer trainer(settings, threads);
        const nn::TransformerStepResult result = trainer.step(model, tokens, targets, batch, length);
        CHECK(result.loss == doctest::Approx(loss).epsilon(1e-5));
        CHECK(result.scored == int(std::count_if(targets.begin(), targets.end(), [](int t) { return t >= 0; })));
        double total_sq = 0;
        for (std::size_t g = 0; g < model.groups().size(); ++g) {
            const nn::ParameterGroup& group = model.groups()[g];
            const double norm = grad.segment(group.offset, group.size).norm();
            total_sq += norm * norm;
            CHECK(trainer.grad_norms()[g] == doctest::Approx(norm).epsilon(1e-4));
            CHECK(trainer.weight_norms()[g] ==
                  doctest::Approx(model.parameters().segment(group.offset, group.size).norm()).epsilon(1e-5));
        }
        REQUIRE(std::sqrt(total_sq) > settings.clip);
        // AdamW's first step from the clipped double gradient: m^ = g, v^ = g^2.
        const double clip = settings.clip / std::sqrt(total_sq), lr = settings.learning_rate;
        const double largest = grad.cwiseAbs().maxCoeff();
        int compared = 0;
        for (const nn::ParameterGroup& group : model.groups())
            for (long i = group.offset; i < group.offset + group.size; ++i) {
                const double g = grad(i) * clip, w = start.parameters()(i);
                // Where the gradient is within float rounding of 0, m^/sqrt(v^) is its sign: skip those.
                if (std::abs(grad(i)) < 1e-4 * largest) continue;
                const double expected = w - lr * (g / (std::abs(g) + settings.epsilon) +
                                                  (group.decay ? settings.weight_decay * w : 0.0));
                CHECK(std::abs(model.parameters()(i) - expected) < 1e-3 * lr);
                ++compared;
            }
        CHECK(compared > model.parameter_count() / 2);
    }
}

TEST_CASE("transformer evaluate measures without changing the weights") {
    const nn::TransformerShape shape = small_shape();
    const int batch = 3, length = 10;
    std::mt19937_64 rng(8);
    const std::vector<int> tokens = random_tokens(batch * length, shape.vocab, rng);
    const std::vector<int> targets = random_tokens(batch * length, shape.vocab, rng);
    const nn::Transformer model(shape, 1);
    nn::TransformerTrainer trainer;
    const nn::TransformerStepResult result = trainer.evaluate(model, tokens, targets, batch, length);
    CHECK(result.loss == doctest::Approx(model.loss(tokens, targets, batch, length)).epsilon(1e-5));
    CHECK(result.scored == batch * length);
    // Near-uniform predictions from small initial weights: about log(vocab).
    CHECK(result.loss == doctest::Approx(std::log(double(shape.vocab))).epsilon(0.05));
}

namespace {
// The copy task: 5 random letters of 8, '=', the same 5 letters. Only the answer is scored: the
// position of '=' predicts the first letter, each copied letter the next one.
constexpr int kLetters = 8, kEquals = 8, kCopyLength = 5, kSequence = 2 * kCopyLength + 1;

void copy_batch(int batch, std::mt19937_64& rng, std::vector<int>& tokens, std::vector<int>& targets) {
    tokens.assign(std::size_t(batch * kSequence), 0);
    targets.assign(std::size_t(batch * kSequence), -1);
    for (int b = 0; b < batch; ++b) {
        int* t = tokens.data() + b * kSequence;
        for (int i = 0; i < kCopyLength; ++i) t[i] = t[kCopyLength + 1 + i] = int(rng() % kLetters);
        t[kCopyLength] = kEquals;
        for (int p = kCopyLength; p < kSequence - 1; ++p) targets[std::size_t(b * kSequence + p)] = t[p + 1];
    }
}
}  // namespace

// Measured from seed 1 (batch 32, AdamW at its defaults, checked every 10 steps on 256 held-out
// sequences): 100% of the answers right at step 40 (under 95% at step 30); the mean weight from
// each answer position to its source is 0.74 in head 0 and 0.86 in head 1. The limit of 400 steps
// leaves room for a different rounding elsewhere.
TEST_CASE("transformer learns to copy, attending from each answer position to its source") {
    nn::TransformerShape shape;
    shape.vocab = kLetters + 1;
    shape.context = 16;
    shape.d_model = 32;
    shape.heads = 2;
    shape.layers = 1;
    shape.positions = nn::PositionKind::Learned;
    nn::Transformer model(shape, 1);
    nn::TransformerTrainer trainer({}, 1);
    std::mt19937_64 rng(1);
    std::vector<int> tokens, targets, test_tokens, test_targets;
    copy_batch(256, rng, test_tokens, test_targets);
    const int batch = 32, max_steps = 400;
    int steps = 0;
    double accuracy = 0;
    while (steps < max_steps) {
        copy_batch(batch, rng, tokens, targets);
        trainer.step(model, tokens, targets, batch, kSequence);
        ++steps;
        if (steps % 10 == 0) {
            const nn::TransformerStepResult r = trainer.evaluate(model, test_tokens, test_targets, 256, kSequence);
            accuracy = double(r.correct) / r.scored;
            if (accuracy >= 0.95) break;
        }
    }
    MESSAGE("copy task: " << accuracy << " answer accuracy after " << steps << " steps");
    CHECK(accuracy >= 0.95);
    // The answer at position p copies the letter at p - 6 + 1: attending there is how it can.
    double best = 0;
    for (int h = 0; h < shape.heads; ++h) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < 32; ++b) {
            nn::AttentionTrace trace;
            model.trace(std::span<const int>(test_tokens).subspan(std::size_t(b * kSequence), kSequence), trace);
            for (int p = kCopyLength; p < kSequence - 1; ++p) {
                sum += trace.head_weights(0, h)(p, p - kCopyLength);
                ++count;
            }
        }
        MESSAGE("head " << h << ": mean weight from answer to source " << sum / count);
        best = std::max(best, sum / count);
    }
    CHECK(best > 0.6);
}
