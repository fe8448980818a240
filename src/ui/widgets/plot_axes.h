#pragma once
// Pieces every plot widget draws with: colours, text, the widget rectangle, value and tick labels,
// the plot frame (axes, ticks, grid, titles), the legend and tooltips. Internal to the widgets;
// the pure axis maths they share with the tests is in plot_internal.h.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>  // ImRect

#include "ui/widgets/plot.h"
#include "ui/widgets/plot_internal.h"

namespace ui::plot_detail {

// ---- Colours (on ImGui's dark window background) ---------------------------------------------
constexpr ImU32 kPlotBg = IM_COL32(22, 24, 30, 255);
constexpr ImU32 kFrameBorder = IM_COL32(255, 255, 255, 55);
constexpr ImU32 kAxisColor = IM_COL32(200, 202, 208, 255);
constexpr ImU32 kGridColor = IM_COL32(255, 255, 255, 34);
constexpr ImU32 kMinorGridColor = IM_COL32(255, 255, 255, 14);
constexpr ImU32 kLegendBg = IM_COL32(16, 17, 22, 225);
constexpr ImU32 kHoverGuide = IM_COL32(255, 255, 255, 130);
constexpr ImU32 kMutedText = IM_COL32(170, 175, 185, 255);
constexpr ImU32 kOutline = IM_COL32(15, 15, 20, 235);
constexpr ImU32 kMissingCell = IM_COL32(70, 70, 76, 255);

constexpr float kAxisThickness = 2.f;
constexpr float kGridThickness = 2.f;

ImU32 text_color();

inline bool finite(double v) { return std::isfinite(v); }

ImVec2 text_size(const std::string& s);

void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& s);

// Text with a dark one-pixel halo, readable over data.
void draw_text_halo(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& s);

// Reserves a widget rectangle at the cursor and makes it hoverable. False when it is clipped.
bool begin_widget(const char* id, ImVec2 size, float default_height, ImRect& bb);

inline double exp10i(int e) { return std::pow(10.0, double(e)); }

// Tick labels for a set of ticks: format_tick, with more digits when two would read the same.
std::vector<std::string> tick_labels(const std::vector<double>& ticks);

// A value in a tooltip or a heatmap cell: a few significant digits.
std::string format_value(double v, int digits = 4);

float luminance(ImU32 c);

// ---- Axes ----------------------------------------------------------------------------------------

// Extent of the finite values seen (positive ones only on a log axis).
struct Extent {
    bool log = false;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!finite(v) || (log && v <= 0)) return;
        v = std::clamp(v, -1e300, 1e300);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool empty() const { return !(lo <= hi); }
};

struct PlacedTicks {
    TickSet ticks;
    std::vector<std::string> labels;
    std::vector<ImVec2> label_pos;  // top-left of each label
    float max_label_width = 0;
};

// Chooses ticks whose labels do not overlap. Horizontal axes place labels under `edge` (the plot's
// bottom), clamped to [clamp_lo, clamp_hi]; vertical axes centre them on the tick, right-aligned at
// `edge` (a pixel column).
// `names` (integer axes only): names[i] labels the tick at names_first + i instead of its number,
// and the last named value always gets a tick (e.g. a layer axis whose top row is "out").
PlacedTicks place_ticks(const Scale& s, bool horizontal, float edge, float clamp_lo, float clamp_hi, bool integer = false,
                        std::span<const std::string> names = {}, double names_first = 0);

// Plot frame: background, grid, axes, ticks, tick labels and axis titles. layout_frame decides where
// everything goes and the scales that map data to the plot rectangle; draw_frame_back paints the
// background and grid (under the data), draw_frame_axes the axes, ticks and titles (over a field).
struct FrameOptions {
    float right = 0;                           // pixels kept free right of the plot (a colorbar); 0: a small margin
    bool integer_y = false;                    // y ticks at whole numbers only
    std::span<const std::string> y_names;      // with integer_y: names of the ticks from y_names_first up
    double y_names_first = 0;
    int categories = 0;                        // > 0: a categorical x axis, category i centred at x = i
    std::span<const std::string> category_labels;  // their names (empty: 1, 2, 3, ...)
    bool title_row = false;                    // keep the row above the plot even without a y title (a colorbar's)
};

struct Frame {
    ImRect plot;
    Scale x, y;
    PlacedTicks xt, yt;
    bool categorical = false;
};

// Vertical margins: room for the y axis title above the plot, x tick labels and title below it.
void frame_margins(const std::string& x_label, bool title_row, float& top, float& bottom);

// A label cut to `max_w` pixels with an ellipsis ("convolu…"); whole UTF-8 characters only.
std::string shorten_to_width(const std::string& s, float max_w);

Frame layout_frame(const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                   const std::string& y_label, const FrameOptions& fo = {});
void draw_frame_back(ImDrawList* dl, const Frame& f);
void draw_frame_axes(ImDrawList* dl, const ImRect& bb, const Frame& f, const std::string& x_label,
                     const std::string& y_label);
// layout_frame, draw_frame_back and draw_frame_axes in one (nothing drawn between the grid and the axes).
Frame draw_frame(ImDrawList* dl, const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                 const std::string& y_label, const FrameOptions& fo = {});

struct LegendEntry {
    std::string label;
    ImU32 color;
    bool circle;  // a dot (scatter) instead of a line swatch
};

// Legend box inside the plot, in whichever corner covers the least data (top-right on a tie).
struct Legend {
    std::vector<LegendEntry> entries;
    ImVec2 size{0, 0};
    std::array<ImRect, 4> corners;  // top-right, top-left, bottom-right, bottom-left
    std::array<int, 4> covered{0, 0, 0, 0};
    bool visible = false;

    Legend(const ImRect& plot, std::vector<LegendEntry> e) : entries(std::move(e)) {
        if (entries.empty()) return;
        const float font = ImGui::GetFontSize();
        const float pad = std::round(font * 0.4f);
        const float swatch = std::round(font * 1.2f);
        const float row = std::round(font * 1.2f);
        float text_w = 0;
        for (const LegendEntry& le : entries) text_w = std::max(text_w, text_size(le.label).x);
        size = ImVec2(std::round(pad * 2 + swatch + pad + text_w), std::round(pad * 2 + row * float(entries.size()) - (row - font)));
        // A legend that would bury a small plot is left out (the tooltip still names the series).
        visible = size.x <= plot.GetWidth() * 0.7f && size.y <= plot.GetHeight() * 0.7f;
        const float m = pad;
        corners[0] = ImRect(ImVec2(plot.Max.x - m - size.x, plot.Min.y + m), ImVec2(plot.Max.x - m, plot.Min.y + m + size.y));
        corners[1] = ImRect(ImVec2(plot.Min.x + m, plot.Min.y + m), ImVec2(plot.Min.x + m + size.x, plot.Min.y + m + size.y));
        corners[2] = ImRect(ImVec2(plot.Max.x - m - size.x, plot.Max.y - m - size.y), ImVec2(plot.Max.x - m, plot.Max.y - m));
        corners[3] = ImRect(ImVec2(plot.Min.x + m, plot.Max.y - m - size.y), ImVec2(plot.Min.x + m + size.x, plot.Max.y - m));
    }

    // Data drawn under the legend candidates: points (with a radius) and line segments.
    void cover_point(ImVec2 p, float r) {
        for (size_t i = 0; i < corners.size(); ++i) {
            ImRect c = corners[i];
            c.Expand(r);
            if (c.Contains(p)) ++covered[i];
        }
    }
    void cover_segment(ImVec2 a, ImVec2 b) {
        for (size_t i = 0; i < corners.size(); ++i)
            if (segment_hits(a, b, corners[i])) ++covered[i];
    }

    static bool segment_hits(ImVec2 a, ImVec2 b, const ImRect& r) {
        double x0 = a.x, y0 = a.y, x1 = b.x, y1 = b.y;
        return plot_detail::clip_segment(x0, y0, x1, y1, r.Min.x, r.Max.x, r.Min.y, r.Max.y);
    }

    void draw(ImDrawList* dl, const ImRect& plot) const {
        if (!visible) return;
        size_t best = 0;
        for (size_t i = 1; i < corners.size(); ++i)
            if (covered[i] < covered[best]) best = i;
        const ImRect box = corners[best];
        const float font = ImGui::GetFontSize();
        const float pad = std::round(font * 0.4f);
        const float swatch = std::round(font * 1.2f);
        const float row = std::round(font * 1.2f);
        dl->PushClipRect(plot.Min, plot.Max, true);
        dl->AddRectFilled(box.Min, box.Max, kLegendBg, font * 0.2f);
        dl->AddRect(box.Min, box.Max, kFrameBorder, font * 0.2f, 0, 1.f);
        for (size_t i = 0; i < entries.size(); ++i) {
            const float y = box.Min.y + pad + row * float(i);
            const float cy = std::round(y + font * 0.5f);
            if (entries[i].circle) {
                const ImVec2 c(box.Min.x + pad + swatch * 0.5f, cy);
                dl->AddCircleFilled(c, font * 0.32f, entries[i].color);
                dl->AddCircle(c, font * 0.32f, kOutline, 0, 1.5f);
            } else {
                dl->AddLine(ImVec2(box.Min.x + pad, cy), ImVec2(box.Min.x + pad + swatch, cy), entries[i].color, 4.f);
            }
            draw_text(dl, ImVec2(box.Min.x + pad * 2 + swatch, y), text_color(), entries[i].label);
        }
        dl->PopClipRect();
    }
};

// "no data yet" in the middle of the plot.
void no_data_note(ImDrawList* dl, const ImRect& plot);

// Colour swatch + text in a tooltip.
void tooltip_swatch_line(ImU32 color, const std::string& text);

float default_plot_height();

}  // namespace ui::plot_detail
