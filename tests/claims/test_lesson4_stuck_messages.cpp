// Lesson 4's claims about the trainer's "Stuck" message: which of its steps' networks it names,
// and when, on the trainer thread as the app runs them.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "lesson/lesson.h"
#include "train/format.h"
#include "train/trainer.h"

using namespace std::chrono_literals;
using train::MessageKind;
using train::RunState;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A step's preset as the lesson file has it today.
train::Config lesson_preset(int lesson_number, int step_number) {
    const auto library = lesson::load_lesson_folder(NNSCOPE_SOURCE_DIR "/lessons");
    REQUIRE(int(library.size()) >= lesson_number);
    const auto& entry = library[std::size_t(lesson_number - 1)];
    REQUIRE(entry.result.lesson);
    REQUIRE(int(entry.result.lesson->steps.size()) >= step_number);
    train::Config c = entry.result.lesson->steps[std::size_t(step_number - 1)].preset.config;
    c.steps_per_second = 0;
    return c;
}

train::SnapshotPtr step_and_wait(train::Trainer& t, std::uint64_t to_step) {
    return t.wait_for([&](const train::Snapshot& s) { return s.step >= to_step && s.state != RunState::Running; }, 60s);
}
}  // namespace

TEST_CASE("trainer: lesson 4 step 4 with sigmoid, no shortcuts and learning rate 100 says it is stuck within 1500 steps") {
    train::Config c = lesson_preset(4, 4);
    c.activation = nn::Activation::Sigmoid;  // the step's "Try this": sigmoid, then untick the shortcuts
    c.plane()->residual = false;
    c.learning_rate = 100.f;
    train::Trainer t(c);
    t.send(train::StepN{900});
    auto s = step_and_wait(t, 900);
    REQUIRE(s->step == 900);
    CHECK(s->state == RunState::Paused);
    CHECK(s->message.empty());  // not yet: a thousand steps without improvement first
    // Measured: the message comes at step 1175 (seeds 2-10: 1025-1050), the earliest possible being
    // 1025, a window of 1000 steps after the first block of 25.
    t.send(train::StepN{600});
    s = step_and_wait(t, 1500);
    REQUIRE(s->step == 1500);
    CHECK(s->state == RunState::Paused);  // said, not stopped
    CHECK(s->message_kind == MessageKind::Warning);
    CHECK(contains(s->message, "Stuck"));
    CHECK_MESSAGE(contains(s->message, "lower the learning rate"), s->message);
    CHECK(contains(s->message, train::format_loss(s->train_loss)));

    // Reset starts the watch over: the message goes until the new run is stuck again.
    t.send(train::Reset{});
    s = t.wait_for([](const train::Snapshot& s) { return s.step == 0; }, 5s);
    CHECK(s->message.empty());
}

TEST_CASE("trainer: lessons 4-3 and 4-4 as written never say stuck in 3000 steps") {
    for (int step : {3, 4}) {
        CAPTURE(step);
        train::Trainer t(lesson_preset(4, step));
        for (std::uint64_t at = 100; at <= 3000; at += 100) {
            t.send(train::StepN{100});
            auto s = step_and_wait(t, at);
            REQUIRE(s->step == at);
            CHECK(s->message_kind != MessageKind::Warning);
            CHECK_FALSE(contains(s->message, "Stuck"));
        }
    }
}

TEST_CASE("trainer: lesson 4 step 1 names its stuck network between step 1,000 and step 1,200") {
    train::Trainer t(lesson_preset(4, 1));
    t.send(train::StepN{1000});
    auto s = step_and_wait(t, 1000);
    REQUIRE(s->step == 1000);
    CHECK_FALSE(contains(s->message, "Stuck"));
    t.send(train::StepN{200});
    s = step_and_wait(t, 1200);
    REQUIRE(s->step == 1200);
    CHECK(s->message_kind == MessageKind::Warning);
    CHECK_MESSAGE(contains(s->message, "Stuck"), s->message);
}
