// Plot widgets drawn with ImGui's draw list: line plots, heatmaps and scatter plots sized for a
// classroom projector (every label in the current font, thick lines, labels that never collide).
#include "ui/widgets/plot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include <imgui_internal.h>  // ImRect

#include "ui/widgets/plot_internal.h"

namespace ui {
namespace {

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

ImU32 text_color() { return ImGui::GetColorU32(ImGuiCol_Text); }

bool finite(double v) { return std::isfinite(v); }

ImVec2 text_size(const std::string& s) { return ImGui::CalcTextSize(s.c_str()); }

void draw_text(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& s) {
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(std::floor(pos.x), std::floor(pos.y)), col,
                s.c_str());
}

// Text with a dark one-pixel halo, readable over data.
void draw_text_halo(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& s) {
    pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            if (dx || dy) draw_text(dl, ImVec2(pos.x + dx, pos.y + dy), IM_COL32(0, 0, 0, 200), s);
    draw_text(dl, pos, col, s);
}

// Reserves a widget rectangle at the cursor and makes it hoverable. False when it is clipped.
bool begin_widget(const char* id, ImVec2 size, float default_height, ImRect& bb) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (size.x <= 0) size.x = std::max(avail.x + size.x, 1.f);
    if (size.y == 0) size.y = default_height;
    else if (size.y < 0) size.y = std::max(avail.y + size.y, 1.f);
    size.x = std::max(std::floor(size.x), 1.f);
    size.y = std::max(std::floor(size.y), 1.f);
    ImGui::InvisibleButton(id, size);
    bb.Min = ImGui::GetItemRectMin();
    bb.Max = ImGui::GetItemRectMax();
    return ImGui::IsItemVisible();
}

double exp10i(int e) { return std::pow(10.0, double(e)); }

// Tick labels for a set of ticks: format_tick, with more digits when two would read the same.
std::vector<std::string> tick_labels(const std::vector<double>& ticks) {
    std::vector<std::string> labels;
    labels.reserve(ticks.size());
    for (double t : ticks) labels.push_back(format_tick(t));
    auto unique = [&] {
        for (size_t i = 1; i < labels.size(); ++i)
            if (labels[i] == labels[i - 1]) return false;
        return true;
    };
    for (int digits = 4; digits <= 17 && !unique(); ++digits) {
        for (size_t i = 0; i < ticks.size(); ++i) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.*g", digits, ticks[i]);
            labels[i] = buf;
        }
    }
    return labels;
}

// A value in a tooltip or a heatmap cell: a few significant digits.
std::string format_value(double v, int digits = 4) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    char buf[64];
    const double a = std::fabs(v);
    if (a < 1e-3 || a >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.*e", std::max(digits - 2, 0), v);
        // "1.23e-05" -> "1.23e-5"
        std::string s = buf;
        const size_t e = s.find('e');
        if (e != std::string::npos) {
            std::string mant = s.substr(0, e), exp = s.substr(e + 1);
            std::string sign;
            if (!exp.empty() && (exp[0] == '-' || exp[0] == '+')) {
                if (exp[0] == '-') sign = "-";
                exp = exp.substr(1);
            }
            while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
            if (mant.find('.') != std::string::npos) {
                while (!mant.empty() && mant.back() == '0') mant.pop_back();
                if (!mant.empty() && mant.back() == '.') mant.pop_back();
            }
            return mant + "e" + sign + exp;
        }
        return s;
    }
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

float luminance(ImU32 c) {
    const float r = float((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.f;
    const float g = float((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.f;
    const float b = float((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.f;
    return 0.2126f * r + 0.7152f * g + 0.0722f * b;
}

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

}  // namespace

namespace plot_detail {

AxisRange fit_range(double fixed_lo, double fixed_hi, bool log, double data_lo, double data_hi, double margin) {
    AxisRange r;
    r.log = log;
    const bool fixed_ok = finite(fixed_lo) && finite(fixed_hi) && fixed_lo < fixed_hi && (!log || fixed_lo > 0);
    if (fixed_ok) {
        r.lo = fixed_lo;
        r.hi = fixed_hi;
        return r;
    }
    const bool have = finite(data_lo) && finite(data_hi) && data_lo <= data_hi && (!log || data_lo > 0);
    if (log) {
        double a = have ? std::log10(data_lo) : 0.0, b = have ? std::log10(data_hi) : 1.0;
        if (b - a < 1e-9) {
            a -= 0.5;
            b += 0.5;
        } else {
            const double m = (b - a) * margin;
            a -= m;
            b += m;
        }
        r.lo = std::pow(10.0, a);
        r.hi = std::pow(10.0, b);
        return r;
    }
    double lo = have ? data_lo : 0.0, hi = have ? data_hi : 1.0;
    const double scale = std::max(std::fabs(lo), std::fabs(hi));
    if (hi - lo <= scale * 1e-12) {
        const double d = scale > 0 ? scale * 0.1 : 1.0;
        lo -= d;
        hi += d;
    } else {
        const double m = (hi - lo) * margin;
        lo -= m;
        hi += m;
    }
    if (!finite(hi - lo)) {  // astronomically wide data: keep the range representable
        lo = std::max(lo, -1e300);
        hi = std::min(hi, 1e300);
    }
    r.lo = lo;
    r.hi = hi;
    return r;
}

float Scale::to_px(double v) const {
    const double a = fwd(range.lo), b = fwd(range.hi);
    const double u = fwd(v);
    double t = (u - a) / (b - a);
    if (!finite(t)) t = u > a ? 1e6 : -1e6;
    t = std::clamp(t, -1e4, 1e4);  // keep far-away points representable in float pixels
    return float(p0 + (p1 - p0) * t);
}

double Scale::from_px(float px) const {
    const double a = fwd(range.lo), b = fwd(range.hi);
    const double t = (double(px) - p0) / (double(p1) - p0);
    const double u = a + t * (b - a);
    return range.log ? std::pow(10.0, u) : u;
}

double Scale::fwd(double v) const { return range.log ? std::log10(v) : v; }

TickSet make_ticks(const AxisRange& r, int target, float pixels_per_unit_log) {
    TickSet ts;
    target = std::max(target, 1);
    if (r.log) {
        const double a = std::log10(r.lo), b = std::log10(r.hi);
        const int k0 = int(std::ceil(a - 1e-9)), k1 = int(std::floor(b + 1e-9));
        const int decades = k1 - k0 + 1;
        if (decades >= 2) {
            static const int strides[] = {1, 2, 3, 4, 5, 10, 20, 25, 50, 100};
            int stride = strides[std::size(strides) - 1];
            for (int s : strides) {
                // Number of multiples of s in [k0, k1].
                const int first = int(std::ceil(double(k0) / s)), last = int(std::floor(double(k1) / s));
                if (last - first + 1 <= target) {
                    stride = s;
                    break;
                }
            }
            for (int k = k0; k <= k1; ++k) {
                const int mod = ((k % stride) + stride) % stride;
                if (mod == 0) ts.major.push_back(exp10i(k));
                else ts.minor.push_back(exp10i(k));
            }
            if (ts.major.size() < 2) {  // a large stride left one label: fall back to every decade's end points
                ts.major = {exp10i(k0), exp10i(k1)};
                ts.minor.clear();
            }
            // 2..9 x 10^k between the decades, when a decade is tall enough to show them apart.
            if (stride == 1 && pixels_per_unit_log >= 60.f) {
                for (int k = k0 - 1; k <= k1; ++k)
                    for (int m = 2; m <= 9; ++m) {
                        const double v = m * exp10i(k);
                        if (v >= r.lo && v <= r.hi) ts.minor.push_back(v);
                    }
            }
            return ts;
        }
        // Less than two decades in view: 1, 2 and 5 x 10^k when that gives a few ticks, else plain nice
        // steps of the value.
        std::vector<double> one_two_five;
        for (int k = k0 - 1; k <= k1; ++k)
            for (int m : {1, 2, 5}) {
                const double v = m * exp10i(k);
                if (v >= r.lo * (1 - 1e-9) && v <= r.hi * (1 + 1e-9)) one_two_five.push_back(v);
            }
        if (one_two_five.size() >= 2 && int(one_two_five.size()) <= target + 1) {
            ts.major = one_two_five;
            if (pixels_per_unit_log >= 60.f)
                for (int k = k0 - 1; k <= k1; ++k)
                    for (int m : {3, 4, 6, 7, 8, 9}) {
                        const double v = m * exp10i(k);
                        if (v >= r.lo && v <= r.hi) ts.minor.push_back(v);
                    }
            return ts;
        }
        ts.major = nice_ticks(r.lo, r.hi, target);
        ts.major.erase(std::remove_if(ts.major.begin(), ts.major.end(), [](double v) { return v <= 0; }),
                       ts.major.end());
        return ts;
    }
    ts.major = nice_ticks(r.lo, r.hi, target);
    return ts;
}

}  // namespace plot_detail

namespace {

using plot_detail::AxisRange;
using plot_detail::Scale;
using plot_detail::TickSet;

struct PlacedTicks {
    TickSet ticks;
    std::vector<std::string> labels;
    std::vector<ImVec2> label_pos;  // top-left of each label
    float max_label_width = 0;
};

// Chooses ticks whose labels do not overlap. Horizontal axes place labels under `edge` (the plot's
// bottom), clamped to [clamp_lo, clamp_hi]; vertical axes centre them on the tick, right-aligned at
// `edge` (a pixel column).
PlacedTicks place_ticks(const Scale& s, bool horizontal, float edge, float clamp_lo, float clamp_hi) {
    const float font = ImGui::GetFontSize();
    const float length = std::fabs(s.p1 - s.p0);
    const float per_log_unit = s.range.log ? length / float(std::log10(s.range.hi) - std::log10(s.range.lo)) : 0.f;
    const int start = horizontal ? std::clamp(int(length / (font * 3.5f)), 2, 12)
                                 : std::clamp(int(length / (font * 2.0f)), 2, 10);
    auto try_place = [&](const TickSet& ts, PlacedTicks& out) {
        out.ticks = ts;
        out.labels = tick_labels(ts.major);
        out.label_pos.clear();
        out.max_label_width = 0;
        for (size_t i = 0; i < ts.major.size(); ++i) {
            const ImVec2 sz = text_size(out.labels[i]);
            out.max_label_width = std::max(out.max_label_width, sz.x);
            const float p = s.to_px(ts.major[i]);
            if (horizontal) {
                float x = p - sz.x * 0.5f;
                x = std::clamp(x, clamp_lo, std::max(clamp_lo, clamp_hi - sz.x));
                out.label_pos.push_back(ImVec2(x, edge));
            } else {
                float y = p - sz.y * 0.5f;
                y = std::clamp(y, clamp_lo, std::max(clamp_lo, clamp_hi - sz.y));
                out.label_pos.push_back(ImVec2(edge - sz.x, y));
            }
        }
        // Overlap test in screen order.
        std::vector<size_t> order(ts.major.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        if (horizontal)
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out.label_pos[a].x < out.label_pos[b].x; });
        else
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return out.label_pos[a].y < out.label_pos[b].y; });
        for (size_t k = 1; k < order.size(); ++k) {
            const size_t a = order[k - 1], b = order[k];
            if (horizontal) {
                const float gap = font * 0.7f;
                if (out.label_pos[a].x + text_size(out.labels[a]).x + gap > out.label_pos[b].x) return false;
            } else {
                if (out.label_pos[a].y + font * 1.1f > out.label_pos[b].y) return false;
            }
        }
        return true;
    };
    PlacedTicks out;
    for (int target = start; target >= 2; --target) {
        if (try_place(plot_detail::make_ticks(s.range, target, per_log_unit), out)) return out;
    }
    // Still crowded (a tiny widget): keep every k-th tick of the sparsest set.
    TickSet sparse = plot_detail::make_ticks(s.range, 2, per_log_unit);
    for (size_t k = 2; k <= std::max<size_t>(2, sparse.major.size()); ++k) {
        TickSet thin = sparse;
        thin.major.clear();
        for (size_t i = 0; i < sparse.major.size(); i += k) thin.major.push_back(sparse.major[i]);
        if (try_place(thin, out)) return out;
    }
    TickSet one;
    if (!sparse.major.empty()) one.major.push_back(sparse.major.front());
    try_place(one, out);
    return out;
}

// Plot frame: background, grid, axes, ticks, tick labels and axis titles. Returns the scales that
// map data to the plot rectangle.
struct Frame {
    ImRect plot;
    Scale x, y;
};

Frame draw_frame(ImDrawList* dl, const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                 const std::string& y_label) {
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const float tick_len = std::round(font * 0.3f);

    // Vertical layout does not depend on the labels.
    const float top = y_label.empty() ? std::round(font * 0.6f) : std::round(font * 1.6f + pad);
    const float bottom = tick_len + pad * 0.5f + font + (x_label.empty() ? pad : pad + font + pad * 0.5f);
    Frame f;
    f.plot.Min.y = bb.Min.y + top;
    f.plot.Max.y = std::max(f.plot.Min.y + 4.f, bb.Max.y - bottom);
    f.y.range = yr;
    f.y.p0 = f.plot.Max.y;
    f.y.p1 = f.plot.Min.y;

    // Y ticks decide the left margin; place them once to measure, then again at the final column.
    PlacedTicks yt = place_ticks(f.y, false, bb.Min.x, bb.Min.y, bb.Max.y);
    const float left = std::min(pad + yt.max_label_width + pad * 0.5f + tick_len, std::max(bb.GetWidth() * 0.4f, 0.f));
    f.plot.Min.x = bb.Min.x + std::round(left);
    f.plot.Max.x = std::max(f.plot.Min.x + 4.f, bb.Max.x - std::round(font * 0.8f));
    yt = place_ticks(f.y, false, f.plot.Min.x - tick_len - pad * 0.5f, bb.Min.y, bb.Max.y);

    f.x.range = xr;
    f.x.p0 = f.plot.Min.x;
    f.x.p1 = f.plot.Max.x;
    const PlacedTicks xt = place_ticks(f.x, true, f.plot.Max.y + tick_len + pad * 0.5f, bb.Min.x, bb.Max.x);

    dl->AddRectFilled(f.plot.Min, f.plot.Max, kPlotBg);

    // Grid: minor, then major.
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    for (double v : xt.ticks.minor) {
        const float px = std::round(f.x.to_px(v));
        dl->AddLine(ImVec2(px, f.plot.Min.y), ImVec2(px, f.plot.Max.y), kMinorGridColor, kGridThickness);
    }
    for (double v : yt.ticks.minor) {
        const float py = std::round(f.y.to_px(v));
        dl->AddLine(ImVec2(f.plot.Min.x, py), ImVec2(f.plot.Max.x, py), kMinorGridColor, kGridThickness);
    }
    for (double v : xt.ticks.major) {
        const float px = std::round(f.x.to_px(v));
        dl->AddLine(ImVec2(px, f.plot.Min.y), ImVec2(px, f.plot.Max.y), kGridColor, kGridThickness);
    }
    for (double v : yt.ticks.major) {
        const float py = std::round(f.y.to_px(v));
        dl->AddLine(ImVec2(f.plot.Min.x, py), ImVec2(f.plot.Max.x, py), kGridColor, kGridThickness);
    }
    dl->PopClipRect();

    dl->AddRect(f.plot.Min, f.plot.Max, kFrameBorder, 0.f, 0, 1.f);
    // Axes: left and bottom, with ticks.
    dl->AddLine(ImVec2(f.plot.Min.x, f.plot.Min.y), ImVec2(f.plot.Min.x, f.plot.Max.y + 1), kAxisColor, kAxisThickness);
    dl->AddLine(ImVec2(f.plot.Min.x - 1, f.plot.Max.y), ImVec2(f.plot.Max.x, f.plot.Max.y), kAxisColor, kAxisThickness);
    for (size_t i = 0; i < xt.ticks.major.size(); ++i) {
        const float px = std::round(f.x.to_px(xt.ticks.major[i]));
        dl->AddLine(ImVec2(px, f.plot.Max.y), ImVec2(px, f.plot.Max.y + tick_len), kAxisColor, kAxisThickness);
        draw_text(dl, xt.label_pos[i], text_color(), xt.labels[i]);
    }
    for (size_t i = 0; i < yt.ticks.major.size(); ++i) {
        const float py = std::round(f.y.to_px(yt.ticks.major[i]));
        dl->AddLine(ImVec2(f.plot.Min.x - tick_len, py), ImVec2(f.plot.Min.x, py), kAxisColor, kAxisThickness);
        draw_text(dl, yt.label_pos[i], text_color(), yt.labels[i]);
    }

    // Axis titles: x centred under the plot, y horizontally above the y axis.
    dl->PushClipRect(bb.Min, bb.Max, true);
    if (!x_label.empty()) {
        const ImVec2 sz = text_size(x_label);
        float x = 0.5f * (f.plot.Min.x + f.plot.Max.x) - sz.x * 0.5f;
        x = std::clamp(x, bb.Min.x, std::max(bb.Min.x, bb.Max.x - sz.x));
        draw_text(dl, ImVec2(x, bb.Max.y - font - pad * 0.5f), kMutedText, x_label);
    }
    if (!y_label.empty()) draw_text(dl, ImVec2(bb.Min.x + pad * 0.5f, bb.Min.y + pad * 0.25f), kMutedText, y_label);
    dl->PopClipRect();
    return f;
}

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
        // Liang-Barsky clipping of the segment against the rectangle.
        float t0 = 0, t1 = 1;
        const float dx = b.x - a.x, dy = b.y - a.y;
        const float p[4] = {-dx, dx, -dy, dy};
        const float q[4] = {a.x - r.Min.x, r.Max.x - a.x, a.y - r.Min.y, r.Max.y - a.y};
        for (int i = 0; i < 4; ++i) {
            if (p[i] == 0) {
                if (q[i] < 0) return false;
                continue;
            }
            const float t = q[i] / p[i];
            if (p[i] < 0) t0 = std::max(t0, t);
            else t1 = std::min(t1, t);
            if (t0 > t1) return false;
        }
        return true;
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

void no_data_note(ImDrawList* dl, const ImRect& plot) {
    const char* msg = "no data yet";
    const ImVec2 sz = ImGui::CalcTextSize(msg);
    draw_text(dl, ImVec2(0.5f * (plot.Min.x + plot.Max.x - sz.x), 0.5f * (plot.Min.y + plot.Max.y - sz.y)), kMutedText,
              msg);
}

// Colour swatch + text in a tooltip.
void tooltip_swatch_line(ImU32 color, const std::string& text) {
    const float font = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + font * 0.2f), ImVec2(p.x + font * 0.6f, p.y + font * 0.8f),
                                              color, font * 0.1f);
    ImGui::Dummy(ImVec2(font * 0.6f, font));
    ImGui::SameLine();
    ImGui::TextUnformatted(text.c_str());
}

float default_plot_height() { return std::round(ImGui::GetFontSize() * 14.f); }

}  // namespace

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

}  // namespace plot_detail

// ---- Public API ----------------------------------------------------------------------------------

ImU32 palette_color(int index) {
    static constexpr std::array<ImU32, 8> kOkabeIto = {
        IM_COL32(0xE6, 0x9F, 0x00, 255),  // orange
        IM_COL32(0x56, 0xB4, 0xE9, 255),  // sky blue
        IM_COL32(0x00, 0x9E, 0x73, 255),  // bluish green
        IM_COL32(0xF0, 0xE4, 0x42, 255),  // yellow
        IM_COL32(0x00, 0x72, 0xB2, 255),  // blue
        IM_COL32(0xD5, 0x5E, 0x00, 255),  // vermillion
        IM_COL32(0xCC, 0x79, 0xA7, 255),  // reddish purple
        IM_COL32(0xA0, 0xA0, 0xA0, 255),  // grey (Okabe-Ito's black, lightened for a dark background)
    };
    const int n = int(kOkabeIto.size());
    return kOkabeIto[size_t(((index % n) + n) % n)];
}

ImU32 colormap_color(Colormap map, float t) {
    struct Rgb {
        float r, g, b;
    };
    // Viridis (matplotlib), sampled at 10 evenly spaced points.
    static constexpr Rgb kViridis[] = {
        {0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3E, 0x4A, 0x89}, {0x31, 0x68, 0x8E}, {0x26, 0x82, 0x8E},
        {0x1F, 0x9E, 0x89}, {0x35, 0xB7, 0x79}, {0x6D, 0xCD, 0x59}, {0xB4, 0xDE, 0x2C}, {0xFD, 0xE7, 0x25},
    };
    // Blue - near white - orange.
    static constexpr Rgb kDiverging[] = {
        {0x2C, 0x7B, 0xB6}, {0x7F, 0xB2, 0xD8}, {0xC6, 0xDD, 0xEC}, {0xF7, 0xF5, 0xF2},
        {0xF9, 0xD9, 0xB0}, {0xF7, 0xBA, 0x6C}, {0xF5, 0x9A, 0x23},
    };
    const Rgb* table = map == Colormap::Viridis ? kViridis : kDiverging;
    const int n = map == Colormap::Viridis ? int(std::size(kViridis)) : int(std::size(kDiverging));
    if (std::isnan(t)) t = 0.f;
    t = std::clamp(t, 0.f, 1.f);
    const float s = t * float(n - 1);
    const int i = std::min(int(s), n - 2);
    const float f = s - float(i);
    const Rgb& a = table[i];
    const Rgb& b = table[i + 1];
    auto mix = [f](float u, float v) { return int(std::lround(u + (v - u) * f)); };
    return IM_COL32(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255);
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
    if (!finite(lo) || !finite(hi)) return {};
    if (lo > hi) std::swap(lo, hi);
    if (lo == hi) return {lo};
    target = std::clamp(target, 1, 1000);
    double span = hi - lo;
    if (!finite(span)) span = std::numeric_limits<double>::max();
    // step = mant x 10^exp with mant in {1, 2, 5}
    const double raw = span / target;
    int exp = int(std::floor(std::log10(raw)));
    const double f = raw / std::pow(10.0, exp);
    int mant;
    if (f < 1.5) mant = 1;
    else if (f < 3.0) mant = 2;
    else if (f < 7.0) mant = 5;
    else {
        mant = 1;
        ++exp;
    }
    auto step_of = [&] { return mant * std::pow(10.0, exp); };
    auto count_of = [&](double step) { return std::floor(hi / step + 1e-9) - std::ceil(lo / step - 1e-9) + 1; };
    // At least two ticks when the caller asked for two or more.
    for (int guard = 0; guard < 6 && target >= 2 && count_of(step_of()) < 2; ++guard) {
        if (mant == 1) {
            mant = 5;
            --exp;
        } else if (mant == 2) {
            mant = 1;
        } else {
            mant = 2;
        }
    }
    const double step = step_of();
    if (!(step > 0) || !finite(step)) return {lo, hi};
    // Beyond double precision (a tiny range far from zero): the end points are the best we can do.
    if (std::max(std::fabs(lo), std::fabs(hi)) / step > 1e14) return {lo, hi};
    const double k0 = std::ceil(lo / step - 1e-9), k1 = std::floor(hi / step + 1e-9);
    std::vector<double> ticks;
    for (double k = k0; k <= k1 && ticks.size() < 2002; k += 1) {
        // k * mant / 10^-exp rounds better than k * step (0.6 rather than 0.6000000000000001).
        double v = exp >= 0 ? k * mant * std::pow(10.0, exp) : (k * mant) / std::pow(10.0, -exp);
        if (std::fabs(v) < step * 1e-9) v = 0;
        ticks.push_back(v);
    }
    return ticks;
}

std::string format_tick(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0";
    const double a = std::fabs(v);
    char buf[64];
    if (a < 1e-3 || a >= 1e15) {
        // Scientific with up to three significant digits and a bare exponent: "1e-6", "2.5e-7", "3e15".
        int e = int(std::floor(std::log10(a)));
        double m = v / std::pow(10.0, e);
        m = std::round(m * 100.0) / 100.0;
        if (std::fabs(m) >= 10.0) {
            m /= 10.0;
            ++e;
        } else if (std::fabs(m) < 1.0) {
            m *= 10.0;
            --e;
            m = std::round(m * 100.0) / 100.0;
        }
        std::snprintf(buf, sizeof buf, "%.3ge%d", m, e);
        return buf;
    }
    if (a >= 1e3) {
        static const char* kSuffix[] = {"", "k", "M", "G", "T"};
        int idx = std::min(int(std::floor(std::log10(a) / 3.0 + 1e-12)), 4);
        double m = v / std::pow(1000.0, idx);
        if (std::fabs(std::round(m * 1000.0) / 1000.0) >= 1000.0 && idx < 4) {
            m /= 1000.0;
            ++idx;
        }
        std::snprintf(buf, sizeof buf, "%.4g%s", m, kSuffix[idx]);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.6g", v);
    std::string s = buf;
    if (s == "-0") s = "0";
    return s;
}

void PlotLines(const char* id, std::span<const LineSeries> series, const LinePlotOptions& options) {
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();

    // Ranges: fixed, or fitted to the finite (positive on log axes) values.
    Extent ex{options.log_x}, ey{options.log_y};
    for (const LineSeries& s : series) {
        const size_t n = s.x.empty() ? s.y.size() : std::min(s.x.size(), s.y.size());
        for (size_t i = 0; i < n; ++i) {
            const double xv = s.x.empty() ? double(i) : s.x[i];
            const double yv = s.y[i];
            if (!finite(xv) || !finite(yv) || (options.log_x && xv <= 0) || (options.log_y && yv <= 0)) continue;
            ex.add(xv);
            ey.add(yv);
        }
    }
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

void Heatmap(const char* id, std::span<const float> values, int rows, int cols, const HeatmapOptions& options) {
    rows = std::max(rows, 0);
    cols = std::max(cols, 0);
    if (size_t(rows) * size_t(cols) > values.size()) rows = cols > 0 ? int(values.size() / size_t(cols)) : 0;  // malformed input
    const size_t n_cells = size_t(rows) * size_t(cols);
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const bool has_row_labels = !options.row_labels.empty() && rows > 0;
    const bool has_col_labels = !options.col_labels.empty() && cols > 0;

    // Colour range: fixed, or the data's (symmetric about zero for a diverging map over both signs).
    const bool log = options.log_scale;
    Extent ev{log};
    double max_abs = 0;
    for (size_t i = 0; i < n_cells; ++i) {
        ev.add(values[i]);
        if (finite(values[i])) max_abs = std::max(max_abs, std::fabs(double(values[i])));
    }
    double lo, hi;
    const bool fixed = finite(options.v_min) && finite(options.v_max) && options.v_min < options.v_max &&
                       (!log || options.v_min > 0);
    if (fixed) {
        lo = options.v_min;
        hi = options.v_max;
    } else if (ev.empty()) {
        lo = log ? 0.1 : 0.0;
        hi = 1.0;
    } else {
        lo = ev.lo;
        hi = ev.hi;
        if (!log && options.colormap == Colormap::Diverging && lo < 0 && hi > 0) {
            const double m = std::max(-lo, hi);
            lo = -m;
            hi = m;
        }
    }
    AxisRange cr;
    cr.log = log;
    if (log) {
        double a = std::log10(lo), b = std::log10(hi);
        if (!(b - a > 1e-9)) {  // one positive value everywhere
            a -= 0.5;
            b += 0.5;
        }
        cr.lo = std::pow(10.0, a);
        cr.hi = std::pow(10.0, b);
    } else {
        const double scale = std::max(std::fabs(lo), std::fabs(hi));
        if (!(hi - lo > scale * 1e-12)) {  // constant matrix
            const double d = scale > 0 ? scale * 0.1 : 1.0;
            lo -= d;
            hi += d;
        }
        cr.lo = lo;
        cr.hi = hi;
    }
    const double c_a = log ? std::log10(cr.lo) : cr.lo, c_b = log ? std::log10(cr.hi) : cr.hi;
    auto to_t = [&](double v) -> float {
        if (log) {
            if (!(v > 0)) return 0.f;
            v = std::log10(v);
        }
        return float(std::clamp((v - c_a) / (c_b - c_a), 0.0, 1.0));
    };
    auto color_of = [&](double v) { return finite(v) ? colormap_color(options.colormap, to_t(v)) : kMissingCell; };
    // Cell text: the same number of decimals across the matrix.
    auto cell_text = [&](double v) -> std::string {
        if (v == 0) return "0";
        if (log || max_abs >= 1e4 || max_abs < 0.1) return format_value(v, 2);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*f", max_abs >= 100 ? 0 : max_abs >= 10 ? 1 : 2, v);
        return buf;
    };

    float row_label_w = 0;
    for (int r = 0; has_row_labels && r < rows && r < int(options.row_labels.size()); ++r)
        row_label_w = std::max(row_label_w, text_size(options.row_labels[size_t(r)]).x);
    std::vector<float> col_label_w;
    for (int c = 0; has_col_labels && c < cols && c < int(options.col_labels.size()); ++c)
        col_label_w.push_back(text_size(options.col_labels[size_t(c)]).x);

    const float bar_w = std::round(font * 1.0f);
    const float tick_len = std::round(font * 0.3f);
    const float bar_gap = std::round(font * 0.8f);
    const float top = options.colorbar_label.empty() ? std::round(font * 0.6f) : std::round(font * 1.6f + pad);
    const float label_row_h = std::round(font * 1.05f);
    auto bottom_for = [&](int label_rows) {
        return has_col_labels ? std::round(pad * 0.5f + label_row_h * float(label_rows) + pad) : std::round(font * 0.6f);
    };

    // Default height: square-ish cells, within reason.
    float default_h;
    {
        const float avail_w = options.size.x > 0 ? options.size.x : ImGui::GetContentRegionAvail().x;
        const float grid_w = std::max(avail_w - row_label_w - font * 6.f, 10.f);
        const float cell = cols > 0 ? grid_w / float(cols) : font;
        const float grid_h = std::clamp(float(rows) * std::min(cell, font * 1.5f), font * 5.f, font * 20.f);
        default_h = std::round(grid_h + top + bottom_for(1));
    }
    ImRect bb;
    if (!begin_widget(id, options.size, default_h, bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Layout for one or two rows of column labels: grid rectangle and colorbar ticks (3-5 labels that
    // fit the bar's height; the widest label sets the right margin).
    ImRect grid;
    TickSet cticks;
    std::vector<std::string> clabels;
    auto layout = [&](int label_rows) {
        grid.Min.y = bb.Min.y + top;
        grid.Max.y = std::max(grid.Min.y + 4.f, bb.Max.y - bottom_for(label_rows));
        const float bar_h = grid.GetHeight();
        const float per_log = log ? bar_h / float(c_b - c_a) : 0.f;
        const int max_labels = std::max(1, int(bar_h / (font * 1.2f)) + 1);
        cticks = TickSet{};
        for (int target : {4, 3, 5, 2}) {
            TickSet ts = plot_detail::make_ticks(cr, target, per_log);
            const int n = int(ts.major.size());
            if (n >= 3 && n <= 5 && n <= max_labels) {
                cticks = ts;
                break;
            }
            if (cticks.major.empty() || (n >= 2 && size_t(n) < cticks.major.size())) cticks = ts;
        }
        while (int(cticks.major.size()) > std::min(5, max_labels) && cticks.major.size() > 1) {
            std::vector<double> thin;
            for (size_t i = 0; i < cticks.major.size(); i += 2) thin.push_back(cticks.major[i]);
            cticks.major = thin;
        }
        clabels = tick_labels(cticks.major);
        float clabel_w = 0;
        for (const std::string& l : clabels) clabel_w = std::max(clabel_w, text_size(l).x);
        const float right = bar_gap + bar_w + tick_len + pad * 0.5f + clabel_w + pad * 0.5f;
        const float left = has_row_labels ? std::min(row_label_w + pad * 1.5f, bb.GetWidth() * 0.35f) : 0.f;
        grid.Min.x = bb.Min.x + std::round(left);
        grid.Max.x = std::max(grid.Min.x + 4.f, bb.Max.x - std::round(right));
    };

    // Column labels: all in one row; else staggered over two rows; else every k-th.
    auto col_label_x = [&](int c) {
        const float cell_w = grid.GetWidth() / float(cols);
        const float w = col_label_w[size_t(c)];
        return std::clamp(grid.Min.x + cell_w * (float(c) + 0.5f) - w * 0.5f, bb.Min.x, std::max(bb.Min.x, bb.Max.x - w));
    };
    auto labels_fit = [&](int k, bool stagger) {
        float last_right[2] = {-1e30f, -1e30f};
        for (int c = 0, i = 0; c < int(col_label_w.size()); c += k, ++i) {
            const int row = stagger ? i % 2 : 0;
            const float x = col_label_x(c);
            if (x < last_right[row] + font * 0.5f) return false;
            last_right[row] = x + col_label_w[size_t(c)];
        }
        return true;
    };
    int label_rows = 1, stride = 1;
    layout(1);
    if (has_col_labels && !labels_fit(1, false)) {
        bool staggered = false;
        if (labels_fit(1, true)) {
            layout(2);
            // Worth it unless the lost height would thin out the row labels.
            const float need_h = has_row_labels ? float(rows) * font * 1.05f : font * 3.f;
            staggered = labels_fit(1, true) && grid.GetHeight() >= std::min(need_h, font * 3.f) &&
                        (!has_row_labels || grid.GetHeight() >= need_h);
            if (!staggered) layout(1);
        }
        if (staggered) {
            label_rows = 2;
        } else {
            while (stride < cols && !labels_fit(stride, false)) ++stride;
        }
    }
    Scale cbar;
    cbar.range = cr;
    cbar.p0 = grid.Max.y;
    cbar.p1 = grid.Min.y;

    const float gw = grid.GetWidth(), gh = grid.GetHeight();
    if (rows == 0 || cols == 0) {
        dl->AddRectFilled(grid.Min, grid.Max, kPlotBg);
        no_data_note(dl, grid);
    } else {
        // Cells, or blocks of cells averaged together when there are more cells than pixels (and at
        // most ~40k rectangles whatever the matrix).
        int draw_rows = std::min(rows, std::max(1, int(gh)));
        int draw_cols = std::min(cols, std::max(1, int(gw)));
        if (double(draw_rows) * draw_cols > 40000.0) {
            const double k = std::sqrt(double(draw_rows) * draw_cols / 40000.0);
            draw_rows = std::max(1, int(draw_rows / k));
            draw_cols = std::max(1, int(draw_cols / k));
        }
        const float cw = gw / float(draw_cols), ch = gh / float(draw_rows);
        const float gap = (cw >= 10.f && ch >= 10.f) ? 1.f : 0.f;
        const bool blocks = draw_rows != rows || draw_cols != cols;
        // Values in every cell or in none: only when the widest one fits.
        bool show_values = options.show_values && !blocks && cw - gap >= font * 1.2f && ch - gap >= font;
        for (size_t i = 0; show_values && i < n_cells; ++i)
            if (finite(values[i]) && text_size(cell_text(values[i])).x + font * 0.3f > cw - gap - 1.f) show_values = false;
        dl->AddRectFilled(grid.Min, grid.Max, gap > 0 ? kPlotBg : kMissingCell);
        for (int br = 0; br < draw_rows; ++br) {
            const float ya = std::round(grid.Min.y + ch * float(br)), yb = std::round(grid.Min.y + ch * float(br + 1));
            for (int bc = 0; bc < draw_cols; ++bc) {
                const float xa = std::round(grid.Min.x + cw * float(bc)), xb = std::round(grid.Min.x + cw * float(bc + 1));
                double v;
                if (!blocks) {
                    v = values[size_t(br) * size_t(cols) + size_t(bc)];
                } else {
                    const int r0 = int(int64_t(br) * rows / draw_rows), r1 = int(int64_t(br + 1) * rows / draw_rows);
                    const int c0 = int(int64_t(bc) * cols / draw_cols), c1 = int(int64_t(bc + 1) * cols / draw_cols);
                    double sum = 0;
                    int n = 0;
                    for (int r = r0; r < r1; ++r)
                        for (int c = c0; c < c1; ++c) {
                            const double u = values[size_t(r) * size_t(cols) + size_t(c)];
                            if (finite(u)) {
                                sum += u;
                                ++n;
                            }
                        }
                    v = n ? sum / n : std::numeric_limits<double>::quiet_NaN();
                }
                const ImU32 col = color_of(v);
                dl->AddRectFilled(ImVec2(xa, ya), ImVec2(xb - gap, yb - gap), col);
                if (show_values && finite(v)) {
                    const std::string text = cell_text(v);
                    const ImVec2 sz = text_size(text);
                    {
                        ImU32 tc = luminance(col) > 0.45f ? IM_COL32(10, 10, 15, 255) : IM_COL32(250, 250, 250, 255);
                        if (v == 0) tc = (tc & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 120);  // quiet zeros (masks)
                        draw_text(dl, ImVec2(0.5f * (xa + xb - gap - sz.x), 0.5f * (ya + yb - gap - sz.y)), tc, text);
                    }
                }
            }
        }

        // Row labels (every k-th when rows are shorter than a line of text).
        const float cell_h = gh / float(rows), cell_w = gw / float(cols);
        if (has_row_labels) {
            const int k = std::max(1, int(std::ceil(font * 1.05f / cell_h)));
            dl->PushClipRect(bb.Min, ImVec2(grid.Min.x, bb.Max.y), true);
            for (int r = 0; r < rows && r < int(options.row_labels.size()); r += k) {
                const std::string& text = options.row_labels[size_t(r)];
                const ImVec2 sz = text_size(text);
                const float y = std::clamp(grid.Min.y + cell_h * (float(r) + 0.5f) - sz.y * 0.5f, bb.Min.y, bb.Max.y - sz.y);
                draw_text(dl, ImVec2(grid.Min.x - pad - sz.x, y), text_color(), text);
            }
            dl->PopClipRect();
        }
        if (has_col_labels) {
            dl->PushClipRect(bb.Min, bb.Max, true);
            for (int c = 0, i = 0; c < int(col_label_w.size()); c += stride, ++i) {
                const int row = label_rows == 2 ? i % 2 : 0;
                const float y = grid.Max.y + pad * 0.5f + label_row_h * float(row);
                if (row == 1) {  // a faint leader from the column to its lower label
                    const float cx = std::round(grid.Min.x + cell_w * (float(c) + 0.5f));
                    dl->AddLine(ImVec2(cx, grid.Max.y + 1), ImVec2(cx, y + 2), kGridColor, 2.f);
                }
                draw_text(dl, ImVec2(col_label_x(c), y), text_color(), options.col_labels[size_t(c)]);
            }
            dl->PopClipRect();
        }

        // Hover: outline the cell and report it.
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (hovered && grid.Contains(mouse)) {
            const int c = std::clamp(int((mouse.x - grid.Min.x) / cell_w), 0, cols - 1);
            const int r = std::clamp(int((mouse.y - grid.Min.y) / cell_h), 0, rows - 1);
            const ImVec2 a(grid.Min.x + cell_w * float(c), grid.Min.y + cell_h * float(r));
            const ImVec2 b(a.x + std::max(cell_w, 3.f), a.y + std::max(cell_h, 3.f));
            dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(0, 0, 0, 255), 0.f, 0, 4.f);
            dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
            const double v = values[size_t(r) * size_t(cols) + size_t(c)];
            ImGui::BeginTooltip();
            ImGui::Text("row %d, col %d: %s", r, c, format_value(v, 4).c_str());
            const bool rl = r < int(options.row_labels.size()), cl = c < int(options.col_labels.size());
            if (rl || cl) {
                const std::string names = std::string(rl ? options.row_labels[size_t(r)] : "") + (rl && cl ? "  /  " : "") +
                                          (cl ? options.col_labels[size_t(c)] : "");
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kMutedText));
                ImGui::TextUnformatted(names.c_str());
                ImGui::PopStyleColor();
            }
            ImGui::EndTooltip();
        }
    }

    // Colorbar: a gradient with a border, ticks, labels and its title above.
    const ImVec2 b0(grid.Max.x + bar_gap, grid.Min.y);
    const ImVec2 b1(b0.x + bar_w, grid.Max.y);
    const int steps = std::clamp(int((b1.y - b0.y) / 4.f), 1, 64);
    for (int i = 0; i < steps; ++i) {
        const float ya = std::round(b1.y - (b1.y - b0.y) * float(i) / float(steps));
        const float yb = std::round(b1.y - (b1.y - b0.y) * float(i + 1) / float(steps));
        const ImU32 ca = colormap_color(options.colormap, float(i) / float(steps));
        const ImU32 cb = colormap_color(options.colormap, float(i + 1) / float(steps));
        dl->AddRectFilledMultiColor(ImVec2(b0.x, yb), ImVec2(b1.x, ya), cb, cb, ca, ca);
    }
    dl->AddRect(ImVec2(b0.x - 1, b0.y - 1), ImVec2(b1.x + 1, b1.y + 1), kFrameBorder, 0.f, 0, 1.f);
    for (size_t i = 0; i < cticks.major.size(); ++i) {
        const float py = std::round(cbar.to_px(cticks.major[i]));
        dl->AddLine(ImVec2(b1.x, py), ImVec2(b1.x + tick_len, py), kAxisColor, kAxisThickness);
        const ImVec2 sz = text_size(clabels[i]);
        const float y = std::clamp(py - sz.y * 0.5f, bb.Min.y, bb.Max.y - sz.y);
        draw_text(dl, ImVec2(b1.x + tick_len + pad * 0.5f, y), text_color(), clabels[i]);
    }
    if (!options.colorbar_label.empty()) {
        const ImVec2 sz = text_size(options.colorbar_label);
        dl->PushClipRect(bb.Min, bb.Max, true);
        draw_text(dl, ImVec2(std::max(bb.Min.x, bb.Max.x - sz.x - pad * 0.25f), bb.Min.y + pad * 0.25f), kMutedText,
                  options.colorbar_label);
        dl->PopClipRect();
    }
}

void Scatter(const char* id, std::span<const float> x, std::span<const float> y, std::span<const int> classes,
             std::span<const std::string> labels, const ScatterOptions& options) {
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    const size_t n = std::min(x.size(), y.size());
    const float radius = std::max(options.point_radius, 2.f);

    Extent ex, ey;
    for (size_t i = 0; i < n; ++i) {
        if (!finite(x[i]) || !finite(y[i])) continue;
        ex.add(x[i]);
        ey.add(y[i]);
    }
    const bool have_data = !ex.empty();
    const AxisRange xr = plot_detail::fit_range(options.x_min, options.x_max, false, ex.lo, ex.hi, 0.07);
    const AxisRange yr = plot_detail::fit_range(options.y_min, options.y_max, false, ey.lo, ey.hi, 0.09);
    const Frame f = draw_frame(dl, bb, xr, yr, options.x_label, options.y_label);
    if (!have_data) no_data_note(dl, f.plot);

    auto class_of = [&](size_t i) { return i < classes.size() ? classes[i] : 0; };
    std::vector<LegendEntry> entries;
    for (size_t c = 0; c < options.class_names.size(); ++c)
        if (!options.class_names[c].empty()) entries.push_back({options.class_names[c], palette_color(int(c)), true});
    Legend legend(f.plot, std::move(entries));
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    for (size_t i = 0; i < n; ++i) {
        if (!finite(x[i]) || !finite(y[i])) continue;
        const ImVec2 p(f.x.to_px(x[i]), f.y.to_px(y[i]));
        dl->AddCircleFilled(p, radius, palette_color(class_of(i)));
        dl->AddCircle(p, radius, kOutline, 0, 2.f);
        if (legend.visible) legend.cover_point(p, radius);
    }
    // Labels after all points so that no point covers a label; each goes right of its point, else left,
    // above or below, wherever it overlaps the labels already placed the least.
    std::vector<ImRect> placed;
    for (size_t i = 0; i < n && i < labels.size(); ++i) {
        if (labels[i].empty() || !finite(x[i]) || !finite(y[i])) continue;
        const ImVec2 p(f.x.to_px(x[i]), f.y.to_px(y[i]));
        const ImVec2 sz = text_size(labels[i]);
        const float off = radius + font * 0.2f;
        const ImVec2 candidates[] = {
            ImVec2(p.x + off, p.y - sz.y * 0.5f),              // right
            ImVec2(p.x - off - sz.x, p.y - sz.y * 0.5f),       // left
            ImVec2(p.x - sz.x * 0.5f, p.y - off - sz.y),       // above
            ImVec2(p.x - sz.x * 0.5f, p.y + off),              // below
        };
        ImVec2 at = candidates[0];
        float best = std::numeric_limits<float>::infinity();
        for (ImVec2 c : candidates) {
            c.x = std::clamp(c.x, f.plot.Min.x + 2, std::max(f.plot.Min.x + 2, f.plot.Max.x - sz.x - 2));
            c.y = std::clamp(c.y, f.plot.Min.y + 1, std::max(f.plot.Min.y + 1, f.plot.Max.y - sz.y - 1));
            const ImRect r(c, ImVec2(c.x + sz.x, c.y + sz.y));
            float overlap = 0;
            for (const ImRect& q : placed) {
                const float w = std::min(r.Max.x, q.Max.x) - std::max(r.Min.x, q.Min.x);
                const float h = std::min(r.Max.y, q.Max.y) - std::max(r.Min.y, q.Min.y);
                if (w > 0 && h > 0) overlap += w * h;
            }
            // Pushed onto its own point by the clamping at the plot's edge: as bad as a partial overlap.
            const ImRect dot(ImVec2(p.x - radius, p.y - radius), ImVec2(p.x + radius, p.y + radius));
            if (r.Overlaps(dot)) overlap += sz.x * sz.y * 0.25f;
            if (overlap < best) {
                best = overlap;
                at = c;
            }
            if (overlap == 0) break;
        }
        placed.emplace_back(at, ImVec2(at.x + sz.x, at.y + sz.y));
        draw_text_halo(dl, at, text_color(), labels[i]);
        if (legend.visible) {  // a label counts as much as a few points
            for (int k = 0; k < 4; ++k) legend.cover_point(ImVec2(at.x + sz.x * float(k) / 3.f, at.y + sz.y * 0.5f), sz.y * 0.5f);
        }
    }
    dl->PopClipRect();

    legend.draw(dl, f.plot);

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && f.plot.Contains(mouse)) {
        size_t best = n;
        float best_d2 = (radius + font * 0.5f) * (radius + font * 0.5f);
        for (size_t i = 0; i < n; ++i) {
            if (!finite(x[i]) || !finite(y[i])) continue;
            const float dx = f.x.to_px(x[i]) - mouse.x, dy = f.y.to_px(y[i]) - mouse.y;
            if (dx * dx + dy * dy <= best_d2) {
                best_d2 = dx * dx + dy * dy;
                best = i;
            }
        }
        if (best < n) {
            const ImVec2 p(f.x.to_px(x[best]), f.y.to_px(y[best]));
            dl->AddCircle(p, radius + 3.f, IM_COL32(255, 255, 255, 255), 0, 2.5f);
            const int c = class_of(best);
            ImGui::BeginTooltip();
            if (best < labels.size() && !labels[best].empty()) ImGui::TextUnformatted(labels[best].c_str());
            const std::string cname = c >= 0 && size_t(c) < options.class_names.size() && !options.class_names[size_t(c)].empty()
                                          ? options.class_names[size_t(c)]
                                          : std::string("class ").append(std::to_string(c));
            tooltip_swatch_line(palette_color(c), cname);
            ImGui::Text("%s: %s", options.x_label.empty() ? "x" : options.x_label.c_str(), format_value(x[best]).c_str());
            ImGui::Text("%s: %s", options.y_label.empty() ? "y" : options.y_label.c_str(), format_value(y[best]).c_str());
            ImGui::EndTooltip();
        }
    }
}


// ---- Gallery ---------------------------------------------------------------------------------------
namespace {

// Deterministic noise in [-1, 1] (an integer hash, so every platform draws the same gallery).
float hash_noise(uint32_t i, uint32_t seed) {
    uint32_t h = i * 0x9E3779B1u ^ (seed + 0x7F4A7C15u) * 0x85EBCA77u;
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    h *= 0x297A2D39u;
    h ^= h >> 15;
    return float(h & 0xFFFFFFu) / float(0xFFFFFF) * 2.f - 1.f;
}

// Roughly normal: the sum of three uniforms, scaled to unit variance.
float gauss_noise(uint32_t i, uint32_t seed) {
    return (hash_noise(i, seed) + hash_noise(i, seed + 101) + hash_noise(i, seed + 202)) * 1.f;
}

struct GalleryData {
    // Training curves.
    std::vector<double> steps, eval_steps;
    std::vector<float> train_loss, val_loss, accuracy;
    // Gradient norms per layer.
    std::vector<double> layers;
    std::vector<float> grad_sigmoid, grad_tanh, grad_relu;
    // Attention.
    std::vector<float> attention;
    std::vector<std::string> tokens;
    // Weights.
    std::vector<float> weights;
    std::vector<std::string> neuron_names, input_names;
    // Embedding.
    std::vector<float> px, py;
    std::vector<int> pclass;
    std::vector<std::string> plabels;

    GalleryData() {
        for (int s = 0; s < 3000; ++s) {
            steps.push_back(s);
            const float decay = std::exp(-float(s) / 450.f);
            float noise = gauss_noise(uint32_t(s), 1) * 0.045f * (0.4f + 2.f * decay);
            if (s % 397 == 123) noise += 0.35f;  // the occasional bad batch
            train_loss.push_back(0.12f + 2.1f * decay + noise);
        }
        for (int s = 0; s < 3000; s += 50) {
            eval_steps.push_back(s);
            const float overfit = s > 1700 ? 0.00011f * float(s - 1700) : 0.f;
            val_loss.push_back(0.24f + 2.05f * std::exp(-float(s) / 520.f) + overfit + 0.012f * hash_noise(uint32_t(s), 2));
            accuracy.push_back(0.93f - 0.83f * std::exp(-float(s) / 380.f) - 0.4f * overfit +
                               0.01f * hash_noise(uint32_t(s), 3));
        }

        for (int l = 1; l <= 20; ++l) {
            layers.push_back(l);
            const float w = 1.f + 0.25f * hash_noise(uint32_t(l), 4);
            grad_sigmoid.push_back(0.9f * std::pow(0.43f, float(l - 1)) * w);
            grad_tanh.push_back(0.8f * std::pow(0.70f, float(l - 1)) * (1.f + 0.2f * hash_noise(uint32_t(l), 5)));
            grad_relu.push_back(0.35f * (1.f + 0.3f * hash_noise(uint32_t(l), 6)));
        }

        tokens = {"the", "cat", "sat", "on", "the", "mat", "and", "then", "it", "fell", "asleep", "."};
        const int n = int(tokens.size());
        attention.assign(size_t(n * n), 0.f);
        for (int i = 0; i < n; ++i) {
            std::vector<float> score(size_t(i + 1));
            float mx = -1e9f;
            for (int j = 0; j <= i; ++j) {
                float s = -0.3f * float(i - j);
                if (j == i) s += 1.6f;
                if (j == i - 1) s += 1.2f;
                if (j == 0) s += 0.9f;                                  // the first token soaks up attention
                if (tokens[size_t(j)] == "cat" && i >= 8) s += 2.6f;    // "it" and what follows look back at "cat"
                if (tokens[size_t(j)] == "mat" && i == 9) s += 1.0f;
                s += 0.3f * hash_noise(uint32_t(i * n + j), 7);
                score[size_t(j)] = s;
                mx = std::max(mx, s);
            }
            float sum = 0;
            for (float& s : score) sum += (s = std::exp(s - mx));
            for (int j = 0; j <= i; ++j) attention[size_t(i * n + j)] = score[size_t(j)] / sum;
        }

        const int rows = 6, cols = 20;
        for (int r = 0; r < rows; ++r) {
            neuron_names.push_back(std::string("n").append(std::to_string(r + 1)));
            for (int c = 0; c < cols; ++c) {
                const float bump = std::exp(-float((c - 3 * r - 3) * (c - 3 * r - 3)) / 18.f);
                const float wave = 0.35f * std::sin(0.55f * float(c) + 1.7f * float(r));
                weights.push_back(std::clamp((r % 2 ? -0.9f : 0.95f) * bump + wave + 0.08f * hash_noise(uint32_t(r * cols + c), 8),
                                             -1.f, 1.f));
            }
        }
        for (int c = 0; c < cols; ++c) input_names.push_back(std::string("x").append(std::to_string(c + 1)));

        const float cx[3] = {-2.2f, 2.0f, 0.3f}, cy[3] = {1.2f, 2.0f, -2.0f};
        const char* names[3][3] = {{"cat", "dog", "horse"}, {"apple", "bread", "soup"}, {"run", "eat", ""}};
        for (int c = 0; c < 3; ++c)
            for (int k = 0; k < 25; ++k) {
                const uint32_t id = uint32_t(c * 100 + k);
                px.push_back(cx[c] + 0.75f * gauss_noise(id, 9));
                py.push_back(cy[c] + 0.6f * gauss_noise(id, 10));
                pclass.push_back(c);
                plabels.push_back(k < 3 ? names[c][k] : "");
            }
    }
};

void heading(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.62f, 0.80f, 1.f, 1.f));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

}  // namespace

void DrawWidgetGallery() {
    static const GalleryData d;

    // Called outside any window: make a full-screen one.
    const ImGuiWindow* current = ImGui::GetCurrentWindowRead();
    const bool own_window = current == nullptr || current->IsFallbackWindow;
    if (own_window) {
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(vp->WorkPos);
        ImGui::SetNextWindowSize(vp->WorkSize);
        ImGui::Begin("Widget gallery", nullptr,
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings);
    }

    const ImGuiStyle& style = ImGui::GetStyle();
    const float heading_h = ImGui::GetTextLineHeight() + style.ItemSpacing.y;
    const float avail_h = ImGui::GetContentRegionAvail().y;
    if (ImGui::BeginTable("##gallery", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoPadOuterX)) {
        ImGui::TableNextRow();

        // Left column: two line plots and the diverging heatmap.
        ImGui::TableNextColumn();
        {
            const float rest = avail_h - 3 * heading_h - 3 * style.ItemSpacing.y;
            // In a small window the plots keep a readable minimum and the window scrolls.
            const float min_h = ImGui::GetFontSize() * 8.f;
            const float h = std::max(std::floor(rest * 0.34f), min_h);
            const float h_weights = std::max(std::floor(rest - 2 * h), min_h);
            heading("Training curves (3000 steps, linear axes)");
            const LineSeries curves[] = {
                {"training loss", d.steps, d.train_loss, 0, 2.5f},
                {"validation loss", d.eval_steps, d.val_loss, 0, 3.f},
                {"accuracy", d.eval_steps, d.accuracy, 0, 3.f},
            };
            LinePlotOptions o;
            o.x_label = "training step";
            o.y_label = "loss / accuracy";
            o.size = ImVec2(0, h);
            PlotLines("##gallery_curves", curves, o);

            heading("Gradient norm per layer (log y axis)");
            const LineSeries grads[] = {
                {"sigmoid", d.layers, d.grad_sigmoid, 0, 3.f},
                {"tanh", d.layers, d.grad_tanh, 0, 3.f},
                {"ReLU", d.layers, d.grad_relu, 0, 3.f},
            };
            LinePlotOptions g;
            g.x_label = "layer (counted from the output)";
            g.y_label = "gradient norm";
            g.log_y = true;
            g.size = ImVec2(0, h);
            PlotLines("##gallery_grads", grads, g);

            heading("Weights of a layer: 6 neurons x 20 inputs (diverging)");
            HeatmapOptions w;
            w.row_labels = d.neuron_names;
            w.col_labels = d.input_names;
            w.colorbar_label = "weight";
            w.colormap = Colormap::Diverging;
            w.size = ImVec2(0, h_weights);
            Heatmap("##gallery_weights", d.weights, 6, 20, w);
        }

        // Right column: attention heatmap and the scatter.
        ImGui::TableNextColumn();
        {
            const float rest = avail_h - 2 * heading_h - 2 * style.ItemSpacing.y;
            const float min_h = ImGui::GetFontSize() * 8.f;
            const float h1 = std::max(std::floor(rest * 0.55f), min_h), h2 = std::max(std::floor(rest - h1), min_h);
            heading("Causal self-attention (viridis)");
            HeatmapOptions a;
            a.row_labels = d.tokens;
            a.col_labels = d.tokens;
            a.colorbar_label = "attention weight";
            a.colormap = Colormap::Viridis;
            a.show_values = true;
            a.size = ImVec2(0, h1);
            Heatmap("##gallery_attention", d.attention, int(d.tokens.size()), int(d.tokens.size()), a);

            heading("Word embeddings, 3 classes (scatter)");
            ScatterOptions s;
            s.x_label = "dimension 1";
            s.y_label = "dimension 2";
            s.class_names = {"animals", "food", "verbs"};
            s.size = ImVec2(0, h2);
            Scatter("##gallery_scatter", d.px, d.py, d.pclass, d.plabels, s);
        }
        ImGui::EndTable();
    }

    if (own_window) ImGui::End();
}

}  // namespace ui
