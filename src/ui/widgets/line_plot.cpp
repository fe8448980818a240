// The line plot: series over numeric axes (log or linear), a legend and a hover readout.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

namespace plot_detail {

void decimate(std::span<const double> x, std::span<const float> y, const Scale& sx, const Scale& sy,
              std::vector<ImVec2>& out) {
    out.clear();
    const size_t n = x.empty() ? y.size() : std::min(x.size(), y.size());
    bool open = false;
    int col = 0;
    ImVec2 first, lo, hi;
    size_t i_lo = 0, i_hi = 0, count = 0;
    auto flush = [&] {
        if (!open) return;
        if (count == 1) {
            out.push_back(first);
        } else {
            // The column's extremes in the order they occur: at most two points per pixel column, and a
            // one-sample spike still reaches its full height.
            if (i_lo <= i_hi) {
                out.push_back(lo);
                out.push_back(hi);
            } else {
                out.push_back(hi);
                out.push_back(lo);
            }
        }
        open = false;
    };
    for (size_t i = 0; i < n; ++i) {
        const double xv = x.empty() ? double(i) : x[i];
        const double yv = y[i];
        if (!finite(xv) || !finite(yv)) continue;
        if ((sx.range.log && xv <= 0) || (sy.range.log && yv <= 0)) continue;
        const ImVec2 p(sx.to_px(xv), sy.to_px(yv));
        const int c = int(std::floor(p.x));
        if (!open || c != col) {
            flush();
            open = true;
            col = c;
            first = lo = hi = p;
            i_lo = i_hi = i;
            count = 1;
            continue;
        }
        ++count;
        if (p.y > lo.y) {  // screen y grows downward: "lo" is the lowest point on screen
            lo = p;
            i_lo = i;
        }
        if (p.y < hi.y) {
            hi = p;
            i_hi = i;
        }
    }
    flush();
    // Drop consecutive duplicates (first == extreme etc.).
    out.erase(std::unique(out.begin(), out.end(), [](const ImVec2& a, const ImVec2& b) { return a.x == b.x && a.y == b.y; }),
              out.end());
}

LineExtents line_extents(std::span<const LineSeries> series, bool log_x, bool log_y) {
    Extent ex{log_x}, ey{log_y};
    for (const LineSeries& s : series) {
        const size_t n = s.x.empty() ? s.y.size() : std::min(s.x.size(), s.y.size());
        for (size_t i = 0; i < n; ++i) {
            const double xv = s.x.empty() ? double(i) : s.x[i];
            const double yv = s.y[i];
            if (!finite(xv) || !finite(yv) || (log_x && xv <= 0)) continue;
            ex.add(xv);
            ey.add(yv);  // skips what a log axis cannot draw
        }
    }
    LineExtents e;
    if (!ex.empty()) e.x_lo = ex.lo, e.x_hi = ex.hi;
    if (!ey.empty()) e.y_lo = ey.lo, e.y_hi = ey.hi;
    return e;
}

}  // namespace plot_detail

void PlotLines(const char* id, std::span<const LineSeries> series, const LinePlotOptions& options) {
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();

    // Ranges: fixed, or fitted to the data.
    const plot_detail::LineExtents e = plot_detail::line_extents(series, options.log_x, options.log_y);
    struct {
        double lo, hi;
        bool empty() const { return !(lo <= hi); }
    } ex{e.x_lo, e.x_hi}, ey{e.y_lo, e.y_hi};
    const bool have_data = !ex.empty() && !ey.empty();
    const AxisRange xr = plot_detail::fit_range(options.x_min, options.x_max, options.log_x, ex.lo, ex.hi, 0.02);
    const AxisRange yr = plot_detail::fit_range(options.y_min, options.y_max, options.log_y, ey.lo, ey.hi, 0.06);
    const Frame f = draw_frame(dl, bb, xr, yr, options.x_label, options.y_label);
    if (!have_data) no_data_note(dl, f.plot);

    std::vector<LegendEntry> entries;
    if (options.legend)
        for (size_t si = 0; si < series.size(); ++si)
            if (!series[si].label.empty())
                entries.push_back({series[si].label, series[si].color ? series[si].color : palette_color(int(si)), false});
    Legend legend(f.plot, std::move(entries));

    // Series, decimated to a few points per pixel column and clipped to the plot.
    std::vector<ImVec2> pts;
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    for (size_t si = 0; si < series.size(); ++si) {
        const LineSeries& s = series[si];
        const ImU32 col = s.color ? s.color : palette_color(int(si));
        // Whole-pixel widths take ImGui's textured-line path: a third of the triangles.
        const float th = std::round(std::max(s.thickness, 2.f));
        plot_detail::decimate(s.x, s.y, f.x, f.y, pts);
        if (pts.empty()) continue;
        if (pts.size() == 1) {
            dl->AddCircleFilled(pts[0], th * 1.6f, col);
            legend.cover_point(pts[0], th * 1.6f);
            continue;
        }
        // Segment by segment: ImGui's polyline joins turn sharp zig-zags into long miter spikes.
        for (size_t i = 1; i < pts.size(); ++i) {
            dl->AddLine(pts[i - 1], pts[i], col, th);
            if (legend.visible) legend.cover_segment(pts[i - 1], pts[i]);
        }
        // Round the joints of sparse series and mark their points.
        const float spacing = (pts.back().x - pts.front().x) / float(pts.size() - 1);
        if (std::fabs(spacing) >= th * 6.f)
            for (const ImVec2& p : pts) dl->AddCircleFilled(p, th * 1.3f, col);
    }
    dl->PopClipRect();

    legend.draw(dl, f.plot);

    // Hover: a guide at the mouse and the nearest point of each series.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && have_data && f.plot.Contains(mouse)) {
        dl->PushClipRect(f.plot.Min, f.plot.Max, true);
        dl->AddLine(ImVec2(std::round(mouse.x), f.plot.Min.y), ImVec2(std::round(mouse.x), f.plot.Max.y), kHoverGuide, 2.f);
        struct Hit {
            size_t series;
            double x, y;
        };
        std::vector<Hit> hits;
        double best_x = 0, best_dx = std::numeric_limits<double>::infinity();
        for (size_t si = 0; si < series.size(); ++si) {
            const LineSeries& s = series[si];
            const size_t n = s.x.empty() ? s.y.size() : std::min(s.x.size(), s.y.size());
            double bx = 0, by = 0, bd = std::numeric_limits<double>::infinity();
            for (size_t i = 0; i < n; ++i) {
                const double xv = s.x.empty() ? double(i) : s.x[i];
                const double yv = s.y[i];
                if (!finite(xv) || !finite(yv) || (options.log_x && xv <= 0) || (options.log_y && yv <= 0)) continue;
                const double d = std::fabs(double(f.x.to_px(xv)) - mouse.x);
                if (d < bd) {
                    bd = d;
                    bx = xv;
                    by = yv;
                }
            }
            if (!finite(bd)) continue;
            hits.push_back({si, bx, by});
            if (bd < best_dx) {
                best_dx = bd;
                best_x = bx;
            }
            const ImU32 col = s.color ? s.color : palette_color(int(si));
            const ImVec2 p(f.x.to_px(bx), f.y.to_px(by));
            dl->AddCircleFilled(p, font * 0.3f, col);
            dl->AddCircle(p, font * 0.3f, IM_COL32(255, 255, 255, 230), 0, 2.f);
        }
        dl->PopClipRect();
        if (!hits.empty()) {
            ImGui::BeginTooltip();
            const std::string xname = options.x_label.empty() ? "x" : options.x_label;
            ImGui::Text("%s: %s", xname.c_str(), format_value(best_x, 6).c_str());
            for (const Hit& h : hits) {
                const LineSeries& s = series[h.series];
                const ImU32 col = s.color ? s.color : palette_color(int(h.series));
                std::string name = s.label.empty() ? std::string("series ").append(std::to_string(h.series + 1)) : s.label;
                std::string line = name + ": " + format_value(h.y, 4);
                if (h.x != best_x) line += "  (at " + format_value(h.x, 6) + ")";
                tooltip_swatch_line(col, line);
            }
            ImGui::EndTooltip();
        }
    }
}

}  // namespace ui
