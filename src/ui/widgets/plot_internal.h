#pragma once
// Pieces of the plot widgets shared with their tests: axis ranges, scales, ticks, decimation, and
// the layout helpers of the bar chart and the field plot.
#include <span>
#include <vector>

#include <imgui.h>

#include "ui/widgets/contour.h"
#include "ui/widgets/plot.h"

namespace ui::plot_detail {

struct AxisRange {
    double lo = 0, hi = 1;  // data units; both > 0 on a log axis
    bool log = false;
};

// Fixed [fixed_lo, fixed_hi] when valid, else the data's [data_lo, data_hi] widened by `margin`
// (a fraction of the span; in decades on a log axis). Empty data (data_lo > data_hi) gives [0, 1]
// ([1, 10] on a log axis); a single value gets a range around it. Never returns lo >= hi.
AxisRange fit_range(double fixed_lo, double fixed_hi, bool log, double data_lo, double data_hi, double margin);

// The data ranges of line series that the axes fit: finite points only, positive on a log axis.
// A point a log y axis cannot draw (a loss that reached exactly 0) still counts on the x axis, so
// a loss plot keeps reaching the latest step, as the plots beside it do.
struct LineExtents {
    double x_lo = 1, x_hi = 0;  // x_lo > x_hi: none
    double y_lo = 1, y_hi = 0;
};
LineExtents line_extents(std::span<const LineSeries> series, bool log_x, bool log_y);

// Maps an axis range onto pixels [p0, p1] (p0 is where lo lands; p1 < p0 for a y axis).
struct Scale {
    AxisRange range;
    float p0 = 0, p1 = 1;
    float to_px(double v) const;
    double from_px(float px) const;
    double fwd(double v) const;  // log10 on a log axis
};

struct TickSet {
    std::vector<double> major;  // labelled
    std::vector<double> minor;  // faint grid lines only
};

// Linear axis: nice_ticks. Log axis: powers of ten (every k-th decade when there are more than
// `target`), minor lines at 2..9 x 10^k when a decade spans >= 60 px, and nice linear ticks when
// fewer than two powers of ten are in range.
TickSet make_ticks(const AxisRange& r, int target, float pixels_per_decade);

// Screen points for a series: non-finite (and, on log axes, non-positive) points skipped, and at
// most two points (the extremes, in order) per pixel column. x empty: the index is x.
void decimate(std::span<const double> x, std::span<const float> y, const Scale& sx, const Scale& sy,
              std::vector<ImVec2>& out);

// Ticks on an axis of whole numbers (layers, epochs): multiples of a 1-2-5 x 10^k step of at least 1,
// at most `target` of them, plus the first whole number in range when the step leaves room for it
// (a layer axis over [0.5, 20.5] reads 1, 5, 10, 15, 20). Empty when no whole number is in [lo, hi].
std::vector<double> integer_ticks(double lo, double hi, int target);

// Contour levels: about `count` nice values strictly inside (lo, hi).
//  linear: multiples of a 1-2-5 x 10^k step;
//  log (needs lo > 0): 10^k, 1-3 x 10^k or 1-2-5 x 10^k, or 10^k every 2nd, 3rd, 5th, ... decade,
//  whichever count is closest to `count` (the sparser on a tie); within less than a decade, also
//  nice linear steps. Increasing. Empty when count <= 0 or the range is empty, non-finite or (log)
//  not positive.
std::vector<double> contour_levels(double lo, double hi, bool log, int count);

// Category labels under bars: the smallest k such that labels 0, k, 2k, ... (each centred on its
// slot of `slot_px` pixels, `widths` wide) keep `min_gap_px` apart. widths.size() when none fits.
int category_label_stride(std::span<const float> widths, float slot_px, float min_gap_px);

// `count` indices spread evenly over [0, n), the first and last included (all of them when n <=
// count; count is at least 2).
std::vector<int> subsample_indices(int n, int count);

struct GridSize {
    int rows = 0, cols = 0;
};

// How many cells a flat field of rows x cols draws in a width_px x height_px rectangle: cells at
// least `min_cell_px` on a side, and at most `max_cells` in all (the longer side gives way first).
GridSize flat_draw_size(int rows, int cols, float width_px, float height_px, float min_cell_px, int max_cells);

// Block means: out (out_rows x out_cols, row-major) averages the finite values of each block of
// values (rows x cols); a block without any is NaN. Block i covers [i * n / out_n, (i + 1) * n / out_n).
void downsample_grid(std::span<const float> values, int rows, int cols, int out_rows, int out_cols,
                     std::vector<float>& out);

// Joins contour segments that share end points (within `tolerance`) into polylines; a closed loop
// ends on its first point again.
std::vector<std::vector<ImVec2>> join_segments(std::span<const Segment> segments, float tolerance);

// Liang-Barsky: clips the segment (x0, y0)-(x1, y1) to [xlo, xhi] x [ylo, yhi] in place. False when
// nothing of it is inside (or it is not finite).
bool clip_segment(double& x0, double& y0, double& x1, double& y1, double xlo, double xhi, double ylo, double yhi);

// Image grid: how many columns of images at least `min_image` wide fit in `width` with `gap`
// between them (at least 1, at most `count`), and the side of each image.
struct GridShape {
    int columns = 1, rows = 0;
    float side = 0;
};
GridShape image_grid_shape(int count, float width, float gap, float min_image, int fixed_columns);
// The image under a point `local` (pixels from the grid's top left) when each image of the grid is
// followed by a caption strip `caption_h` high and `gap` separates images and rows; -1 in a gap,
// outside, or past the last image.
int image_grid_index_at(const GridShape& g, int count, float gap, float caption_h, ImVec2 local);

// Confusion matrix: the cell under a point `local` (pixels from the grid's top left) of a grid of
// classes x classes square cells `side` pixels wide; none outside it.
MatrixCell matrix_cell_at(float side, int classes, ImVec2 local);

// Confusion matrix: each cell's share of its row (a row of zeros stays zero).
std::vector<float> row_shares(std::span<const int> counts, int classes);

}  // namespace ui::plot_detail
