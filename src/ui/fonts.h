#pragma once
// Classroom fonts: DejaVu (a Debian font package) at sizes readable from the back of a room.
#include <iterator>
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

// The text sizes "text size − / +" steps through, as UI scales. The largest (42-pixel text) is
// for a big hall.
inline constexpr float kTextScales[] = {0.8f, 0.9f, 1.f, 1.15f, 1.3f, 1.5f, 1.75f, 2.f};
inline constexpr float kSmallestTextScale = kTextScales[0];
inline constexpr float kLargestTextScale = kTextScales[std::size(kTextScales) - 1];

// What a class sees is text size as a share of the screen's height: a projector shows 768 lines as
// big as 1080. So the sizes offered on a screen stop where it would hold fewer than this many
// lines of text: 2 at 1080 lines, 1.75 at 900, 1.5 at 768, 1.3 at 720. (Below that, a step's
// lesson, controls and plots no longer fit together.)
inline constexpr float kMinLinesOnScreen = 24.f;
float largest_text_scale(float screen_height);

// The next offered size after `scale` in `direction` (+1 bigger, -1 smaller); the same at either end.
float next_text_scale(float scale, int direction);

// Rebuilds the atlas for this scale (call between frames; the caller re-uploads the texture).
// Falls back to ImGui's built-in font, with a warning in `warning`, if the TTF files are missing.
Fonts build_fonts(float scale, std::string& warning);

}  // namespace ui
