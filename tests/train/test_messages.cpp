#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "train/messages.h"
#include "train/stuck_watch.h"

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
const std::string nbsp = "\xC2\xA0";
}  // namespace

TEST_CASE("divergence message: quotes the loss as the scoreboard writes it and the rate as the slider does") {
    train::DivergenceFacts f;
    f.step = 312;
    f.loss = 9909717434368.f;
    f.start_loss = 0.6931f;
    f.diverged_at_rate = f.learning_rate = 100.f;
    const std::string m = train::divergence_message(f);
    CHECK(contains(m, "9.9e+12"));
    CHECK(contains(m, "0.6931"));
    CHECK(contains(m, "step" + nbsp + "312"));
    CHECK(contains(m, "learning rate" + nbsp + "100 is too large"));
    CHECK_FALSE(contains(m, "9909717434368"));
}

TEST_CASE("divergence message: a rate moved after the divergence is stated as it is now") {
    train::DivergenceFacts f;
    f.step = 40;
    f.loss = 7.6252f;
    f.start_loss = 0.7f;
    f.diverged_at_rate = 38.1f;
    f.learning_rate = 100.f;
    std::string m = train::divergence_message(f);
    CHECK(contains(m, "38.1"));
    CHECK(contains(m, "now 100, larger still"));
    f.learning_rate = 0.5f;
    m = train::divergence_message(f);
    CHECK(contains(m, "now 0.5: press Reset"));
    f.loss = std::nanf("");
    CHECK(contains(train::divergence_message(f), "NaN (not a number)"));
}

TEST_CASE("stuck message: worse than guessing points at the learning rate: otherwise the gradients choose the hint") {
    std::string m = train::stuck_message({1000, 16.51f, 0.6931f, 0.5f, {}});
    CHECK(contains(m, "1000" + nbsp + "steps"));
    CHECK(contains(m, "16.51"));
    CHECK(contains(m, "50.0%"));
    CHECK(contains(m, "lower the learning rate and press Reset"));
    m = train::stuck_message({1000, 0.6931f, 0.6931f, 0.5f, {1e-15f, 1e-9f, 1e-3f}});
    CHECK(contains(m, "ReLU or shortcuts"));
    m = train::stuck_message({1000, 0.6931f, 0.6931f, 0.5f, {0.f, 0.f, 0.f}});
    CHECK(contains(m, "dead"));
    m = train::stuck_message({1000, 0.6931f, 0.6931f, 0.5f, {1e-9f, 5e-9f, 5e-8f}});  // lesson 4-1 at step 1100
    CHECK(contains(m, "same answer"));
    CHECK(contains(m, "ReLU or shortcuts"));
    m = train::stuck_message({1000, 0.5f, 0.6931f, 0.5f, {1e-3f, 1e-3f, 1e-3f}});
    CHECK(contains(m, "New" + nbsp + "seed"));
}

TEST_CASE("stuck watch: a flat loss at chance is stuck after the window, not before") {
    train::StuckWatch w;  // window 1000, blocks of 25
    w.restart(0.5f);
    for (int i = 0; i < 1000; ++i) w.observe(5.f, 0.5f);
    CHECK_FALSE(w.stuck());
    CHECK(w.steps_without_improvement() == 0);
    // The first block leaves the window: a thousand steps that did no better than it.
    for (int i = 0; i < 25; ++i) w.observe(5.f, 0.5f);
    CHECK(w.stuck());
    CHECK(w.steps_without_improvement() == 1000);
    for (int i = 0; i < 10; ++i) w.observe(5.f, 0.5f);
    CHECK(w.steps_without_improvement() == 1010);
}

TEST_CASE("stuck watch: a loss drifting down 3% in a thousand steps at chance is stuck") {
    train::StuckWatch w;
    w.restart(0.5f);
    float loss = 19.9f;
    for (int i = 0; i < 1500; ++i) {
        w.observe(loss, 0.5f);
        loss *= 0.99997f;
    }
    CHECK(w.stuck());
}

TEST_CASE("stuck watch: a falling loss or an accuracy above chance is never stuck") {
    train::StuckWatch falling;
    falling.restart(0.5f);
    float loss = 1.f;
    for (int i = 0; i < 5000; ++i) {
        falling.observe(loss, 0.5f);
        loss *= 0.999f;  // 2.5% a block: slow, but learning
        CHECK_FALSE(falling.stuck());
    }
    train::StuckWatch learned;
    learned.restart(0.5f);
    for (int i = 0; i < 5000; ++i) learned.observe(0.01f, 1.f);  // flat because it is done
    CHECK_FALSE(learned.stuck());
}

TEST_CASE("stuck watch: restart forgets the stretch, and an improvement ends it") {
    train::StuckWatch w;
    w.restart(0.5f);
    for (int i = 0; i < 2000; ++i) w.observe(5.f, 0.5f);
    REQUIRE(w.stuck());
    for (int i = 0; i < 25; ++i) w.observe(1.f, 0.5f);
    CHECK_FALSE(w.stuck());
    for (int i = 0; i < 2000; ++i) w.observe(1.f, 0.5f);
    REQUIRE(w.stuck());
    w.restart(0.5f);
    CHECK_FALSE(w.stuck());
}
