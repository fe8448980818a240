// Every claim the prose of lesson 8 (a tiny transformer learns) makes about training, checked on
// that step's preset as the lesson file has it, with the seeds and steps the text names.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "lesson/lesson.h"
#include "lesson_file.h"
#include "nn/sampling.h"
#include "nn/transformer/generate.h"
#include "train/snapshot.h"
#include "train/transformer/transformer_run.h"

namespace {

const lesson::Lesson& transformer_lesson() { return lesson_test::lesson_file("08-transformer.md"); }

const lesson::Preset& preset_of(int step) { return lesson_test::step_preset(transformer_lesson(), step); }

// A step's run as the lesson has it, with another seed when a claim names several.
std::unique_ptr<train::TransformerRun> run_of(int step, std::uint64_t seed) {
    train::Config c = preset_of(step).config;
    REQUIRE(c.transformer());
    c.seed = seed;
    if (c.transformer()->task == data::TextTask::Text)
        c.transformer()->text_file = NNSCOPE_SOURCE_DIR "/" + c.transformer()->text_file;
    auto run = std::make_unique<train::TransformerRun>(c);
    REQUIRE(run->cannot_train().empty());
    for (int i = 0; i < preset_of(step).warmup_steps; ++i) run->step();
    return run;
}

void train_to(train::TransformerRun& run, std::uint64_t steps) {
    while (run.steps() < steps) run.step();
    REQUIRE(run.divergence().empty());
    run.evaluate_now();
}

train::HeadScores scores(const train::TransformerRun& run) {
    return train::score_heads(run.trace_example(), *run.data());
}

int heads_above(const std::vector<float>& scores, float threshold) {
    return int(std::count_if(scores.begin(), scores.end(), [&](float s) { return s > threshold; }));
}

std::vector<double> next_word(const train::TransformerRun& run, const char* prompt) {
    const auto ids = run.data()->tokens().encode(prompt);
    REQUIRE(ids.has_value());
    std::vector<double> p;
    nn::softmax_temperature(nn::next_token_logits(run.model(), *ids), 1.0, p);
    return p;
}

double probability(const train::TransformerRun& run, const std::vector<double>& p, const char* word) {
    const auto id = run.data()->tokens().find(word);
    REQUIRE_MESSAGE(id.has_value(), word);
    return p[std::size_t(*id)];
}

}  // namespace

TEST_CASE("lesson 8 step 1: before training every head spreads its weight evenly, about 1 / (t + 1)") {
    const auto run = run_of(1, preset_of(1).config.seed);
    CHECK(run->steps() == 0);
    const nn::AttentionTrace trace = run->trace_example();
    REQUIRE(trace.length == 17);  // 8 letters, "=", 8 letters
    CHECK(run->data()->tokens().decode(std::span(trace.tokens).subspan(8, 1)) == "=");
    double worst = 0;
    for (const nn::Matrix& w : trace.weights)
        for (int t = 0; t < trace.length; ++t)
            for (int k = 0; k < trace.length; ++k)
                worst = std::max(worst, std::abs(double(w(t, k)) - (k <= t ? 1.0 / (t + 1) : 0.0)));
    CHECK(worst < 0.05);
}

TEST_CASE("lesson 8 step 2: copy, for seeds 1 to 5 - within 250 steps every head puts over 80% on the letter it copies, all held-out answers right") {
    CHECK(preset_of(2).config.steps_per_second == 30);  // 250 steps: about 8 seconds
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(2, seed);
        train_to(*run, 250);
        const train::HeadScores s = scores(*run);
        REQUIRE(s.task.size() == 4);
        CHECK(heads_above(s.task, 0.8f) == 4);
        CHECK(run->test_accuracy() == 1.f);
    }
}

TEST_CASE("lesson 8 step 3: reverse, for seeds 1 to 5 - within 150 steps every head puts over 85% on the mirrored letter") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(3, seed);
        train_to(*run, 150);
        const train::HeadScores s = scores(*run);
        REQUIRE(s.task.size() == 4);
        CHECK(heads_above(s.task, 0.85f) == 4);
        CHECK(run->test_accuracy() == 1.f);
    }
}

TEST_CASE("lesson 8 step 4: addition, seeds 1 to 3 - after 3,000 steps two heads put over 80% of the answer's weight on the numbers, over 80% of digits right") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(4, seed);
        train_to(*run, 3000);
        const train::HeadScores s = scores(*run);
        REQUIRE(s.task.size() == 4);
        CHECK(heads_above(s.task, 0.8f) >= 2);
        CHECK(run->test_accuracy() > 0.8f);
    }
}

TEST_CASE("lesson 8 step 5: induction, seeds 1 to 3 - between steps 2,000 and 6,000 the repeat loss drops suddenly from above 2 to below 1, as a layer-2 head's induction score passes 0.4") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(5, seed);
        REQUIRE(run->model().shape().layers == 2);
        // Loss and best induction score every 500 steps from 1,000 to 6,000.
        std::vector<float> loss, score;
        for (std::uint64_t step = 1000; step <= 6000; step += 500) {
            train_to(*run, step);
            loss.push_back(run->repeat_loss());
            const nn::AttentionTrace trace = run->trace_example();
            score.push_back(train::best_induction_score(trace, train::score_heads(trace, *run->data()).induction));
        }
        const auto at = [](std::uint64_t step) { return std::size_t((step - 1000) / 500); };
        CHECK(loss[at(2000)] > 2.f);
        CHECK(score[at(2000)] < 0.4f);
        CHECK(loss[at(6000)] < 1.f);
        CHECK(score[at(6000)] > 0.4f);
        // Suddenly: its steepest 1,000 steps after step 2,000 fall more than twice as far as the
        // 1,000 steps before it did.
        std::size_t steepest = at(2000);
        for (std::size_t i = at(2000); i + 2 < loss.size(); ++i)
            if (loss[i] - loss[i + 2] > loss[steepest] - loss[steepest + 2]) steepest = i;
        CAPTURE(1000 + 500 * steepest);
        CHECK(loss[steepest] - loss[steepest + 2] > 2.f * (loss[at(1000)] - loss[at(2000)]));
        // At the same moment: the score first passes 0.4 inside that stretch or at the check after it.
        const std::size_t first_past = std::size_t(std::find_if(score.begin(), score.end(), [](float s) { return s > 0.4f; }) - score.begin());
        CHECK(first_past > steepest);
        CHECK(first_past <= steepest + 3);
    }
}

TEST_CASE("lesson 8 step 6: after 3,000 steps, 'the river bank' is followed by 'was' first and no money word gets 1 percent, and 'the savings bank' gives them a large share") {
    REQUIRE(preset_of(6).warmup_steps == 3000);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(6, seed);
        const std::vector<double> river = next_word(*run, "the river bank");
        CHECK(std::max_element(river.begin(), river.end()) - river.begin() == *run->data()->tokens().find("was"));
        double money_after_savings = 0;
        const std::vector<double> savings = next_word(*run, "the savings bank");
        for (const char* w : {"raised", "lowered", "approved", "opened"}) {
            CHECK(probability(*run, river, w) < 0.01);
            money_after_savings += probability(*run, savings, w);
        }
        CHECK(money_after_savings > 0.25);
    }
}

TEST_CASE("lesson 8 step 6: in the token vectors dog's two nearest are cat and horse, savings' are city and central, raised's is lowered") {
    const auto run = run_of(6, preset_of(6).config.seed);
    const auto embedding = run->model().token_embedding();
    const data::TokenSet& tokens = run->data()->tokens();
    const auto nearest = [&](const char* word, int count) {
        const int a = *tokens.find(word);
        std::vector<int> others;
        std::vector<double> cosine(std::size_t(embedding.rows()));
        for (int b = 0; b < embedding.rows(); ++b) {
            cosine[std::size_t(b)] = double(embedding.row(a).dot(embedding.row(b))) /
                                     double(embedding.row(a).norm() * embedding.row(b).norm());
            if (b != a) others.push_back(b);
        }
        std::sort(others.begin(), others.end(), [&](int x, int y) { return cosine[std::size_t(x)] > cosine[std::size_t(y)]; });
        std::vector<std::string> words;
        for (int i = 0; i < count; ++i) words.push_back(tokens.label(others[std::size_t(i)]));
        std::sort(words.begin(), words.end());
        return words;
    };
    CHECK(nearest("dog", 2) == std::vector<std::string>{"cat", "horse"});
    CHECK(nearest("savings", 2) == std::vector<std::string>{"central", "city"});
    CHECK(nearest("raised", 1) == std::vector<std::string>{"lowered"});
}

TEST_CASE("lesson 8 step 7: by step 500 over 3 in 4 next words of held-out sentences are right, for seeds 1 to 3") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        CAPTURE(seed);
        const auto run = run_of(7, seed);
        train_to(*run, 500);
        CHECK(run->test_accuracy() > 0.75f);
    }
}

TEST_CASE("lesson 8 step 8: the README has over 30,000 characters, and by step 1,500 the test loss is more than 0.3 above the training loss") {
    {
        std::ifstream in(NNSCOPE_SOURCE_DIR "/README.md", std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto characters = std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        CHECK(characters > 30000);
    }
    const auto run = run_of(8, preset_of(8).config.seed);
    train_to(*run, 1500);
    train::Snapshot snap;
    run->fill_snapshot(snap);
    INFO("training ", snap.train_loss, " test ", snap.test_loss);
    CHECK(snap.test_loss - snap.train_loss > 0.3f);
}
