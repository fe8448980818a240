#pragma once
// Reusable plot widgets with ImGui-like signatures. Each draws into the current ImGui window at
// the cursor, takes the size it is given (0 = fill the available width / a sensible height), and
// is sized for a classroom: tick labels and legends use the current font, so they grow with the
// UI scale.
#include <cstdint>
#include <functional>
#include <optional>
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
    std::function<std::string(double)> format;  // how a cell's number is written (empty: a few significant digits)
    ImVec2 size = ImVec2(0, 0);
    // Drawn over the cells, given the grid's rectangle in screen coordinates: marks that belong to
    // the matrix (lines between groups of columns) need to know where its cells ended up.
    std::function<void(ImDrawList*, ImVec2 grid_min, ImVec2 grid_max)> overlay;
};

// values: rows x cols, row-major. A colorbar with labelled ticks on the right; hovering a cell
// shows its row, column and value.
void Heatmap(const char* id, std::span<const float> values, int rows, int cols, const HeatmapOptions& options);

// ---- Attention matrix -------------------------------------------------------------------------
struct AttentionMatrixOptions {
    std::vector<std::string> row_labels;  // the queries, left of the rows
    std::vector<std::string> col_labels;  // the keys, above the columns
    // Whether the labels are drawn; they name the cells in the tooltip either way (a grid of
    // heads draws the queries once, left of its first matrix).
    bool draw_row_labels = true, draw_col_labels = true;
    bool masked = false;       // cells right of the diagonal (later keys) drawn as removed, "-inf" when numbers show
    int highlight_row = -1;    // a row outlined (the chosen query); -1: none
    Colormap colormap = Colormap::Viridis;
    float v_min = 0, v_max = 0;  // when v_min >= v_max: the range of the cells shown
    bool show_values = false;  // numbers in the cells when every one fits
    std::function<std::string(double)> format;  // how a number is written (empty: two decimals)
    ImVec2 size = ImVec2(0, 0);  // 0: the available width, square cells
};

// A square or rectangular matrix of attention (rows: queries, columns: keys), cells square, labels
// on the left and on top (every k-th when they would collide). No colorbar: a grid of heads shares
// one. Returns the row clicked this frame (a query chosen), or -1.
int AttentionMatrix(const char* id, std::span<const float> values, int rows, int cols,
                    const AttentionMatrixOptions& options);
// The size AttentionMatrix takes for this many rows and columns in `avail`, with square cells.
ImVec2 attention_matrix_size(int rows, int cols, const AttentionMatrixOptions& options, ImVec2 avail);

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

// ---- Word map --------------------------------------------------------------------------------
struct WordMapOptions {
    std::string x_label, y_label;
    // The axis ranges (the caller keeps them steady while points move); fitted when min >= max.
    double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
    std::span<const int> label_first;   // words labelled before the others, most important first
    std::span<const int> ringed;        // words drawn with a white ring (a focus word, a query's words)
    std::span<const std::uint8_t> faint;  // per word (optional): drawn faint, its label left out
    float point_radius = 5.f;
    ImVec2 size = ImVec2(0, 0);
};

// Many labelled points (words in a 2-D projection) coloured by group (group_color). A label is
// drawn only where it covers no other label, so a crowded map labels the words it can and never
// prints one word over another: ringed words first, then label_first, then the rest in order.
// Returns the word under the mouse, or -1.
int WordMap(const char* id, std::span<const float> x, std::span<const float> y, std::span<const int> groups,
            std::span<const std::string> labels, const WordMapOptions& options);

// Colours for up to 16 groups of words, distinct on a dark background (cycled beyond).
ImU32 group_color(int group);

// ---- Bar chart -----------------------------------------------------------------------------
struct BarChartOptions {
    std::string x_label;               // e.g. "layer (counted from the output)"
    std::string y_label;               // e.g. "gradient norm"
    bool log_y = false;                // bars grow from the bottom of the axis; values <= 0 get a mark, no bar
    // Fixed value range; when y_min >= y_max it is fitted to the data (and includes 0 on a linear axis).
    double y_min = 0, y_max = 0;
    std::vector<ImU32> colors;         // colors[i] for bar i (cycled when shorter); empty: the palette's first
    std::optional<double> reference;   // a dashed horizontal line at this value, e.g. a threshold
    std::string reference_label;       // written beside it (empty: the value)
    ImVec2 size = ImVec2(0, 0);
};

// One bar per value, labels under the bars (every k-th, shortened, when they would collide; empty
// span: 1, 2, 3, ...), a labelled value axis, and a hover readout of the category and exact value.
void BarChart(const char* id, std::span<const float> values, std::span<const std::string> labels,
              const BarChartOptions& options);

// ---- Field plot ------------------------------------------------------------------------------
// A path drawn over a field, e.g. an optimizer's steps: a thick line, a marker at the start and a
// bigger one at the end. Non-finite points are skipped; a path that leaves the field runs to its edge
// and ends in an arrowhead there.
struct FieldPath {
    std::string label;                 // shown in the legend
    std::span<const float> x, y;       // data units, the same length
    ImU32 color = 0;                   // 0: picked from the palette by index
};

struct FieldPlotOptions {
    std::string x_label, y_label;      // e.g. "w1", "w2"
    std::string colorbar_label;        // e.g. "loss"
    // Where the samples sit: sample (r, c) at x = x_min + c (x_max - x_min) / (cols - 1), y likewise
    // with y_min for row 0 (at the bottom). A smooth field fills [x_min, x_max] x [y_min, y_max]; flat
    // cells reach half a cell beyond.
    double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
    Colormap colormap = Colormap::Viridis;
    float v_min = 0, v_max = 0;        // colour range; when v_min >= v_max: the data's range
    bool log_scale = false;            // colour by log10(value) (values <= 0 get the lowest colour)
    bool smooth = true;                // colours blended between samples; false: one flat cell per sample
    int contour_count = 0;             // about this many contour lines at nice levels (0: none)
    bool integer_y_ticks = false;      // y ticks at whole numbers only (e.g. layer 1..20)
    // With integer_y_ticks: y_tick_names[i] labels the tick at y_min + i (empty: its number), and the
    // last name always gets a tick, e.g. {"", ..., "", "out"} for a layer axis topped by the output.
    std::vector<std::string> y_tick_names;
    ImVec2 size = ImVec2(0, 0);
    // The field's colours drawn by the caller (e.g. as one opaque picture through OpenGL, far
    // cheaper for a software renderer than ImGui triangles): a rectangle in screen coordinates and
    // one colour per sample, rows x cols, row 0 at the bottom. Smooth: the outer samples sit on the
    // rectangle's edges and colours blend between them; flat: each sample is a cell of the
    // rectangle. Empty: the field is drawn as a mesh of ImGui triangles.
    std::function<void(ImDrawList*, ImVec2 p0, ImVec2 p1, const std::vector<ImU32>& colors, int rows, int cols,
                       bool smooth)>
        draw_colors;
};

// A scalar field over a rectangle (values: rows x cols, row-major, row 0 at y_min) with numeric axes,
// a colorbar (contour levels marked on it), optional contour lines, paths drawn over it with a legend,
// and a hover readout of (x, y) and the field's value there. The field is one mesh whatever the grid:
// smooth, a vertex on a sample every ~8 px (at most 128 x 128); flat, cells of at least 4 px (blocks of
// cells averaged, at most 4096 quads), neighbours of one colour merged.
void FieldPlot(const char* id, std::span<const float> values, int rows, int cols, std::span<const FieldPath> paths,
               const FieldPlotOptions& options);

// ---- Image grid ------------------------------------------------------------------------------
struct ImageGridOptions {
    int columns = 0;                   // 0: as many as fit with images at least min_image pixels wide
    float min_image = 0;               // 0: four lines of text
    // Draws image `index` into [p0, p1] (e.g. as one texture, far cheaper under a software
    // renderer). Empty: drawn here as grey cells, runs of one shade merged.
    std::function<void(ImDrawList*, ImVec2 p0, ImVec2 p1, int index)> draw_image;
    float width = 0;                   // 0: the available width; the height follows from the rows
};

// `count` grey images of width x height values in [0, 1] (row-major, one after another, 0 black,
// 1 white), in a grid of square cells that fits the width, each with an optional caption under it
// in its colour (e.g. the prediction, green when right); hovering an image shows its caption.
// Returns the index of the image clicked this frame (its picture or its caption), or -1.
int ImageGrid(const char* id, std::span<const float> pixels, int count, int width, int height,
               std::span<const std::string> captions, std::span<const ImU32> caption_colors,
               const ImageGridOptions& options);

// ---- Confusion matrix ------------------------------------------------------------------------
struct ConfusionMatrixOptions {
    std::string row_title = "true class";       // down the side
    std::string col_title = "predicted class";  // under the columns
    ImVec2 size = ImVec2(0, 0);                 // 0: the available width, square cells
    int selected_row = -1, selected_col = -1;   // a cell outlined as chosen (e.g. the one clicked); -1: none
};

// A cell of a matrix: row and column, or -1 and -1 for none.
struct MatrixCell {
    int row = -1, col = -1;
    bool valid() const { return row >= 0 && col >= 0; }
};

// counts: classes x classes, row-major; row = true class, column = predicted. Each cell is coloured
// by its share of its row (so a rare class reads as clearly as a common one), the count is written
// in it when it fits, the diagonal (right answers) is outlined, and hovering a cell says how many
// of that class were taken for the other. Returns the cell clicked this frame, if any.
MatrixCell ConfusionMatrix(const char* id, std::span<const int> counts, int classes, std::span<const std::string> labels,
                     const ConfusionMatrixOptions& options);

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
