#include <doctest/doctest.h>

#include "data/toy2d.h"
#include "nn/neuron.h"
#include "nn/perceptron.h"

namespace {
// Runs the perceptron rule one example at a time, in order, for at most `epochs` passes.
// Returns the pass at which a whole pass made no mistake, or -1. Tracks the best accuracy seen.
int train_until_clean(nn::Perceptron& p, const data::Dataset2D& d, int epochs, float& best_accuracy) {
    best_accuracy = 0;
    for (int e = 0; e < epochs; ++e) {
        int mistakes = 0;
        for (Eigen::Index i = 0; i < d.x.rows(); ++i) {
            mistakes += nn::perceptron_learn(p, d.x.row(i), d.labels[i], 0.1f).changed();
            int correct = 0;
            for (Eigen::Index j = 0; j < d.x.rows(); ++j) correct += nn::perceptron_predict(p, d.x.row(j)) == d.labels[j];
            best_accuracy = std::max(best_accuracy, float(correct) / float(d.x.rows()));
        }
        if (mistakes == 0) return e;
    }
    return -1;
}
}  // namespace

TEST_CASE("the spam neuron scores 1.2 and says spam") {
    const float inputs[] = {1, 0, 1};      // "free prize", not a known contact, attachment
    const float weights[] = {0.9f, -0.8f, 0.3f};
    const double score = nn::weighted_sum(inputs, weights);
    CHECK(score == doctest::Approx(1.2).epsilon(1e-6));
    CHECK(nn::fires(score, 0.5));
    const float from_friend[] = {1, 1, 1};  // the known contact pulls it below the threshold
    CHECK(nn::weighted_sum(from_friend, weights) == doctest::Approx(0.4).epsilon(1e-6));
    CHECK_FALSE(nn::fires(nn::weighted_sum(from_friend, weights), 0.5));
}

TEST_CASE("perceptron rule converges on AND and OR from every seed tried") {
    for (data::Toy2D gate : {data::Toy2D::And, data::Toy2D::Or}) {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            CAPTURE(data::toy2d_name(gate));
            CAPTURE(seed);
            const auto d = data::make_toy2d(gate);
            auto p = nn::make_perceptron(2, seed);
            float best = 0;
            const int epoch = train_until_clean(p, d, 100, best);
            CHECK(epoch >= 0);
            CHECK(best == 1.0f);
            for (Eigen::Index i = 0; i < d.x.rows(); ++i) CHECK(nn::perceptron_predict(p, d.x.row(i)) == d.labels[i]);
        }
    }
}

TEST_CASE("perceptron never separates XOR: accuracy never passes 75%") {
    const auto d = data::make_toy2d(data::Toy2D::Xor);
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        auto p = nn::make_perceptron(2, seed);
        float best = 0;
        CHECK(train_until_clean(p, d, 1000, best) == -1);
        CHECK(best <= 0.75f);
    }
}

TEST_CASE("perceptron update moves the weights by learning rate times error times input") {
    nn::Perceptron p;
    p.w = nn::RowVector::Zero(2);
    p.b = 0;  // score 0 -> predicts 0
    nn::RowVector x(2);
    x << 1, 1;
    const auto u = nn::perceptron_learn(p, x, 1, 0.5f);
    CHECK(u.predicted == 0);
    CHECK(u.changed());
    CHECK(p.w(0) == doctest::Approx(0.5));
    CHECK(p.w(1) == doctest::Approx(0.5));
    CHECK(p.b == doctest::Approx(0.5));
    const auto again = nn::perceptron_learn(p, x, 1, 0.5f);  // now right: nothing moves
    CHECK_FALSE(again.changed());
    CHECK(p.w(0) == doctest::Approx(0.5));
}
