// The trainer's messages against what the same snapshot shows: the slider's learning rate, the
// scoreboard's loss. (The stuck networks lesson 4 names are in tests/claims.)
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "train/format.h"
#include "train/trainer.h"

using namespace std::chrono_literals;
using train::MessageKind;
using train::RunState;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

train::Config diverging_xor() {
    train::Config c;
    c.plane()->model = train::ModelKind::Mlp;
    c.plane()->dataset = data::Toy2D::Xor;
    c.hidden = {4};
    c.activation = nn::Activation::ReLU;
    c.learning_rate = 5000.f;
    c.steps_per_second = 0;
    return c;
}

}  // namespace

TEST_CASE("trainer: the divergence message states the learning rate in the config, and the scoreboard's loss") {
    train::Trainer t(diverging_xor());
    t.send(train::Play{});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Diverged; }, 5s);
    REQUIRE(s->state == RunState::Diverged);
    CHECK(s->message_kind == MessageKind::Error);
    CHECK(contains(s->message, train::format_learning_rate(s->config.learning_rate)));  // "5000"
    CHECK(contains(s->message, train::format_loss(s->train_loss)));                      // as the scoreboard writes it

    // The slider moves after the divergence (a drag that tripped it half way): the message follows.
    t.send(train::SetLearningRate{100.f});
    s = t.wait_for([](const train::Snapshot& s) { return s.config.learning_rate == 100.f; }, 5s);
    REQUIRE(s->config.learning_rate == 100.f);
    CHECK(s->state == RunState::Diverged);
    CHECK(contains(s->message, "now 100:"));
    CHECK(contains(s->message, "5000"));  // and what the step that diverged used

    t.send(train::SetLearningRate{0.5f});
    s = t.wait_for([](const train::Snapshot& s) { return s.config.learning_rate == 0.5f; }, 5s);
    CHECK(contains(s->message, "now 0.5: press Reset"));
}

TEST_CASE("trainer: a rate dragged up while training diverges at the rate it applied, and the message ends at the slider's") {
    auto cfg = diverging_xor();
    cfg.learning_rate = 0.1f;
    train::Trainer t(cfg);
    t.send(train::Play{});
    t.wait_for([](const train::Snapshot& s) { return s.step > 50; }, 5s);
    // A drag: one command a frame, the trainer training between them.
    for (float lr : {1.f, 10.f, 38.1f, 1000.f, 5000.f, 20000.f, 100.f}) {
        t.send(train::SetLearningRate{lr});
        std::this_thread::sleep_for(20ms);
    }
    auto s = t.wait_for([](const train::Snapshot& s) { return s.config.learning_rate == 100.f; }, 5s);
    REQUIRE(s->config.learning_rate == 100.f);
    if (s->state == RunState::Running) {  // a slow machine may not have tripped yet: give it the time
        s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Diverged; }, 10s);
    }
    REQUIRE(s->state == RunState::Diverged);
    CHECK(contains(s->message, "100"));
    CHECK(s->config.learning_rate == 100.f);
}
