#pragma once
// What the digit reader's panels share: the digits' pictures as textures (made once per test set),
// and the words and numbers they write (pure functions, tested in tests/ui/test_digits_text.cpp).
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/panels/panels.h"

namespace ui::digits {

// ---- Text ----------------------------------------------------------------------------------------
// The layer sizes of a network, input first: "784 → 16 → 16 → 10".
std::string shape_text(std::span<const int> sizes);

// How many weights and biases a network of these layer sizes has, and the sum that gives it, one
// term per layer: "784×16+16 + 16×16+16 + 16×10+10" and 13,002.
struct ParameterSum {
    std::string sum;
    long long total = 0;
};
ParameterSum parameter_sum(std::span<const int> sizes);

// A test digit's caption, longest first (the panel takes the first that fits under the picture):
// right, "7 · 98%", "7 98%", "7"; wrong, "wrong: 3 (is 5)", "3 (is 5)", "3≠5" (read 3, is 5).
std::vector<std::string> sample_captions(int read, float confidence, int truth);

// A probability as a whole percentage for a caption, never "100%" short of certainty: 0.984 -> "98%",
// 0.9996 -> ">99%", 0.004 -> "<1%".
std::string short_percent(float p);

// ---- Grids of pictures ------------------------------------------------------------------------------
// How to lay out up to `most` square pictures, each with a caption strip `caption_h` high under it
// and `gap` between them, in a w x h area: as many as fit at least `least` pixels wide, then the
// number of columns that makes them largest (never above `largest`). Always at least one picture
// when there is any (then perhaps below `least`, or taller than h: the area is too small).
struct GridFit {
    int count = 0, columns = 1, rows = 0;
    float side = 0;
    float width() const { return side * float(columns) + gap * float(columns - 1); }
    float gap = 0;
};
GridFit fit_pictures(int most, float w, float h, float least, float largest, float gap, float caption_h);

// ---- Pictures ------------------------------------------------------------------------------------
// The digit reader's part of the snapshot, or null when the snapshot is of another family; also
// forgets the pictures and choices of a test set that is gone.
const train::DigitsView* digits_view(PanelContext& ctx);

// The last measurement of the test digits, or null after drawing the panel's fallback saying why
// there is none (no digits installed, or none measured yet).
const train::DigitsEvaluation* measured_digits(PanelContext& ctx, const train::DigitsView*& view);

// Test digit `index` of the view's test set as a texture (white ink on black), made on first use
// and kept while the test set stays.
ImTextureID digit_texture(PanelContext& ctx, int index);

// Draws test digit `index` into [p0, p1]: its texture, or grey cells when there is no texture.
void draw_digit(PanelContext& ctx, ImDrawList* dl, ImVec2 p0, ImVec2 p1, int index);

// The most of `options` that fits in `width` pixels of the current font (the last when none does).
const std::string& first_fitting(const std::vector<std::string>& options, float width);


}  // namespace ui::digits
