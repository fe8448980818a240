// Skip-gram: the double-precision loss against finite differences, the fast step against that
// loss, the rows a step may change, reproducibility, the negative sampler's distribution, and that
// training on a corpus with structure finds it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <set>
#include <vector>

#include "nn/gradcheck.h"
#include "nn/skipgram.h"

using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

MatrixXd random_matrix(int rows, int cols, std::mt19937_64& rng, double scale) {
    std::normal_distribution<double> normal(0.0, scale);
    MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
    return m;
}

void fill_random(nn::EmbeddingTable& table, std::uint64_t seed, float scale) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> u(-scale, scale);
    for (Eigen::Index i = 0; i < table.size(); ++i) table.data()[i] = u(rng);
}

// Applies one pair's exact gradient to double copies of the tables, as the step should; returns
// the pair's loss before the update.
double reference_pair(MatrixXd& input, MatrixXd& output, int centre, int context, const std::vector<int>& negatives,
                      double learning_rate) {
    const VectorXd v = input.row(centre).transpose();
    const VectorXd u = output.row(context).transpose();
    MatrixXd n(Eigen::Index(negatives.size()), input.cols());
    for (std::size_t j = 0; j < negatives.size(); ++j) n.row(Eigen::Index(j)) = output.row(negatives[j]);
    VectorXd dv, du;
    MatrixXd dn;
    nn::skipgram_example_backward(v, u, n, dv, du, dn);
    const double loss = nn::skipgram_example_loss(v, u, n);
    output.row(context) -= learning_rate * du.transpose();
    for (std::size_t j = 0; j < negatives.size(); ++j) output.row(negatives[j]) -= learning_rate * dn.row(Eigen::Index(j));
    input.row(centre) -= learning_rate * dv.transpose();
    return loss;
}

double cosine(const nn::EmbeddingTable& table, int a, int b) {
    const auto x = table.row(a).cast<double>(), y = table.row(b).cast<double>();
    return x.dot(y) / (x.norm() * y.norm());
}

// Blocks of 40 words, each block drawn from one of two groups of 10 words (ids 0-9 and 10-19):
// words co-occur within their group and only at block edges across.
std::vector<std::int32_t> two_group_corpus(std::size_t tokens, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::int32_t> corpus(tokens);
    int group = 0;
    for (std::size_t i = 0; i < tokens; ++i) {
        if (i % 40 == 0) group = int(rng() % 2);
        corpus[i] = std::int32_t(group * 10 + int(rng() % 10));
    }
    return corpus;
}

std::vector<std::int64_t> word_counts(const std::vector<std::int32_t>& tokens, int vocab) {
    std::vector<std::int64_t> counts(std::size_t(vocab), 0);
    for (std::int32_t w : tokens) ++counts[std::size_t(w)];
    return counts;
}

// Mean cosine of the input rows of pairs of distinct words in the same group, and across groups.
std::pair<double, double> within_and_across(const nn::EmbeddingTable& input) {
    double within = 0, across = 0;
    int n_within = 0, n_across = 0;
    for (int a = 0; a < 20; ++a)
        for (int b = a + 1; b < 20; ++b) {
            if (a / 10 == b / 10) within += cosine(input, a, b), ++n_within;
            else across += cosine(input, a, b), ++n_across;
        }
    return {within / n_within, across / n_across};
}

}  // namespace

TEST_CASE("skip-gram example backward matches finite differences for v, the context and the negatives") {
    std::mt19937_64 rng(1);
    for (double scale : {0.3, 3.0}) {  // small scores, and scores of several units (the tails of σ)
        CAPTURE(scale);
        VectorXd v = random_matrix(6, 1, rng, scale), context = random_matrix(6, 1, rng, scale);
        MatrixXd negatives = random_matrix(4, 6, rng, scale);
        const auto loss = [&] { return nn::skipgram_example_loss(v, context, negatives); };
        VectorXd dv, dcontext;
        MatrixXd dnegatives;
        nn::skipgram_example_backward(v, context, negatives, dv, dcontext, dnegatives);
        CHECK(nn::gradient_check(v, dv, loss) < 1e-6);
        CHECK(nn::gradient_check(context, dcontext, loss) < 1e-6);
        CHECK(nn::gradient_check(negatives, dnegatives, loss) < 1e-6);
    }
}

TEST_CASE("skip-gram example loss stays finite and exact for large scores") {
    VectorXd v = VectorXd::Constant(2, 10.0), context = VectorXd::Constant(2, -10.0);
    const MatrixXd negatives = MatrixXd::Constant(1, 2, 10.0);
    // Scores -200 (context) and 200 (negative): each term is -log σ(-200) = 200 + log(1 + e^-200).
    CHECK(nn::skipgram_example_loss(v, context, negatives) == doctest::Approx(400.0).epsilon(1e-12));
}

TEST_CASE("a skip-gram step applies each pair's exact gradient in word2vec's order") {
    // Window 1 reaches exactly one word each side, and a sampler that knows one word draws only it,
    // so the step's pairs are known: (2, 1) then (2, 3), each with two negatives.
    const std::vector<std::int32_t> tokens = {0, 1, 2, 3, 4};
    const std::vector<std::size_t> centers = {2};
    constexpr float kLearningRate = 0.5f;
    struct Case {
        int negative;               // the only word the sampler draws
        std::vector<int> first, second;  // the negatives of each pair (none equal to its context)
    };
    const Case cases[] = {
        {5, {5, 5}, {5, 5}},  // the same negative twice in a pair
        {1, {}, {1, 1}},      // a negative equal to the context is skipped
    };
    for (const Case& c : cases) {
        CAPTURE(c.negative);
        nn::SkipGram model(6, {.dim = 4, .window = 1, .negatives = 2}, 7);
        fill_random(model.output(), 8, 0.8f);
        std::vector<std::int64_t> counts(6, 0);
        counts[std::size_t(c.negative)] = 3;
        const nn::NegativeSampler sampler(counts);
        const MatrixXd start_input = model.input().cast<double>();
        MatrixXd input = start_input, output = model.output().cast<double>();
        double loss = reference_pair(input, output, 2, 1, c.first, kLearningRate);
        loss += reference_pair(input, output, 2, 3, c.second, kLearningRate);

        const nn::SkipGramStepStats stats = model.step(tokens, centers, kLearningRate, sampler, 11);
        CHECK(stats.pairs == 2);
        CHECK(stats.words == 1);
        CHECK(stats.loss_sum == doctest::Approx(loss).epsilon(1e-5));
        CHECK((model.input().cast<double>() - input).cwiseAbs().maxCoeff() < 1e-6);
        CHECK((model.output().cast<double>() - output).cwiseAbs().maxCoeff() < 1e-6);
        CHECK((input.row(2) - start_input.row(2)).norm() > 1e-3);  // the comparison is not of unmoved rows
    }
}

TEST_CASE("a skip-gram step changes only the rows it reports, and reports the same rows whatever the threads") {
    constexpr int kVocab = 50;
    std::mt19937_64 rng(3);
    std::vector<std::int32_t> tokens(200);
    for (std::int32_t& w : tokens) w = std::int32_t(rng() % kVocab);
    std::vector<std::size_t> centers(12);
    for (std::size_t& p : centers) p = rng() % tokens.size();
    const nn::NegativeSampler sampler(word_counts(tokens, kVocab));
    std::vector<int> first_input, first_output;
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        nn::SkipGram model(kVocab, {.dim = 8, .window = 3, .negatives = 4}, 5);
        fill_random(model.output(), 6, 0.5f);  // nonzero, so that every touched row moves
        const nn::EmbeddingTable input = model.input(), output = model.output();
        model.step(tokens, centers, 0.1f, sampler, 9, threads);

        const std::vector<int> touched_input(model.touched_input().begin(), model.touched_input().end());
        const std::vector<int> touched_output(model.touched_output().begin(), model.touched_output().end());
        std::set<int> centres;
        for (std::size_t p : centers) centres.insert(tokens[p]);
        CHECK(touched_input == std::vector<int>(centres.begin(), centres.end()));
        CHECK(std::adjacent_find(touched_output.begin(), touched_output.end(), std::greater_equal<int>()) ==
              touched_output.end());  // strictly increasing: sorted, each once
        for (std::size_t p : centers)  // a window reaches at least one word each side
            for (std::size_t q : {p - 1, p + 1})
                if (q < tokens.size()) CHECK(std::binary_search(touched_output.begin(), touched_output.end(), tokens[q]));
        for (int w = 0; w < kVocab; ++w) {
            CAPTURE(w);
            const bool in = std::binary_search(touched_input.begin(), touched_input.end(), w);
            const bool out = std::binary_search(touched_output.begin(), touched_output.end(), w);
            CHECK(in == (model.input().row(w) != input.row(w)));
            CHECK(out == (model.output().row(w) != output.row(w)));
        }
        if (threads == 1) {
            first_input = touched_input;
            first_output = touched_output;
        } else {  // the windows and negatives depend on the centre, not on the thread
            CHECK(touched_input == first_input);
            CHECK(touched_output == first_output);
        }
    }
}

TEST_CASE("skip-gram steps are reproducible from their seed, and train with one thread or two") {
    const std::vector<std::int32_t> tokens = two_group_corpus(4000, 1);
    const nn::NegativeSampler sampler(word_counts(tokens, 20));
    std::vector<std::size_t> centers(64);
    const auto run = [&](int threads, std::uint64_t seed, int steps) {
        nn::SkipGram model(20, {.dim = 8, .window = 3, .negatives = 3}, 2);
        std::vector<double> losses;
        for (int s = 0; s < steps; ++s) {
            for (std::size_t i = 0; i < centers.size(); ++i) centers[i] = (std::size_t(s) * 64 + i) % tokens.size();
            losses.push_back(model.step(tokens, centers, 0.05f, sampler, seed + std::uint64_t(s), threads).mean_loss());
        }
        return std::pair{model, losses};
    };
    const auto [a, losses_a] = run(1, 1, 3);
    const auto [b, losses_b] = run(1, 1, 3);
    const auto [c, losses_c] = run(1, 2, 3);
    CHECK(a.input() == b.input());
    CHECK(a.output() == b.output());
    CHECK(losses_a == losses_b);
    CHECK(a.input() != c.input());

    for (int threads : {1, 2}) {
        CAPTURE(threads);
        const auto [model, losses] = run(threads, 1, 120);
        const double early = (losses[0] + losses[1] + losses[2]) / 3;
        const double late = (losses[117] + losses[118] + losses[119]) / 3;
        CHECK(late < 0.8 * early);
    }
}

TEST_CASE("the negative sampler draws words in proportion to count^0.75, and never a word never seen") {
    const std::vector<std::int64_t> counts = {1000, 300, 0, 100, 30, 10};
    const nn::NegativeSampler sampler(counts);
    REQUIRE_FALSE(sampler.empty());
    double total = 0;
    for (std::int64_t c : counts) total += std::pow(double(c), 0.75);
    std::vector<long> drawn(counts.size(), 0);
    std::mt19937_64 rng(4);
    constexpr long kDraws = 10'000'000;
    for (long i = 0; i < kDraws; ++i) ++drawn[std::size_t(sampler.sample(rng()))];
    for (std::size_t w = 0; w < counts.size(); ++w) {
        CAPTURE(w);
        const double expected = std::pow(double(counts[w]), 0.75) / total;
        CHECK(sampler.probability(int(w)) == doctest::Approx(expected).epsilon(1e-9));
        if (counts[w] == 0) CHECK(drawn[w] == 0);
        // The rarest word is drawn about 190,000 times: 1% is over four standard deviations.
        else CHECK(double(drawn[w]) / kDraws == doctest::Approx(expected).epsilon(0.01));
    }
    CHECK(nn::NegativeSampler(std::vector<std::int64_t>{0, 0}).empty());
}

TEST_CASE("skipgram_train_range separates two groups of words that never share a window") {
    const std::vector<std::int32_t> tokens = two_group_corpus(60'000, 5);
    const nn::NegativeSampler sampler(word_counts(tokens, 20));
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        nn::SkipGram model(20, {.dim = 16, .window = 3, .negatives = 5}, 3);
        // The first 500 words, from the untrained model (a pair's loss starts near (1 + 5) log 2).
        const double first = nn::skipgram_train_range(model, tokens, 0, 500, 0.025f, sampler, 1, threads).mean_loss();
        double last = 0;
        for (int pass = 0; pass < 3; ++pass) {
            const nn::SkipGramStepStats stats =
                nn::skipgram_train_range(model, tokens, 0, tokens.size(), 0.025f, sampler, std::uint64_t(pass), threads);
            CHECK(stats.words == std::int64_t(tokens.size()));
            CHECK(stats.pairs > 2 * stats.words);  // 1..3 words each side: about 4 pairs a centre
            last = stats.mean_loss();
        }
        CAPTURE(first);
        CHECK(last < 0.7 * first);
        const auto [within, across] = within_and_across(model.input());
        CAPTURE(within);
        CAPTURE(across);
        CHECK(within > across + 0.5);
    }
}
