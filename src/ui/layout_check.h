#pragma once
// The layout check: after ImGui::Render(), inspects the frame just built and lists what a student
// would not be able to read or reach. Used by `--layout-check` and by the GUI layout tests.
//
// It reports, naming the window:
//  - a window reaching beyond the screen, or over another window (child windows excepted);
//  - content wider than the window's visible area (sideways scrolling is a failure, scrollbar or not);
//  - content taller than the visible area in a window that shows no vertical scrollbar;
//  - text drawn over other text (glyph quads of two different pieces of text that overlap);
//  - text cut by the edge of its clip rectangle in a window with no scrollbar in that direction.
// Popups, tooltips, modal windows and ImGui's own internal windows are not checked.
#include <string>
#include <vector>

namespace ui {

struct LayoutProblem {
    std::string window;  // the ImGui window's name (child windows: "Parent/child", ImGui's ID suffix dropped)
    std::string what;    // human-readable, one line
};

struct LayoutCheckOptions {
    // Overflow of content beyond the visible area smaller than this (pixels) is rounding, not a problem.
    float min_overflow = 1.0f;
    // Each glyph's rectangle is shrunk by this share of its smaller side (and at least min_shrink
    // pixels) on every side before overlaps are looked for: neighbouring glyphs of one word, or
    // of two pieces of text set side by side, may touch.
    float shrink = 0.12f;
    float min_shrink = 1.0f;
    // A glyph counts as cut when more than this share of its height (or width), and at least
    // min_cut pixels, lies outside its clip rectangle.
    float cut = 0.12f;
    float min_cut = 1.5f;
    // Copies of one string drawn at most this many pixels apart are one text (a halo or shadow).
    float halo = 2.5f;
    bool check_cut_text = true;
    // Overlapping pairs, and pieces of cut text, listed per window before one line counts the rest
    // (0: all).
    int max_per_window = 8;
};

// Checks the current ImGui context's last rendered frame (ImGui::GetDrawData() and the windows
// of that frame). Call after ImGui::Render() and before the next ImGui::NewFrame().
std::vector<LayoutProblem> check_layout(const LayoutCheckOptions& options = {});

// "<window>: <what>"
std::string to_string(const LayoutProblem& p);

}  // namespace ui
