#pragma once
// Rows of controls that wrap instead of running off the window: before each item after the first
// on a row, ask whether it still fits; if not, it starts the next line. Widths are computed before
// drawing from the current font and style, so the same code fits 1024x768 at the largest text
// size and 1920x1080 at the smallest.
#include <imgui.h>

namespace ui {

float ButtonWidth(const char* label);
float CheckboxWidth(const char* label);
// A slider or combo `item_width` wide with its label to the right.
float LabeledWidth(float item_width, const char* label);
float TextWidth(const char* text);

// The width left on a fresh line of the current window.
float LineWidth();

// An item width of at most `wanted` that, with its label, fits on one line of the window.
float FitItemWidth(float wanted, const char* label, float minimum = 40.f);

// Keeps the next item on the current line when `width` fits after the last item (with `spacing`,
// or the style's when negative); otherwise the next item starts a new line.
void SameLineIfFits(float width, float spacing = -1.f);

// Writes a slider's value (and name) right of it, on its line: a slider drawn with an empty
// format keeps its handle off the number.
void ValueBeside(const char* text);

// A checkbox whose label wraps onto more lines when the window is too narrow for it; the label
// toggles it too.
bool CheckboxWrapped(const char* label, bool* value);

}  // namespace ui
