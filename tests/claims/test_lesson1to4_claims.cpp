// Every claim the prose of lessons 1-4 makes about what training does, checked by training that
// step's preset as the lesson file has it, with the seeds, rates and step counts the text names.
// Editing a preset or the engine in a way that breaks a sentence of a lesson fails here; when a
// test fails, fix the sentence or the preset, not the test's numbers alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "lesson/lesson.h"
#include "nn/neuron.h"
#include "train/plane/plane_run.h"

using train::Config;
using train::PlaneRun;

namespace {

const std::vector<lesson::LibraryEntry>& library() {
    static const std::vector<lesson::LibraryEntry> lessons = lesson::load_lesson_folder(NNSCOPE_SOURCE_DIR "/lessons");
    return lessons;
}

// Step `step` (1-based) of lesson `number` (1-based, in file-name order), which must have a preset.
const lesson::Step& lesson_step(int number, int step) {
    const auto& lessons = library();
    REQUIRE(int(lessons.size()) >= number);
    const lesson::LoadResult& r = lessons[std::size_t(number) - 1].result;
    if (r.error) FAIL(r.error->to_string());
    REQUIRE(r.lesson.has_value());
    REQUIRE(int(r.lesson->steps.size()) >= step);
    const lesson::Step& s = r.lesson->steps[std::size_t(step) - 1];
    REQUIRE(s.has_preset);
    return s;
}

Config preset(int number, int step) { return lesson_step(number, step).preset.config; }

Config with_seed(Config c, std::uint64_t seed) {
    c.seed = seed;
    return c;
}

void train_steps(PlaneRun& s, int n) {
    for (int i = 0; i < n; ++i) s.step();
}

// Steps until every training point is right (what the accuracy readout shows as 100%), or -1.
int steps_to_solve(const Config& c, int max_steps) {
    PlaneRun s(c);
    for (int i = 1; i <= max_steps; ++i) {
        s.step();
        if (s.evaluate_accuracy() == 1.f) return i;
    }
    return -1;
}

// log10(output layer's gradient / layer 1's): how many powers of ten the bars fall.
double decades_from_output_to_layer_1(const PlaneRun& s) {
    const std::vector<float>& g = s.grad_norms();
    REQUIRE(g.size() >= 2);
    return std::log10(double(g.back()) / std::max(double(g.front()), 1e-45));
}

double max_over_min_decades(const PlaneRun& s) {
    const std::vector<float>& g = s.grad_norms();
    const auto [lo, hi] = std::minmax_element(g.begin(), g.end());
    return std::log10(double(*hi) / std::max(double(*lo), 1e-45));
}

}  // namespace

// ---- Lesson 1: the perceptron ----------------------------------------------------------------

TEST_CASE("lesson 1 step 1: the email scores 1.2 (spam), and 0.4 once it is from a known contact") {
    const lesson::Preset& p = lesson_step(1, 1).preset;
    REQUIRE(p.has_spam);
    std::vector<float> x = p.spam.inputs;
    const double score = nn::weighted_sum(std::span<const float>(x), std::span<const float>(p.spam.weights));
    CHECK(score == doctest::Approx(1.2));
    CHECK(nn::fires(score, p.spam.threshold));
    x[1] = 1;
    const double known = nn::weighted_sum(std::span<const float>(x), std::span<const float>(p.spam.weights));
    CHECK(known == doctest::Approx(0.4));
    CHECK_FALSE(nn::fires(known, p.spam.threshold));
}

TEST_CASE("lesson 1 step 3: stepping from seed 3, a whole pass without a mistake comes within ten passes") {
    PlaneRun s(preset(1, 3));
    REQUIRE(s.config().seed == 3);
    for (int i = 0; i < 40 && !s.converged(); ++i) s.step();
    CHECK(s.converged());
}

TEST_CASE("lesson 1 step 4: from every seed (1-20) the perceptron converges on AND with the corner (1, 1) alone") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        PlaneRun s(with_seed(preset(1, 4), seed));
        for (int i = 0; i < 400 && !s.converged(); ++i) s.step();
        CHECK(s.converged());
        CHECK(s.evaluate_accuracy() == 1.f);
    }
}

TEST_CASE("lesson 1 step 5: on OR at learning rate 1, every seed (1-20) still settles") {
    Config c = preset(1, 5);
    c.learning_rate = 1.f;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        PlaneRun s(with_seed(c, seed));
        for (int i = 0; i < 400 && !s.converged(); ++i) s.step();
        CHECK(s.converged());
        CHECK(s.evaluate_accuracy() == 1.f);
    }
}

// ---- Lesson 2: XOR --------------------------------------------------------------------------

TEST_CASE("lesson 2 step 1: the perceptron never passes 75% on XOR, and after 40 steps flips between 25% and 50%") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        PlaneRun s(with_seed(preset(2, 1), seed));
        for (int i = 1; i <= 2000; ++i) {
            s.step();
            REQUIRE(s.accuracy() <= 0.75f);
            if (i > 40) REQUIRE((s.accuracy() == 0.25f || s.accuracy() == 0.5f));
        }
    }
}

TEST_CASE("lesson 2 step 1: no learning rate from 0.01 to 10 gets all four XOR points right") {
    for (float rate : {0.01f, 0.1f, 1.f, 10.f})
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            CAPTURE(rate);
            CAPTURE(seed);
            Config c = with_seed(preset(2, 1), seed);
            c.learning_rate = rate;
            PlaneRun s(c);
            for (int i = 0; i < 1000; ++i) {
                s.step();
                REQUIRE(s.accuracy() < 1.f);
            }
        }
}

TEST_CASE("lesson 2 step 2: in its 400 warm-up steps the perceptron touches 75% only in the first few, then stays at or below 50%") {
    const lesson::Preset& p = lesson_step(2, 2).preset;
    REQUIRE(p.warmup_steps == 400);
    PlaneRun s(p.config);
    float best_early = 0;
    for (int i = 1; i <= p.warmup_steps; ++i) {
        s.step();
        if (i <= 40) best_early = std::max(best_early, s.accuracy());
        else REQUIRE(s.accuracy() <= 0.5f);
    }
    CHECK(best_early == 0.75f);
}

TEST_CASE("lesson 2 step 3: seed 9 solves XOR, seed 10 gets stuck with two points wrong, seed 11 solves it again") {
    const Config c = preset(2, 3);
    REQUIRE(c.seed == 9);
    const int nine = steps_to_solve(c, 400);
    MESSAGE("seed 9 solved at step " << nine);
    CHECK(nine > 0);

    PlaneRun stuck(with_seed(c, 10));
    float best = 0;
    for (int i = 1; i <= 3000; ++i) {
        stuck.step();
        best = std::max(best, stuck.evaluate_accuracy());
        if (i == 300) CHECK(stuck.evaluate_accuracy() == 0.75f);  // three right for a few hundred steps
    }
    CHECK(best == 0.75f);                        // never four
    CHECK(stuck.evaluate_accuracy() == 0.5f);    // two wrong in the end

    const int eleven = steps_to_solve(with_seed(c, 11), 400);
    MESSAGE("seed 11 solved at step " << eleven);
    CHECK(eleven > 0);
}

TEST_CASE("lesson 2 step 4: every one of seeds 1-10 solves XOR within 400 steps") {
    int slowest = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        const int solved = steps_to_solve(with_seed(preset(2, 4), seed), 400);
        CHECK(solved > 0);
        slowest = std::max(slowest, solved);
    }
    MESSAGE("slowest seed solved at step " << slowest);
}

TEST_CASE("lesson 2 step 5: tanh solves XOR at least four times faster than the sigmoid from each of seeds 1-10") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        Config c = with_seed(preset(2, 5), seed);
        REQUIRE(c.activation == nn::Activation::Tanh);
        const int tanh_steps = steps_to_solve(c, 2000);
        c.activation = nn::Activation::Sigmoid;
        const int sigmoid_steps = steps_to_solve(c, 8000);
        CAPTURE(tanh_steps);
        CAPTURE(sigmoid_steps);
        REQUIRE(tanh_steps > 0);
        REQUIRE(sigmoid_steps > 0);
        CHECK(sigmoid_steps >= 4 * tanh_steps);
    }
}

TEST_CASE("lesson 2 step 5: after Reset, rate 0.1 crawls, 2 converges quickly and 10 makes the loss jump") {
    Config c = preset(2, 5);
    c.learning_rate = 0.1f;
    PlaneRun crawl(c);
    train_steps(crawl, 300);
    CHECK(crawl.loss() > 0.3f);

    c.learning_rate = 2.f;
    PlaneRun quick(c);
    train_steps(quick, 200);
    CHECK(quick.loss() < 0.05f);

    c.learning_rate = 10.f;
    PlaneRun jumpy(c);
    train_steps(jumpy, 50);
    int jumps = 0;
    float previous = jumpy.loss(), lowest = previous;
    for (int i = 0; i < 550; ++i) {
        jumpy.step();
        jumps += jumpy.loss() > 1.5f * previous;
        previous = jumpy.loss();
        lowest = std::min(lowest, previous);
    }
    MESSAGE("rate 10: " << jumps << " jumps of the loss by half or more; lowest loss " << lowest);
    CHECK(jumps >= 50);
    CHECK(lowest > 1.f);
    CHECK(jumpy.divergence().empty());
}

TEST_CASE("lesson 2 step 5: once XOR is solved, raising the rate up to 50 without Reset never makes the loss rise") {
    PlaneRun s(preset(2, 5));
    train_steps(s, 300);
    REQUIRE(s.evaluate_accuracy() == 1.f);
    for (float rate : {2.f, 5.f, 10.f, 20.f, 50.f}) {
        CAPTURE(rate);
        s.set_learning_rate(rate);
        const float before = s.loss();
        for (int i = 0; i < 200; ++i) {
            s.step();
            REQUIRE(s.loss() <= before * 1.001f);
        }
    }
    CHECK(s.divergence().empty());
}

// ---- Lesson 3: gradient descent ---------------------------------------------------------------

TEST_CASE("lesson 3 step 2: at rate 0.02 plain gradient descent creeps: raised to 0.3 it reaches the valley floor within 60 steps") {
    PlaneRun s(preset(3, 2));
    REQUIRE(s.config().learning_rate == doctest::Approx(0.02f));
    train_steps(s, 100);
    const float creeping = s.landscape()->loss(0);
    MESSAGE("SGD at 0.02, step 100: loss " << creeping);
    CHECK(creeping > 0.5f);
    s.set_learning_rate(0.3f);
    train_steps(s, 60);
    const float raised = s.landscape()->loss(0);
    MESSAGE("60 steps later at 0.3: loss " << raised);
    CHECK(raised < 0.13f);  // at 0.02 it would still be above 0.3 at step 300
}

TEST_CASE("lesson 3 step 3: the valley is about eight times steeper across than along, its steepest curvature 1.09") {
    // Mean squared error of y = w·x: its curvature (Hessian) is (2/n) XᵀX whatever w is.
    PlaneRun s(preset(3, 3));
    const nn::Matrix& x = s.train_data().x;
    const double n = double(x.rows());
    const double a = 2 * x.col(0).squaredNorm() / n, d = 2 * x.col(1).squaredNorm() / n, b = 2 * x.col(0).dot(x.col(1)) / n;
    const double mean = (a + d) / 2, half_gap = std::sqrt((a - d) * (a - d) / 4 + b * b);
    const double steepest = mean + half_gap, flattest = mean - half_gap;
    MESSAGE("curvatures " << steepest << " and " << flattest << ", ratio " << steepest / flattest);
    CHECK(steepest == doctest::Approx(1.09).epsilon(0.01));
    CHECK(steepest / flattest > 7.0);
    CHECK(steepest / flattest < 9.0);
}

TEST_CASE("lesson 3 step 3: plain gradient descent settles at rate 1.8 and runs away at 1.85 and at the preset's 2.2") {
    Config c = preset(3, 3);
    REQUIRE(c.learning_rate == doctest::Approx(2.2f));
    PlaneRun runaway(c);
    train_steps(runaway, 500);
    CHECK_FALSE(runaway.divergence().empty());

    c.learning_rate = 1.85f;
    PlaneRun just_above(c);
    train_steps(just_above, 500);
    CHECK_FALSE(just_above.divergence().empty());

    for (float rate : {1.5f, 1.8f}) {
        CAPTURE(rate);
        c.learning_rate = rate;
        PlaneRun stable(c);
        train_steps(stable, 500);
        CHECK(stable.divergence().empty());
        CHECK(stable.landscape()->loss(0) < 0.12f);
    }
}

TEST_CASE("lesson 3 step 4: at rate 0.02 momentum is in the valley by step 100 while SGD and Adam are still far up") {
    Config c = preset(3, 4);
    c.learning_rate = 0.02f;
    PlaneRun s(c);
    train_steps(s, 100);
    const train::Landscape& l = *s.landscape();
    MESSAGE("step 100: SGD " << l.loss(0) << ", momentum " << l.loss(1) << ", Adam " << l.loss(2));
    CHECK(l.loss(1) < 0.15f);
    CHECK(l.loss(0) > 0.5f);
    CHECK(l.loss(2) > 0.5f);
}

TEST_CASE("lesson 3 step 5: the spiral network has 205 weights and biases") {
    PlaneRun s(preset(3, 5));
    CHECK(s.mlp().parameter_count() == 205);
}

TEST_CASE("lesson 3 step 6: one example, a mini-batch of 16 and all points each get about 96% of the training points right at step 2,000") {
    for (int batch : {1, 16, 0}) {
        CAPTURE(batch);
        Config c = preset(3, 6);
        c.batch_size = batch;
        PlaneRun s(c);
        train_steps(s, 2000);
        const float accuracy = s.evaluate_accuracy();
        CAPTURE(accuracy);
        CHECK(accuracy >= 0.94f);
        CHECK(accuracy <= 0.98f);
    }
}

// ---- Lesson 4: vanishing gradients --------------------------------------------------------------

TEST_CASE("lesson 4 step 1: after one step the bars fall about 7 powers of ten from the output to layer 1: by step 2,000 about 1") {
    const lesson::Preset& p = lesson_step(4, 1).preset;
    PlaneRun s(p.config);
    train_steps(s, std::max(1, p.warmup_steps));
    REQUIRE(s.steps() == 1);
    const double start = decades_from_output_to_layer_1(s);
    MESSAGE("step 1: " << start << " powers of ten");
    CHECK(start >= 6.5);
    CHECK(start <= 8.0);
    train_steps(s, 1999);
    const double later = decades_from_output_to_layer_1(s);
    MESSAGE("step 2000: " << later << " powers of ten, loss " << s.loss());
    CHECK(later < 2.0);
    CHECK(s.loss() == doctest::Approx(0.693).epsilon(0.005));
}

TEST_CASE("lesson 4 step 2: twenty sigmoid layers: layer 1 gets about 1e-14 of the output's gradient, stays below 1e-13 "
          "and the loss sits at 0.69 from step 100 through a minute of training (6,000 steps)") {
    PlaneRun s(preset(4, 2));
    REQUIRE(s.config().steps_per_second == doctest::Approx(100.0));  // "let it run for a minute"
    for (int i = 1; i <= 6000; ++i) {
        s.step();
        if (i == 1) {
            const double decades = decades_from_output_to_layer_1(s);
            CAPTURE(decades);
            CHECK(decades > 13.0);
            CHECK(decades < 15.0);
        }
        REQUIRE(s.grad_norms().front() < 1e-13f);
        if (i >= 100) REQUIRE(s.loss() == doctest::Approx(0.693).epsilon(0.005));
    }
}

TEST_CASE("lesson 4 step 3: with ReLU the bars stay within two powers of ten and seed 1 learns the circle within 500 steps") {
    PlaneRun s(preset(4, 3));
    REQUIRE(s.config().seed == 1);
    s.step();
    CHECK(max_over_min_decades(s) < 2.0);
    train_steps(s, 499);
    CHECK(max_over_min_decades(s) < 2.0);
    CHECK(s.evaluate_accuracy() >= 0.95f);
}

TEST_CASE("lesson 4 step 3: from seeds 3 and 4 the twenty ReLU layers get partway, then die and the loss goes back to 0.69") {
    for (std::uint64_t seed : {3, 4}) {
        CAPTURE(seed);
        PlaneRun s(with_seed(preset(4, 3), seed));
        float best = 0;
        for (int i = 1; i <= 1500; ++i) {
            s.step();
            if (i % 50 == 0) best = std::max(best, s.evaluate_accuracy());
        }
        CAPTURE(best);
        CHECK(best >= 0.8f);  // it gets partway first
        CHECK(s.loss() == doctest::Approx(0.693).epsilon(0.005));
        CHECK(s.evaluate_accuracy() <= 0.55f);
    }
}

TEST_CASE("lesson 4 step 3: switching a trained ReLU net to sigmoid sinks layer 1's bar: back to ReLU, it recovers") {
    PlaneRun s(preset(4, 3));
    train_steps(s, 500);
    s.set_activation(nn::Activation::Sigmoid);
    s.step();
    CHECK(decades_from_output_to_layer_1(s) > 8.0);
    s.set_activation(nn::Activation::ReLU);
    train_steps(s, 100);
    CHECK(s.evaluate_accuracy() >= 0.95f);
}

TEST_CASE("lesson 4 step 4: with ReLU and shortcuts every seed from 1 to 8 learns the circle within 1,000 steps") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        PlaneRun s(with_seed(preset(4, 4), seed));
        REQUIRE(s.config().plane()->residual);
        train_steps(s, 1000);
        CHECK(s.evaluate_accuracy() == 1.f);
    }
}

TEST_CASE("lesson 4 step 4: sigmoid with shortcuts: layers 2-20 keep at least a hundredth of the output's gradient, "
          "layer 1 about a thousandth, accuracy stays below 70% for 1,000 steps: without shortcuts layer 1 gets less than "
          "1e-15 of it") {
    PlaneRun s(preset(4, 4));
    train_steps(s, 1000);
    s.set_activation(nn::Activation::Sigmoid);
    for (int i = 0; i < 10; ++i) {
        s.step();
        const std::vector<float>& g = s.grad_norms();
        const double first = double(g.front()) / g.back();
        CAPTURE(first);
        CHECK(first > 1e-4);
        CHECK(first < 1e-2);
        for (std::size_t l = 1; l + 1 < g.size(); ++l) {
            CAPTURE(l);
            CHECK(double(g[l]) / g.back() > 1e-2);
        }
    }
    CHECK(s.loss() > 1.f);  // every neuron's output changed at once: the loss jumps
    for (int i = 10; i < 1000; ++i) {
        s.step();
        if (i % 100 == 0) REQUIRE(s.evaluate_accuracy() < 0.7f);
    }
    s.set_residual(false);
    for (int i = 0; i < 100; ++i) {
        s.step();
        const std::vector<float>& g = s.grad_norms();
        REQUIRE(double(g.front()) < 1e-15 * double(g.back()));
    }
}
