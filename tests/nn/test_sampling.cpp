// Sampling: the lesson's weather example to four decimals (and against long double computed here),
// stability at extreme logits and temperatures, the limits of the temperature, top-k and top-p at
// and just past their boundaries, and that draws follow the distribution and the seed.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "nn/sampling.h"

namespace {

const std::vector<float> kWeather = {2.0f, 1.8f, 1.2f, 0.8f, 0.6f};

// The softmax and entropy again, by the textbook formula in long double, as a check on the
// production code that shares none of its steps (no maximum subtracted, natural log converted).
std::vector<long double> reference_softmax(const std::vector<float>& z, long double t) {
    std::vector<long double> p;
    long double sum = 0;
    for (const float v : z) sum += std::exp((long double)v / t);
    for (const float v : z) p.push_back(std::exp((long double)v / t) / sum);
    return p;
}

long double reference_entropy(const std::vector<long double>& p) {
    long double h = 0;
    for (const long double v : p) h -= v * std::log(v) / std::log(2.0L);
    return h;
}

void check_weather(double t, const std::vector<double>& expected, double expected_bits) {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, t, p);
    REQUIRE(p.size() == expected.size());
    const std::vector<long double> ref = reference_softmax(kWeather, t);
    for (std::size_t i = 0; i < p.size(); ++i) {
        CHECK(std::abs(p[i] - expected[i]) < 1e-4);
        CHECK(std::abs((long double)p[i] - ref[i]) < 1e-12L);
    }
    CHECK(std::abs(nn::entropy_bits(p) - expected_bits) < 1e-4);
    CHECK(std::abs((long double)nn::entropy_bits(p) - reference_entropy(ref)) < 1e-12L);
}

bool all_finite(const std::vector<double>& p) {
    for (const double v : p)
        if (!std::isfinite(v)) return false;
    return true;
}

double sum(const std::vector<double>& p) {
    double s = 0;
    for (const double v : p) s += v;
    return s;
}

std::vector<char> filter(const std::vector<double>& p, int top_k, double top_p) {
    std::vector<char> keep;
    nn::sampling_filter(p, top_k, top_p, keep);
    return keep;
}

}  // namespace

TEST_CASE("sampling: the weather example at temperatures 0.5, 1 and 2") {
    check_weather(0.5, {0.4941, 0.3312, 0.0998, 0.0448, 0.0300}, 1.7151);
    check_weather(1.0, {0.3551, 0.2908, 0.1596, 0.1070, 0.0876}, 2.1237);
    check_weather(2.0, {0.2762, 0.2499, 0.1851, 0.1516, 0.1372}, 2.2688);
}

TEST_CASE("sampling: logits of size 1e4 at temperature 1e-3 give no NaN or infinity") {
    const std::vector<std::vector<float>> cases = {
        {1e4f, 1e4f - 1.0f, 9e3f, -1e4f}, {-1e4f, -1e4f + 0.5f, -9.9e3f}, {1e4f, -1e4f, 0.0f, 5e3f, -5e3f}};
    for (const auto& logits : cases) {
        for (const double t : {1e-3, 1.0, 1e3, 0.0, -1.0}) {
            std::vector<double> p;
            nn::softmax_temperature(logits, t, p);
            CHECK(all_finite(p));
            CHECK(sum(p) == doctest::Approx(1.0).epsilon(1e-12));
            CHECK(std::isfinite(nn::entropy_bits(p)));
        }
    }
}

TEST_CASE("sampling: a temperature near 0 gives all mass to the largest logit") {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, 1e-3, p);
    CHECK(p[0] == doctest::Approx(1.0).epsilon(1e-12));
    for (std::size_t i = 1; i < p.size(); ++i) CHECK(p[i] < 1e-12);
    nn::softmax_temperature(kWeather, 0.0, p);  // treated as 1e-3
    CHECK(p[0] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(nn::entropy_bits(p) < 1e-9);
}

TEST_CASE("sampling: a large temperature approaches the uniform distribution") {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, 1e6, p);
    for (const double v : p) CHECK(v == doctest::Approx(0.2).epsilon(1e-5));
    CHECK(nn::entropy_bits(p) == doctest::Approx(std::log2(5.0)).epsilon(1e-9));
}

TEST_CASE("sampling: the histogram of 100,000 draws matches p within 0.01") {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, 1.0, p);
    nn::SampleRng rng(42);
    std::vector<int> counts(p.size(), 0);
    const int draws = 100000;
    for (int i = 0; i < draws; ++i) {
        const int k = nn::draw_token(p, rng);
        REQUIRE(k >= 0);
        REQUIRE(k < int(p.size()));
        ++counts[std::size_t(k)];
    }
    for (std::size_t i = 0; i < p.size(); ++i) CHECK(std::abs(double(counts[i]) / draws - p[i]) < 0.01);
}

TEST_CASE("sampling: top-k keeps exactly the k largest, ties to the lower index") {
    const std::vector<double> p = {0.1, 0.3, 0.05, 0.3, 0.25};
    CHECK(filter(p, 1, 1.0) == std::vector<char>{0, 1, 0, 0, 0});
    CHECK(filter(p, 2, 1.0) == std::vector<char>{0, 1, 0, 1, 0});
    CHECK(filter(p, 3, 1.0) == std::vector<char>{0, 1, 0, 1, 1});
    CHECK(filter(p, 0, 1.0) == std::vector<char>{1, 1, 1, 1, 1});
    CHECK(filter(p, 99, 1.0) == std::vector<char>{1, 1, 1, 1, 1});
}

TEST_CASE("sampling: top-p keeps the smallest prefix reaching p, at the boundary and just above it") {
    // Exact in binary: 0.5 + 0.25 is 0.75 to the bit.
    const std::vector<double> p = {0.125, 0.5, 0.125, 0.25};
    CHECK(filter(p, 0, 0.75) == std::vector<char>{0, 1, 0, 1});
    CHECK(filter(p, 0, 0.7500001) == std::vector<char>{1, 1, 0, 1});  // the tie goes to the lower index
    CHECK(filter(p, 0, 0.5) == std::vector<char>{0, 1, 0, 0});
    CHECK(filter(p, 0, 0.0) == std::vector<char>{0, 1, 0, 0});  // always at least one
    // Not exact in binary: 0.5 + 0.3 falls just below the double nearest 0.8, and still reaches 0.8.
    const std::vector<double> q = {0.3, 0.2, 0.5};
    CHECK(filter(q, 0, 0.8) == std::vector<char>{1, 0, 1});
    CHECK(filter(q, 0, 0.80001) == std::vector<char>{1, 1, 1});
    // Both: what both keep.
    CHECK(filter(p, 1, 0.75) == std::vector<char>{0, 1, 0, 0});
    CHECK(filter(p, 3, 0.75) == std::vector<char>{0, 1, 0, 1});
}

TEST_CASE("sampling: the distribution renormalises what the filters keep") {
    nn::SamplingSettings s;
    s.top_k = 2;
    std::vector<double> p;
    nn::sampling_distribution(kWeather, s, p);
    CHECK(p[0] == doctest::Approx(0.3551 / (0.3551 + 0.2908)).epsilon(1e-3));
    CHECK(p[0] + p[1] == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(p[2] == 0.0);
    nn::SampleRng rng(7);
    for (int i = 0; i < 1000; ++i) CHECK(nn::draw_token(p, rng) < 2);
}

TEST_CASE("sampling: the same seed gives the same draws") {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, 1.0, p);
    nn::SampleRng a(123), b(123), c(124);
    std::vector<int> da, db, dc;
    for (int i = 0; i < 200; ++i) {
        da.push_back(nn::draw_token(p, a));
        db.push_back(nn::draw_token(p, b));
        dc.push_back(nn::draw_token(p, c));
    }
    CHECK(da == db);
    CHECK(da != dc);
    nn::SampleRng u(5);
    for (int i = 0; i < 10000; ++i) {
        const double x = u.uniform();
        REQUIRE(x >= 0.0);
        REQUIRE(x < 1.0);
    }
}

TEST_CASE("sampling: a sum left below 1 by rounding still draws a token of nonzero probability") {
    const std::vector<double> p = {0.3, 0.0, 0.3, 0.0};  // u above 0.6 falls past the end
    nn::SampleRng rng(1);
    for (int i = 0; i < 1000; ++i) {
        const int k = nn::draw_token(p, rng);
        CHECK((k == 0 || k == 2));
    }
}

TEST_CASE("sampling: surprise and entropy in bits") {
    CHECK(nn::surprise_bits(0.5) == 1.0);
    CHECK(nn::surprise_bits(0.25) == 2.0);
    CHECK(nn::surprise_bits(1.0) == 0.0);
    CHECK(std::isinf(nn::surprise_bits(0.0)));
    CHECK(nn::entropy_bits(std::vector<double>{0.5, 0.5, 0.0}) == 1.0);
}

TEST_CASE("sampling: counted draws are the draws of draw_token, and the same seed counts the same") {
    std::vector<double> p;
    nn::softmax_temperature(kWeather, 0.5, p);
    nn::SampleRng one_by_one(9), counted(9), again(9), other(10);
    std::vector<long long> expected(p.size(), 0);
    std::vector<int> expected_tokens;
    for (int i = 0; i < 1000; ++i) {
        const int k = nn::draw_token(p, one_by_one);
        ++expected[std::size_t(k)];
        expected_tokens.push_back(k);
    }
    nn::DrawCounts c, d, e;
    std::vector<int> drawn;
    // In pieces (1 + 99 + 900), as the panel's buttons draw them.
    nn::draw_tokens(p, 1, counted, c, &drawn);
    nn::draw_tokens(p, 99, counted, c, &drawn);
    nn::draw_tokens(p, 900, counted, c, &drawn);
    CHECK(c.counts == expected);
    CHECK(drawn == expected_tokens);
    CHECK(c.total == 1000);
    nn::draw_tokens(p, 1000, again, d);
    CHECK(d.counts == c.counts);
    CHECK(d.surprise_bits == c.surprise_bits);
    nn::draw_tokens(p, 1000, other, e);
    CHECK(e.counts != c.counts);
    // The surprise summed is that of the tokens drawn.
    double surprise = 0;
    for (const int k : drawn) surprise += nn::surprise_bits(p[std::size_t(k)]);
    CHECK(c.surprise_bits == doctest::Approx(surprise).epsilon(1e-12));
}

TEST_CASE("sampling: 100,000 counted draws give frequencies within 0.01 and a mean surprise near the entropy") {
    for (const double t : {0.5, 1.0, 2.0}) {
        CAPTURE(t);
        std::vector<double> p;
        nn::softmax_temperature(kWeather, t, p);
        nn::SampleRng rng(1);
        nn::DrawCounts c;
        nn::draw_tokens(p, 100000, rng, c);
        REQUIRE(c.counts.size() == p.size());
        long long sum = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            CHECK(std::abs(c.frequency(i) - p[i]) < 0.01);
            sum += c.counts[i];
        }
        CHECK(sum == 100000);
        CHECK(std::abs(c.mean_surprise_bits() - nn::entropy_bits(p)) < 0.02);
    }
}

TEST_CASE("sampling: counted draws never count a token top-k cut, and nothing drawn reads as 0") {
    nn::DrawCounts none;
    CHECK(none.frequency(0) == 0.0);
    CHECK(none.mean_surprise_bits() == 0.0);
    nn::SamplingSettings s;
    s.top_k = 2;
    std::vector<double> p;
    nn::sampling_distribution(kWeather, s, p);
    nn::SampleRng rng(3);
    nn::DrawCounts c;
    nn::draw_tokens(p, 0, rng, c);
    CHECK(c.counts == std::vector<long long>(5, 0));
    CHECK(c.total == 0);
    nn::draw_tokens(p, 5000, rng, c);
    CHECK(c.counts[2] + c.counts[3] + c.counts[4] == 0);
    CHECK(c.counts[0] + c.counts[1] == 5000);
    CHECK(c.frequency(99) == 0.0);
}
