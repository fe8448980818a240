// Every step's preset as the app opens it: loaded into one trainer, step after step as a teacher
// pages through, trained a few steps with its panels' data asked for. The lessons' claims
// (tests/claims) train the same presets for thousands of steps; this is the short pass over every
// family, task and panel that also runs under the sanitizers.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>

#include "lesson/lesson.h"
#include "train/trainer.h"

using namespace std::chrono_literals;

namespace {

// A data path as a lesson writes it, relative to the repository (as the claims tests take it; the
// app tries the working folder first, then the repository and its assets/ folder).
std::string in_repository(const std::string& path, const std::string& when_empty) {
    const std::string wanted = path.empty() ? when_empty : path;
    if (wanted.empty() || std::filesystem::path(wanted).is_absolute()) return wanted;
    return std::string(NNSCOPE_SOURCE_DIR "/") + wanted;
}

}  // namespace

TEST_CASE("every step of every lesson: its preset loads after the step before it and trains with its panels shown") {
    const auto library = lesson::load_lesson_folder(NNSCOPE_SOURCE_DIR "/lessons");
    REQUIRE(library.size() == 9);
    train::Trainer trainer{train::Config{}};
    std::uint64_t generation = 0;
    int presets = 0;
    for (std::size_t l = 0; l < library.size(); ++l) {
        REQUIRE_MESSAGE(library[l].result.lesson, library[l].result.error->to_string());
        const lesson::Lesson& lesson = *library[l].result.lesson;
        for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
            if (!lesson.steps[s].has_preset) continue;  // such a step keeps what is on screen
            CAPTURE(l + 1);
            CAPTURE(s + 1);
            const lesson::Preset& preset = lesson.steps[s].preset;
            train::Config config = preset.config;
            config.panels = preset.panels;
            config.steps_per_second = 0;
            if (auto* digits = config.digits()) digits->data_dir = in_repository(digits->data_dir, "data/mnist");
            if (auto* words = config.words()) words->corpus_file = in_repository(words->corpus_file, "");
            if (auto* tf = config.transformer(); tf && tf->task == data::TextTask::Text)
                tf->text_file = in_repository(tf->text_file, "");
            // The claims train the whole warm-ups; a few steps of one take the same code path.
            const int warmup = std::min(preset.warmup_steps, 20);
            trainer.send(train::LoadConfig{config, warmup, false});
            ++generation;
            const std::uint64_t stepped = trainer.send(train::StepN{10});
            const std::uint64_t steps = std::uint64_t(warmup) + 10;
            const auto snap = trainer.wait_for(
                [&](const train::Snapshot& x) { return x.commands_applied >= stepped && x.state != train::RunState::Running; },
                120s);
            REQUIRE(snap);
            REQUIRE(snap->generation == generation);
            CHECK(snap->step == steps);
            CHECK(snap->state == train::RunState::Paused);
            CHECK_MESSAGE(snap->message_kind != train::MessageKind::Error, snap->message);
            CHECK_MESSAGE(snap->message_kind != train::MessageKind::Warning, snap->message);
            CHECK(std::isfinite(snap->loss));
            CHECK(snap->config.panels == preset.panels);
            CHECK(snap->family != nullptr);
            ++presets;
        }
    }
    CHECK(presets >= 50);
}
