#pragma once
// Classroom fonts: DejaVu (a Debian font package) at sizes readable from the back of a room.
#include <string>

#include <imgui.h>

namespace ui {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* mono = nullptr;
    ImFont* heading = nullptr;  // step titles
    ImFont* big = nullptr;      // headline numbers (the spam score)
    float base_size = 0;        // regular size in pixels
};

// Base text size in pixels at UI scale 1.
inline constexpr float kBaseFontSize = 21.f;

// Rebuilds the atlas for this scale (call between frames; the caller re-uploads the texture).
// Falls back to ImGui's built-in font, with a warning in `warning`, if the TTF files are missing.
Fonts build_fonts(float scale, std::string& warning);

}  // namespace ui
