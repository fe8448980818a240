#pragma once
// Internal to the lesson parser (not included by users of lesson.h).
#include <string>

namespace lesson::detail {

// The first problem found while reading a lesson. The parser throws it from deep inside the
// Markdown and TOML walks and parse_lesson() turns it into a LessonError, so every check can
// stop the parse in one line instead of threading error values through each helper.
struct ParseFailure {
    int line = 0;  // 1-based line in the .md file, 0 for the whole file
    std::string message;
};

[[noreturn]] inline void fail(int line, std::string message) { throw ParseFailure{line, std::move(message)}; }

}  // namespace lesson::detail
