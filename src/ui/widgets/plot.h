#pragma once
// Reusable plot widgets with ImGui-like signatures. Each draws into the current ImGui window at
// the cursor, takes the size it is given (0 = fill the available width / a sensible height), and
// is sized for a classroom: tick labels and legends use the current font, so they grow with the
// UI scale.
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

namespace ui {

// ---- Line plot -----------------------------------------------------------------------------
struct LineSeries {
    std::string label;                 // shown in the legend
    std::span<const double> x;         // same length as y
    std::span<const float> y;
    ImU32 color = 0;                   // 0: picked from a palette by index
    float thickness = 3.f;   // pixels, rounded to a whole number
};

struct LinePlotOptions {
    std::string x_label;               // e.g. "training step"
    std::string y_label;               // e.g. "loss"
    bool log_y = false;                // logarithmic y axis (non-positive values are skipped)
    bool log_x = false;
    // Fixed axis ranges; when min >= max the range is fitted to the data (with a little margin).
    double x_min = 0, x_max = 0;
    double y_min = 0, y_max = 0;
    bool legend = true;
    ImVec2 size = ImVec2(0, 0);
};

// Axes with labelled ticks ("nice" steps 1-2-5 x 10^k, powers of ten on a log axis), grid lines,
// axis titles, several series with a legend, and a hover readout of the nearest point.
void PlotLines(const char* id, std::span<const LineSeries> series, const LinePlotOptions& options);

// ---- Heatmap -------------------------------------------------------------------------------
enum class Colormap { Viridis, Diverging };  // Diverging: blue (low) - white - orange (high)

ImU32 colormap_color(Colormap map, float t);  // t in [0, 1]

struct HeatmapOptions {
    std::vector<std::string> row_labels;   // optional; drawn left of the rows
    std::vector<std::string> col_labels;   // optional; drawn under the columns
    std::string colorbar_label;            // e.g. "attention weight"
    Colormap colormap = Colormap::Viridis;
    float v_min = 0, v_max = 0;            // when v_min >= v_max: the data's range
    bool log_scale = false;                // colour by log10(value) (values <= 0 get the lowest colour)
    bool show_values = false;              // print the number in each cell when it fits
    ImVec2 size = ImVec2(0, 0);
};

// values: rows x cols, row-major. A colorbar with labelled ticks on the right; hovering a cell
// shows its row, column and value.
void Heatmap(const char* id, std::span<const float> values, int rows, int cols, const HeatmapOptions& options);

// ---- Scatter -------------------------------------------------------------------------------
struct ScatterOptions {
    std::string x_label, y_label;
    double x_min = 0, x_max = 0, y_min = 0, y_max = 0;  // fitted to the data when min >= max
    float point_radius = 6.f;
    std::vector<std::string> class_names;  // legend entries, one per class id
    ImVec2 size = ImVec2(0, 0);
};

// Points (x[i], y[i]) coloured by class id (0, 1, 2, ...; a fixed palette), optional text labels
// beside each point (empty span = none). Axes and ticks like PlotLines.
void Scatter(const char* id, std::span<const float> x, std::span<const float> y, std::span<const int> classes,
             std::span<const std::string> labels, const ScatterOptions& options);

// ---- Shared pieces ---------------------------------------------------------------------------
// The palette used for series and classes, colour-blind safe (Okabe-Ito).
ImU32 palette_color(int index);

// "Nice" tick positions covering [lo, hi]: about `target` ticks at 1-2-5 x 10^k steps.
std::vector<double> nice_ticks(double lo, double hi, int target);
// Short tick label: "0", "0.5", "1.2k", "3e-06", ...
std::string format_tick(double v);

// Draws a small widget gallery: every widget above on synthetic data (for --gallery).
void DrawWidgetGallery();

}  // namespace ui
