#pragma once
// The lesson files the claims tests check, loaded once per test program from the repository.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "lesson/lesson.h"

namespace lesson_test {

// lessons/<file>, parsed; a test fails with the parser's file, line and reason if it is broken.
inline const lesson::Lesson& lesson_file(const std::string& file) {
    static std::map<std::string, lesson::LoadResult> loaded;
    auto it = loaded.find(file);
    if (it == loaded.end())
        it = loaded.emplace(file, lesson::load_lesson_file(std::string(NNSCOPE_SOURCE_DIR "/lessons/") + file)).first;
    if (it->second.error) FAIL(it->second.error->to_string());
    REQUIRE(it->second.lesson.has_value());
    return *it->second.lesson;
}

// The preset of step `step` (1-based), which must have one.
inline const lesson::Preset& step_preset(const lesson::Lesson& l, int step) {
    REQUIRE(int(l.steps.size()) >= step);
    REQUIRE(l.steps[std::size_t(step) - 1].has_preset);
    return l.steps[std::size_t(step) - 1].preset;
}

}  // namespace lesson_test
