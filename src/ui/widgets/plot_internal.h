#pragma once
// Pieces of the plot widgets shared with their tests: axis ranges, scales, ticks and decimation.
#include <span>
#include <vector>

#include <imgui.h>

namespace ui::plot_detail {

struct AxisRange {
    double lo = 0, hi = 1;  // data units; both > 0 on a log axis
    bool log = false;
};

// Fixed [fixed_lo, fixed_hi] when valid, else the data's [data_lo, data_hi] widened by `margin`
// (a fraction of the span; in decades on a log axis). Empty data (data_lo > data_hi) gives [0, 1]
// ([1, 10] on a log axis); a single value gets a range around it. Never returns lo >= hi.
AxisRange fit_range(double fixed_lo, double fixed_hi, bool log, double data_lo, double data_hi, double margin);

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

}  // namespace ui::plot_detail
