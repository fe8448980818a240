#pragma once
// Internal to the lesson parser: reading the TOML of a ```preset block into a Preset.
#include <string_view>

#include "lesson/lesson.h"

namespace lesson::detail {

// `fence_line` is the .md line of the opening ```preset fence: TOML line n of the block is line
// fence_line + n of the lesson file, which is where errors are reported.
// Throws ParseFailure on the first problem (syntax, unknown key, bad value).
Preset parse_preset(std::string_view toml_text, int fence_line);

}  // namespace lesson::detail
