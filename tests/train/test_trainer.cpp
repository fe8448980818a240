#include <doctest/doctest.h>

#include <chrono>

#include "train/plane/plane_view.h"
#include "train/trainer.h"

using namespace std::chrono_literals;
using train::RunState;

namespace {
train::Config xor_config(double sps = 0) {
    train::Config c;
    c.plane()->model = train::ModelKind::Mlp;
    c.plane()->dataset = data::Toy2D::Xor;
    c.hidden = {4};
    c.activation = nn::Activation::Sigmoid;
    c.learning_rate = 1.0f;
    c.steps_per_second = sps;
    return c;
}
}  // namespace

TEST_CASE("trainer: step N trains exactly N steps and pauses") {
    train::Trainer t(xor_config());
    t.send(train::StepN{25});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.step == 25 && s.state == RunState::Paused; }, 5s);
    REQUIRE(s);
    CHECK(s->step == 25);
    CHECK(s->state == RunState::Paused);
    CHECK(s->history.loss.step.back() == 25);
    std::this_thread::sleep_for(50ms);
    CHECK(t.latest()->step == 25);  // nothing runs on its own
}

TEST_CASE("trainer: play runs, pause stops, and snapshots are consistent") {
    train::Trainer t(xor_config());
    t.send(train::Play{});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.step > 1000; }, 5s);
    REQUIRE(s->step > 1000);
    CHECK(s->state == RunState::Running);
    t.send(train::Pause{});
    s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Paused; }, 5s);
    REQUIRE(s->state == RunState::Paused);
    const auto stopped_at = s->step;
    std::this_thread::sleep_for(50ms);
    auto later = t.latest();
    CHECK(later->step == stopped_at);
    CHECK(later->version >= s->version);
    // Each snapshot is one moment: its history ends at its own step, its layers fit its config.
    CHECK(later->history.loss.step.back() <= double(later->step));
    CHECK(later->history.loss.step.back() > double(later->step) - double(later->history.loss.stride));
    CHECK(later->view<train::PlaneView>()->layers.size() == later->config.hidden.size() + 1);
}

TEST_CASE("trainer: learning rate and speed commands reach the session") {
    train::Trainer t(xor_config());
    t.send(train::SetLearningRate{0.25f});
    const auto last = t.send(train::SetSpeed{20});
    // Both commands may land in different publishes; wait for the one that has applied the second.
    auto s = t.wait_for([last](const train::Snapshot& s) { return s.commands_applied >= last; }, 5s);
    REQUIRE(s);
    CHECK(s->config.learning_rate == 0.25f);
    CHECK(s->config.steps_per_second == 20.0);
    // Paced at 20 steps a second, half a second of play gives about 10 steps, not thousands.
    t.send(train::Play{});
    std::this_thread::sleep_for(500ms);
    t.send(train::Pause{});
    s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Paused; }, 5s);
    CHECK(s->step >= 5);
    CHECK(s->step <= 15);
}

TEST_CASE("trainer: switching activation mid-run keeps the weights and the step count") {
    train::Trainer t(xor_config());
    t.send(train::Play{});
    t.wait_for([](const train::Snapshot& s) { return s.step > 200; }, 5s);
    t.send(train::Pause{});
    auto before = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Paused; }, 5s);
    t.send(train::SetActivation{nn::Activation::ReLU});
    auto after = t.wait_for([](const train::Snapshot& s) { return s.config.activation == nn::Activation::ReLU; }, 5s);
    REQUIRE(after->config.activation == nn::Activation::ReLU);
    CHECK(after->step == before->step);
    for (std::size_t l = 0; l < before->view<train::PlaneView>()->layers.size(); ++l) {
        CHECK(after->view<train::PlaneView>()->layers[l].W == before->view<train::PlaneView>()->layers[l].W);
        CHECK(after->view<train::PlaneView>()->layers[l].b == before->view<train::PlaneView>()->layers[l].b);
    }
    t.send(train::Play{});
    auto resumed = t.wait_for([&](const train::Snapshot& s) { return s.step > before->step + 100; }, 5s);
    CHECK(resumed->step > before->step + 100);  // continued, not restarted
}

TEST_CASE("trainer: a diverging run pauses itself, says why, and resets cleanly") {
    train::Trainer t(xor_config());
    auto cfg = xor_config();
    cfg.activation = nn::Activation::ReLU;
    cfg.learning_rate = 5000.f;
    t.send(train::LoadConfig{cfg, 0, true});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Diverged; }, 5s);
    REQUIRE(s->state == RunState::Diverged);
    CHECK(s->message.find("learning rate") != std::string::npos);
    t.send(train::Play{});  // refused until reset
    std::this_thread::sleep_for(50ms);
    CHECK(t.latest()->state == RunState::Diverged);
    t.send(train::SetLearningRate{0.5f});
    t.send(train::Reset{});
    s = t.wait_for([](const train::Snapshot& s) { return s.state == RunState::Paused && s.step == 0; }, 5s);
    CHECK(s->state == RunState::Paused);
    CHECK(s->message.empty());
    CHECK(s->config.learning_rate == 0.5f);
}

TEST_CASE("trainer: load config with warmup shows the trained model in its first snapshot") {
    train::Trainer t(xor_config());
    auto cfg = xor_config();
    cfg.plane()->model = train::ModelKind::Perceptron;
    cfg.plane()->dataset = data::Toy2D::And;
    t.send(train::LoadConfig{cfg, 40, false});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.config.plane()->model == train::ModelKind::Perceptron; }, 5s);
    REQUIRE(s->config.plane()->model == train::ModelKind::Perceptron);
    CHECK(s->step == 40);
    CHECK(s->view<train::PlaneView>()->layers.size() == 1);
    CHECK(s->state == RunState::Paused);
}

TEST_CASE("trainer: shuts down promptly while training flat out") {
    const auto start = std::chrono::steady_clock::now();
    {
        train::Trainer t(xor_config());
        t.send(train::Play{});
        t.wait_for([](const train::Snapshot& s) { return s.step > 100; }, 5s);
    }
    CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("trainer: paging quickly past steps with long warm-ups shows the last step at once") {
    // A presenter's clicker passes steps faster than their warm-ups train: the warm-up of a step
    // already left is cut short, and a preset queued behind a newer one is never built.
    train::Trainer t(xor_config());
    train::Config slow = xor_config();
    slow.learning_rate = 0.5f;
    train::Config last = xor_config();
    last.learning_rate = 0.25f;
    t.send(train::LoadConfig{slow, 10'000'000});  // minutes of steps if trained to the end
    std::this_thread::sleep_for(20ms);             // its warm-up under way
    t.send(train::LoadConfig{slow, 10'000'000});  // passed over: queued behind another
    t.send(train::LoadConfig{last, 10});
    auto s = t.wait_for([](const train::Snapshot& s) { return s.generation == 3; }, 5s);
    REQUIRE(s);
    CHECK(s->config.learning_rate == 0.25f);
    CHECK(s->step == 10);
}
