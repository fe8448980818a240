// Every claim the prose of lesson 9 (temperature and surprise) makes: the worked example's numbers,
// computed here independently of nn/sampling, and what the live model does, trained with the
// preset's seed and steps as the lesson file has them.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "lesson/lesson.h"
#include "lesson_file.h"
#include "nn/sampling.h"
#include "nn/transformer/generate.h"
#include "train/snapshot.h"
#include "train/transformer/transformer_run.h"
#include "train/transformer/transformer_view.h"

namespace {

const lesson::Lesson& temperature_lesson() { return lesson_test::lesson_file("09-temperature.md"); }

const lesson::Preset& preset_titled(const std::string& title) {
    for (const lesson::Step& s : temperature_lesson().steps)
        if (s.title == title) {
            REQUIRE(s.has_preset);
            return s.preset;
        }
    FAIL("no step titled ", title);
    throw 0;
}

std::unique_ptr<train::TransformerRun> warmed(const lesson::Preset& p, int threads = 1, int steps = -1) {
    auto run = std::make_unique<train::TransformerRun>(p.config, threads);
    REQUIRE(run->cannot_train().empty());
    for (int i = 0; i < (steps < 0 ? p.warmup_steps : steps); ++i) run->step();
    REQUIRE(run->divergence().empty());
    return run;
}

std::vector<double> softmax_at(const std::vector<float>& logits, double t) {
    std::vector<double> p;
    nn::softmax_temperature(logits, t, p);
    return p;
}

}  // namespace

namespace {

// The source's weather example, in the order the panel shows it: sunny, cloudy, rainy, snowy, windy.
const std::vector<float> kWeather = {2.0f, 1.8f, 1.2f, 0.8f, 0.6f};

// Written out again here, in double, so a slip in nn/sampling cannot confirm itself.
std::vector<double> weather_at(double t) {
    std::vector<double> p;
    double sum = 0.0;
    for (float s : kWeather) sum += std::exp(double(s) / t);
    for (float s : kWeather) p.push_back(std::exp(double(s) / t) / sum);
    return p;
}

double bits(const std::vector<double>& p) {
    double h = 0.0;
    for (double q : p)
        if (q > 0.0) h -= q * std::log2(q);
    return h;
}

// The text gives four decimals.
void check_to_4_places(double value, double text) { CHECK(std::abs(value - text) <= 0.00005 + 1e-9); }

}  // namespace

TEST_CASE("lesson 9 steps 1 to 3, the weather example: the probabilities and entropies the text gives at T = 0.05, 0.5, 1, 2 and 10") {
    CHECK(preset_titled("Scores become probabilities").config.transformer()->temperatures == std::vector<float>{1.0f});
    CHECK(preset_titled("Three temperatures side by side").config.transformer()->temperatures == std::vector<float>{0.5f, 1.0f, 2.0f});
    CHECK(preset_titled("The two limits").config.transformer()->temperatures == std::vector<float>{0.05f, 10.0f});

    const struct {
        double t;
        std::vector<double> p;  // as the text gives them; empty where it names only some
        double sunny, windy, h;
    } expected[] = {
        {0.5, {0.4941, 0.3312, 0.0998, 0.0448, 0.0300}, 0.4941, 0.0300, 1.7151},
        {1.0, {0.3551, 0.2908, 0.1596, 0.1070, 0.0876}, 0.3551, 0.0876, 2.1237},
        {2.0, {0.2762, 0.2499, 0.1851, 0.1516, 0.1372}, 0.2762, 0.1372, 2.2688},
        {10.0, {}, 0.2146, 0.1866, 2.3198},
    };
    for (const auto& e : expected) {
        CAPTURE(e.t);
        const std::vector<double> p = weather_at(e.t);
        for (std::size_t i = 0; i < e.p.size(); ++i) check_to_4_places(p[i], e.p[i]);
        check_to_4_places(p[0], e.sunny);
        check_to_4_places(p[4], e.windy);
        check_to_4_places(bits(p), e.h);
        // And the panel's own arithmetic agrees.
        std::vector<double> panel;
        nn::softmax_temperature(kWeather, e.t, panel);
        for (std::size_t i = 0; i < p.size(); ++i) CHECK(panel[i] == doctest::Approx(p[i]).epsilon(1e-6));
    }
    const std::vector<double> cold = weather_at(0.05);
    check_to_4_places(cold[0], 0.9820);
    check_to_4_places(bits(cold), 0.1300);
    check_to_4_places(std::log2(5.0), 2.3219);
}

TEST_CASE("lesson 9 step 4, drawing words: surprise 1.49 and 3.51 bits, top-k 2 shares about 0.55 and 0.45, top-p 0.80 keeps rainy") {
    CHECK(preset_titled("Drawing words").config.transformer()->temperatures == std::vector<float>{1.0f});
    const std::vector<double> p = weather_at(1.0);
    CHECK(std::abs(-std::log2(p[0]) - 1.49) < 0.005);
    CHECK(std::abs(-std::log2(p[4]) - 3.51) < 0.005);
    CHECK(nn::surprise_bits(p[0]) == doctest::Approx(-std::log2(p[0])));

    std::vector<double> top_k;
    nn::sampling_distribution(kWeather, nn::SamplingSettings{1.0, 2, 1.0}, top_k);
    CHECK(std::abs(top_k[0] - 0.55) < 0.005);
    CHECK(std::abs(top_k[1] - 0.45) < 0.005);
    CHECK(top_k[2] == 0.0);
    CHECK(top_k[3] == 0.0);
    CHECK(top_k[4] == 0.0);

    check_to_4_places(p[0] + p[1], 0.6459);
    std::vector<char> keep;
    nn::sampling_filter(p, 0, 0.80, keep);
    CHECK(keep == std::vector<char>{1, 1, 1, 0, 0});

    // "After 1,000, the orange bars sit close to the blue ones": within 0.05, for draw seeds 1 to 10.
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        nn::SampleRng rng(seed);
        nn::DrawCounts counts;
        nn::draw_tokens(p, 1000, rng, counts);
        REQUIRE(counts.total == 1000);
        for (std::size_t i = 0; i < p.size(); ++i) CHECK(std::abs(counts.frequency(i) - p[i]) < 0.05);
    }
}

TEST_CASE("lesson 9, the model you trained: after 3,000 steps 'the river bank' gives 'was' about 0.85 at T = 1 (about 0.7 bits), about 0.97 at T = 0.5 (under 0.25 bits), about half at T = 2 (nearly 3 bits)") {
    const lesson::Preset& p = preset_titled("The model you trained");
    CHECK(p.warmup_steps == 3000);
    CHECK(p.config.transformer()->prompt == "the river bank");
    // The text says the second decimal can differ on another computer; one thread against two sums
    // the gradients in a different order, and the claims must hold for both.
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        const auto run = warmed(p, threads);
        const auto prompt = run->data()->tokens().encode("the river bank");
        REQUIRE(prompt.has_value());
        const std::vector<float> logits = nn::next_token_logits(run->model(), *prompt);
        const std::size_t was = std::size_t(*run->data()->tokens().find("was"));
        const std::vector<double> warm = softmax_at(logits, 1.0), cold = softmax_at(logits, 0.5), hot = softmax_at(logits, 2.0);
        CHECK(std::abs(warm[was] - 0.85) < 0.03);
        CHECK(std::abs(nn::entropy_bits(warm) - 0.7) < 0.1);
        CHECK(std::abs(cold[was] - 0.97) < 0.02);
        CHECK(nn::entropy_bits(cold) < 0.25);
        CHECK(std::abs(hot[was] - 0.5) < 0.07);
        CHECK(nn::entropy_bits(hot) > 2.5);
        CHECK(nn::entropy_bits(hot) < 3.1);
    }
}

TEST_CASE("lesson 9, cold text and hot text: over 1,000 drawn words every neighbouring pair at T = 0.5 is in the training sentences, about 70 percent at T = 3") {
    const lesson::Preset& p = preset_titled("Cold text, hot text");
    const std::vector<float>& temperatures = p.config.transformer()->temperatures;
    REQUIRE(temperatures == std::vector<float>{0.5f, 3.0f});
    const auto run = warmed(p);
    // Every pair of neighbouring tokens in a large sample of the training windows.
    std::set<std::pair<int, int>> seen;
    data::TaskBatch batch;
    for (int i = 0; i < 2000; ++i) {
        run->data()->fill_batch(p.config.seed, std::uint64_t(i), 16, batch);
        for (int b = 0; b < batch.batch; ++b)
            for (int j = 0; j + 1 < batch.length; ++j)
                seen.insert({batch.tokens[std::size_t(b * batch.length + j)], batch.tokens[std::size_t(b * batch.length + j + 1)]});
    }
    const auto prompt = *run->data()->tokens().encode("the");
    const auto share_seen = [&](float t) {
        int in = 0, all = 0;
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {  // 5 x 200 = 1,000 drawn words
            std::vector<int> text = prompt;
            const std::vector<int> drawn = nn::generate(run->model(), prompt, 200, nn::SamplingSettings{t, 0, 1.0}, seed);
            text.insert(text.end(), drawn.begin(), drawn.end());
            for (std::size_t j = 0; j + 1 < text.size(); ++j, ++all) in += int(seen.count({text[j], text[j + 1]}));
        }
        return double(in) / double(all);
    };
    CHECK(share_seen(0.5f) == 1.0);
    const double hot = share_seen(3.0f);
    CHECK(hot > 0.65);
    CHECK(hot < 0.75);
}

TEST_CASE("lesson 9, the loss is a surprise: near log2 69 = 6.11 bits before training (6.19), 0.82 bits after 3,000 steps, the entropy within 0.05 bits of it") {
    const lesson::Preset& p = preset_titled("The loss is a surprise");
    CHECK(p.warmup_steps == 0);
    auto run = warmed(p);
    CHECK(run->data()->tokens().size() == 69);
    CHECK(std::log2(69.0) == doctest::Approx(6.11).epsilon(0.001));
    run->evaluate_now();
    CHECK(std::abs(run->test_loss() / std::log(2.0) - 6.19) < 0.006);
    while (run->steps() < 3000) run->step();
    run->evaluate_now();
    train::Snapshot snap;
    run->fill_snapshot(snap);
    const double surprise = run->test_loss() / std::log(2.0);
    CHECK(std::abs(surprise - 0.82) < 0.006);
    const auto* view = snap.view<train::TransformerView>();
    REQUIRE(view);
    REQUIRE(!view->prediction_entropy.empty());
    CHECK(std::abs(double(view->prediction_entropy.value.back()) - surprise) < 0.05);
}

TEST_CASE("lesson 9, the model you trained, try this: the sentences follow 'did the bank' with raise, lower and approve equally often, and the model gives raise close to half at T = 1, each of the three 0.2 to 0.4 at T = 2, raise over 0.95 at T = 0.1") {
    const lesson::Preset& p = preset_titled("The model you trained");
    {
        const auto run = warmed(p, 1, 0);
        const auto& tokens = run->data()->tokens();
        const std::vector<int> did_the_bank = *tokens.encode("did the bank");
        std::map<int, int> next;
        int all = 0;
        data::TaskBatch batch;
        for (int i = 0; i < 2000; ++i) {
            run->data()->fill_batch(p.config.seed, std::uint64_t(i), 16, batch);
            for (int b = 0; b < batch.batch; ++b) {
                const int* row = &batch.tokens[std::size_t(b * batch.length)];
                for (int j = 0; j + 3 < batch.length; ++j)
                    if (std::equal(did_the_bank.begin(), did_the_bank.end(), row + j)) {
                        ++next[row[j + 3]];
                        ++all;
                    }
            }
        }
        REQUIRE(all > 300);
        CHECK(next.size() == 3);
        for (const char* verb : {"raise", "lower", "approve"}) {
            CAPTURE(verb);
            const double share = double(next[*tokens.find(verb)]) / all;
            CHECK(std::abs(share - 1.0 / 3.0) < 0.05);
        }
    }
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        const auto run = warmed(p, threads);
        const auto prompt = run->data()->tokens().encode("did the bank");
        REQUIRE(prompt.has_value());
        const std::vector<float> logits = nn::next_token_logits(run->model(), *prompt);
        const auto id = [&](const char* word) { return std::size_t(*run->data()->tokens().find(word)); };
        const std::vector<double> warm = softmax_at(logits, 1.0), hot = softmax_at(logits, 2.0), cold = softmax_at(logits, 0.1);
        const std::size_t raise = id("raise");
        CHECK(std::abs(warm[raise] - 0.5) < 0.07);
        for (const std::size_t verb : {raise, id("approve"), id("lower")}) {
            CHECK(hot[verb] > 0.2);
            CHECK(hot[verb] < 0.4);
            CHECK(warm[verb] <= warm[raise]);
        }
        CHECK(cold[raise] > 0.95);
    }
}
