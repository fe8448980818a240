// Plot widgets drawn with ImGui's draw list: line plots, heatmaps and scatter plots sized for a
// classroom projector (every label in the current font, thick lines, labels that never collide).
#include "ui/widgets/plot.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_map>

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
        // Too many for the room: 1 and 3 x 10^k, about evenly spaced on the log axis, so the labels
        // still reach the bottom of the range (linear steps would leave the lower part unlabelled,
        // e.g. 0.2 and 0.6 over a curve that falls to 0.019).
        std::vector<double> one_three;
        for (int k = k0 - 1; k <= k1; ++k)
            for (int m : {1, 3}) {
                const double v = m * exp10i(k);
                if (v >= r.lo * (1 - 1e-9) && v <= r.hi * (1 + 1e-9)) one_three.push_back(v);
            }
        if (one_three.size() >= 2 && int(one_three.size()) <= target + 1) {
            ts.major = one_three;
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
// `names` (integer axes only): names[i] labels the tick at names_first + i instead of its number,
// and the last named value always gets a tick (e.g. a layer axis whose top row is "out").
PlacedTicks place_ticks(const Scale& s, bool horizontal, float edge, float clamp_lo, float clamp_hi, bool integer = false,
                        std::span<const std::string> names = {}, double names_first = 0) {
    const float font = ImGui::GetFontSize();
    const float length = std::fabs(s.p1 - s.p0);
    const float per_log_unit = s.range.log ? length / float(std::log10(s.range.hi) - std::log10(s.range.lo)) : 0.f;
    const int start = horizontal ? std::clamp(int(length / (font * 3.5f)), 2, 12)
                                 : std::clamp(int(length / (font * 2.0f)), 2, 10);
    // Whole numbers only on an integer (linear) axis.
    auto ticks_for = [&](int target) {
        if (!integer || s.range.log) return plot_detail::make_ticks(s.range, target, per_log_unit);
        TickSet ts;
        ts.major = plot_detail::integer_ticks(s.range.lo, s.range.hi, target);
        if (!names.empty() && !names.back().empty()) {
            const double last = names_first + double(names.size() - 1);
            const double step = ts.major.size() >= 2 ? ts.major[1] - ts.major[0] : 1.0;
            std::erase_if(ts.major, [&](double v) { return v > last - step * 0.99 && v != last; });
            if (std::find(ts.major.begin(), ts.major.end(), last) == ts.major.end()) ts.major.push_back(last);
        }
        return ts;
    };
    auto try_place = [&](const TickSet& ts, PlacedTicks& out) {
        out.ticks = ts;
        out.labels = tick_labels(ts.major);
        for (size_t i = 0; i < ts.major.size() && !names.empty(); ++i) {
            const long k = std::lround(ts.major[i] - names_first);
            if (k >= 0 && k < long(names.size()) && !names[size_t(k)].empty()) out.labels[i] = names[size_t(k)];
        }
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
        if (try_place(ticks_for(target), out)) return out;
    }
    // Still crowded (a tiny widget): keep every k-th tick of the sparsest set.
    TickSet sparse = ticks_for(2);
    for (size_t k = 2; k <= std::max<size_t>(2, sparse.major.size()); ++k) {
        TickSet thin = sparse;
        thin.major.clear();
        for (size_t i = 0; i < sparse.major.size(); i += k) thin.major.push_back(sparse.major[i]);
        if (thin.major.size() >= 2 && try_place(thin, out)) return out;
    }
    // Then the two ends, else the top one alone: on a short accuracy plot "1" says more than "0".
    TickSet ends;
    if (!sparse.major.empty()) ends.major = {sparse.major.front(), sparse.major.back()};
    if (ends.major.size() == 2 && ends.major[0] != ends.major[1] && try_place(ends, out)) return out;
    TickSet one;
    if (!sparse.major.empty()) one.major.push_back(sparse.major.back());
    try_place(one, out);
    return out;
}

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
void frame_margins(const std::string& x_label, bool title_row, float& top, float& bottom) {
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const float tick_len = std::round(font * 0.3f);
    top = !title_row ? std::round(font * 0.6f) : std::round(font * 1.6f + pad);
    bottom = tick_len + pad * 0.5f + font + (x_label.empty() ? pad : pad + font + pad * 0.5f);
}

// A label cut to `max_w` pixels with an ellipsis ("convolu…"); whole UTF-8 characters only.
std::string shorten_to_width(const std::string& s, float max_w) {
    if (text_size(s).x <= max_w) return s;
    const std::string dots = ImGui::GetFont()->FindGlyphNoFallback(0x2026) ? "\u2026" : "..";
    std::string t = s;
    while (!t.empty()) {
        unsigned char c;
        do {  // drop a whole code point: its continuation bytes (10xxxxxx), then its lead byte
            c = static_cast<unsigned char>(t.back());
            t.pop_back();
        } while (!t.empty() && (c & 0xC0) == 0x80);
        if (text_size(t + dots).x <= max_w) break;
    }
    return t.empty() ? dots : t + dots;
}

Frame layout_frame(const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                   const std::string& y_label, const FrameOptions& fo = {}) {
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const float tick_len = std::round(font * 0.3f);

    // Vertical layout does not depend on the labels.
    float top, bottom;
    frame_margins(x_label, !y_label.empty() || fo.title_row, top, bottom);
    Frame f;
    f.plot.Min.y = bb.Min.y + top;
    f.plot.Max.y = std::max(f.plot.Min.y + 4.f, bb.Max.y - bottom);
    f.y.range = yr;
    f.y.p0 = f.plot.Max.y;
    f.y.p1 = f.plot.Min.y;

    // Y ticks decide the left margin; place them once to measure, then again at the final column.
    f.yt = place_ticks(f.y, false, bb.Min.x, bb.Min.y, bb.Max.y, fo.integer_y, fo.y_names, fo.y_names_first);
    const float left = std::min(pad + f.yt.max_label_width + pad * 0.5f + tick_len, std::max(bb.GetWidth() * 0.4f, 0.f));
    f.plot.Min.x = bb.Min.x + std::round(left);
    const float right = fo.right > 0 ? fo.right : font * 0.8f;
    f.plot.Max.x = std::max(f.plot.Min.x + 4.f, bb.Max.x - std::round(right));
    f.yt = place_ticks(f.y, false, f.plot.Min.x - tick_len - pad * 0.5f, bb.Min.y, bb.Max.y, fo.integer_y, fo.y_names,
                       fo.y_names_first);

    f.x.range = xr;
    f.x.p0 = f.plot.Min.x;
    f.x.p1 = f.plot.Max.x;
    const float label_y = f.plot.Max.y + tick_len + pad * 0.5f;
    if (fo.categories <= 0) {
        f.xt = place_ticks(f.x, true, label_y, bb.Min.x, bb.Max.x);
        return f;
    }
    // Categories: every name under its slot, shortened when very long, every k-th when they collide.
    f.categorical = true;
    const int n = fo.categories;
    const float slot = f.plot.GetWidth() / float(n);
    const float gap = font * 0.6f;
    const float max_w = std::max(slot - gap, font * 4.f);
    std::vector<std::string> names(static_cast<size_t>(n));
    std::vector<float> widths(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        names[size_t(i)] = i < int(fo.category_labels.size()) ? shorten_to_width(fo.category_labels[size_t(i)], max_w)
                                                             : std::to_string(i + 1);
        widths[size_t(i)] = text_size(names[size_t(i)]).x;
    }
    const int k = plot_detail::category_label_stride(widths, slot, gap);
    for (int i = 0; i < n; i += k) {
        const float cx = f.x.to_px(double(i));
        const float w = widths[size_t(i)];
        f.xt.ticks.major.push_back(double(i));
        f.xt.labels.push_back(names[size_t(i)]);
        f.xt.label_pos.push_back(ImVec2(std::clamp(cx - w * 0.5f, bb.Min.x, std::max(bb.Min.x, bb.Max.x - w)), label_y));
        f.xt.max_label_width = std::max(f.xt.max_label_width, w);
    }
    return f;
}

void draw_frame_back(ImDrawList* dl, const Frame& f) {
    dl->AddRectFilled(f.plot.Min, f.plot.Max, kPlotBg);

    // Grid: minor, then major (no vertical lines between categories).
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    if (!f.categorical)
        for (double v : f.xt.ticks.minor) {
            const float px = std::round(f.x.to_px(v));
            dl->AddLine(ImVec2(px, f.plot.Min.y), ImVec2(px, f.plot.Max.y), kMinorGridColor, kGridThickness);
        }
    for (double v : f.yt.ticks.minor) {
        const float py = std::round(f.y.to_px(v));
        dl->AddLine(ImVec2(f.plot.Min.x, py), ImVec2(f.plot.Max.x, py), kMinorGridColor, kGridThickness);
    }
    if (!f.categorical)
        for (double v : f.xt.ticks.major) {
            const float px = std::round(f.x.to_px(v));
            dl->AddLine(ImVec2(px, f.plot.Min.y), ImVec2(px, f.plot.Max.y), kGridColor, kGridThickness);
        }
    for (double v : f.yt.ticks.major) {
        const float py = std::round(f.y.to_px(v));
        dl->AddLine(ImVec2(f.plot.Min.x, py), ImVec2(f.plot.Max.x, py), kGridColor, kGridThickness);
    }
    dl->PopClipRect();
}

void draw_frame_axes(ImDrawList* dl, const ImRect& bb, const Frame& f, const std::string& x_label,
                     const std::string& y_label) {
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const float tick_len = std::round(font * 0.3f);
    dl->AddRect(f.plot.Min, f.plot.Max, kFrameBorder, 0.f, 0, 1.f);
    // Axes: left and bottom, with ticks.
    dl->AddLine(ImVec2(f.plot.Min.x, f.plot.Min.y), ImVec2(f.plot.Min.x, f.plot.Max.y + 1), kAxisColor, kAxisThickness);
    dl->AddLine(ImVec2(f.plot.Min.x - 1, f.plot.Max.y), ImVec2(f.plot.Max.x, f.plot.Max.y), kAxisColor, kAxisThickness);
    for (size_t i = 0; i < f.xt.ticks.major.size(); ++i) {
        const float px = std::round(f.x.to_px(f.xt.ticks.major[i]));
        dl->AddLine(ImVec2(px, f.plot.Max.y), ImVec2(px, f.plot.Max.y + tick_len), kAxisColor, kAxisThickness);
        draw_text(dl, f.xt.label_pos[i], text_color(), f.xt.labels[i]);
    }
    for (size_t i = 0; i < f.yt.ticks.major.size(); ++i) {
        const float py = std::round(f.y.to_px(f.yt.ticks.major[i]));
        dl->AddLine(ImVec2(f.plot.Min.x - tick_len, py), ImVec2(f.plot.Min.x, py), kAxisColor, kAxisThickness);
        draw_text(dl, f.yt.label_pos[i], text_color(), f.yt.labels[i]);
    }

    // Axis titles: x centred under the plot, y horizontally above the y axis.
    dl->PushClipRect(bb.Min, bb.Max, true);
    if (!x_label.empty()) {
        const ImVec2 sz = text_size(x_label);
        float x = 0.5f * (f.plot.Min.x + f.plot.Max.x) - sz.x * 0.5f;
        x = std::clamp(x, bb.Min.x, std::max(bb.Min.x, bb.Max.x - sz.x));
        draw_text(dl, ImVec2(x, bb.Max.y - font - pad * 0.5f), kMutedText, x_label);
    }
    // A title longer than the plot is wide ends in an ellipsis rather than running past its edge.
    if (!y_label.empty())
        draw_text(dl, ImVec2(bb.Min.x + pad * 0.5f, bb.Min.y + pad * 0.25f), kMutedText,
                  shorten_to_width(y_label, bb.GetWidth() - pad));
    dl->PopClipRect();
}

Frame draw_frame(ImDrawList* dl, const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                 const std::string& y_label, const FrameOptions& fo = {}) {
    const Frame f = layout_frame(bb, xr, yr, x_label, y_label, fo);
    draw_frame_back(dl, f);
    draw_frame_axes(dl, bb, f, x_label, y_label);
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

// ---- Colour scales and colorbars (Heatmap, FieldPlot) ---------------------------------------------

// Values to colours: a fixed range, or the data's (symmetric about zero for a diverging map over both
// signs); on a log scale by log10(value), non-positive values getting the lowest colour.
struct ColorScale {
    AxisRange range;
    Colormap map = Colormap::Viridis;
    double a = 0, b = 1;  // range in colour units (log10 on a log scale)

    ColorScale(std::span<const float> values, Colormap m, float v_min, float v_max, bool log) : map(m) {
        Extent ev{log};
        for (float v : values) ev.add(v);
        double lo, hi;
        const bool fixed = finite(v_min) && finite(v_max) && v_min < v_max && (!log || v_min > 0);
        if (fixed) {
            lo = v_min;
            hi = v_max;
        } else if (ev.empty()) {
            lo = log ? 0.1 : 0.0;
            hi = 1.0;
        } else {
            lo = ev.lo;
            hi = ev.hi;
            if (!log && map == Colormap::Diverging && lo < 0 && hi > 0) {
                const double m2 = std::max(-lo, hi);
                lo = -m2;
                hi = m2;
            }
        }
        range.log = log;
        if (log) {
            double la = std::log10(lo), lb = std::log10(hi);
            if (!(lb - la > 1e-9)) {  // one positive value everywhere
                la -= 0.5;
                lb += 0.5;
            }
            range.lo = std::pow(10.0, la);
            range.hi = std::pow(10.0, lb);
        } else {
            const double scale = std::max(std::fabs(lo), std::fabs(hi));
            if (!(hi - lo > scale * 1e-12)) {  // constant field
                const double d = scale > 0 ? scale * 0.1 : 1.0;
                lo -= d;
                hi += d;
            }
            range.lo = lo;
            range.hi = hi;
        }
        a = log ? std::log10(range.lo) : range.lo;
        b = log ? std::log10(range.hi) : range.hi;
    }

    // Position in the colormap, [0, 1]; NaN for a non-finite value.
    float t(double v) const {
        if (!finite(v)) return std::numeric_limits<float>::quiet_NaN();
        if (range.log) {
            if (!(v > 0)) return 0.f;
            v = std::log10(v);
        }
        return float(std::clamp((v - a) / (b - a), 0.0, 1.0));
    }
    ImU32 color_at(float tv) const { return std::isnan(tv) ? kMissingCell : colormap_color(map, tv); }
    ImU32 color(double v) const { return color_at(t(v)); }
};

// A colorbar right of a plot: 3-5 labelled ticks that fit its height; width() is the margin it needs.
struct Colorbar {
    AxisRange range;
    TickSet ticks;
    std::vector<std::string> labels;
    float label_w = 0;

    Colorbar() = default;
    Colorbar(const AxisRange& cr, float bar_h) : range(cr) {
        const float font = ImGui::GetFontSize();
        const float per_log = cr.log ? bar_h / float(std::log10(cr.hi) - std::log10(cr.lo)) : 0.f;
        const int max_labels = std::max(1, int(bar_h / (font * 1.2f)) + 1);
        for (int target : {4, 3, 5, 2}) {
            TickSet ts = plot_detail::make_ticks(cr, target, per_log);
            const int n = int(ts.major.size());
            if (n >= 3 && n <= 5 && n <= max_labels) {
                ticks = ts;
                break;
            }
            if (ticks.major.empty() || (n >= 2 && size_t(n) < ticks.major.size())) ticks = ts;
        }
        while (int(ticks.major.size()) > std::min(5, max_labels) && ticks.major.size() > 1) {
            std::vector<double> thin;
            for (size_t i = 0; i < ticks.major.size(); i += 2) thin.push_back(ticks.major[i]);
            ticks.major = thin;
        }
        labels = tick_labels(ticks.major);
        for (const std::string& l : labels) label_w = std::max(label_w, text_size(l).x);
    }

    static float bar_width() { return std::round(ImGui::GetFontSize() * 1.0f); }
    static float gap() { return std::round(ImGui::GetFontSize() * 0.8f); }
    float width() const {
        const float font = ImGui::GetFontSize();
        const float pad = std::round(font * 0.35f);
        const float tick_len = std::round(font * 0.3f);
        return gap() + bar_width() + tick_len + pad * 0.5f + label_w + pad * 0.5f;
    }

    // The gradient with a border, ticks, labels, lines at `marks` (contour levels) and its title at
    // the widget's top right; `plot` is the rectangle it stands beside.
    void draw(ImDrawList* dl, const ImRect& bb, const ImRect& plot, Colormap map, const std::string& title,
              std::span<const double> marks) const {
        const float font = ImGui::GetFontSize();
        const float pad = std::round(font * 0.35f);
        const float tick_len = std::round(font * 0.3f);
        Scale s;
        s.range = range;
        s.p0 = plot.Max.y;
        s.p1 = plot.Min.y;
        const ImVec2 b0(plot.Max.x + gap(), plot.Min.y);
        const ImVec2 b1(b0.x + bar_width(), plot.Max.y);
        const int steps = std::clamp(int((b1.y - b0.y) / 4.f), 1, 64);
        for (int i = 0; i < steps; ++i) {
            const float ya = std::round(b1.y - (b1.y - b0.y) * float(i) / float(steps));
            const float yb = std::round(b1.y - (b1.y - b0.y) * float(i + 1) / float(steps));
            const ImU32 ca = colormap_color(map, float(i) / float(steps));
            const ImU32 cb = colormap_color(map, float(i + 1) / float(steps));
            dl->AddRectFilledMultiColor(ImVec2(b0.x, yb), ImVec2(b1.x, ya), cb, cb, ca, ca);
        }
        for (double m : marks) {
            const float py = std::round(s.to_px(m));
            if (py < b0.y || py > b1.y) continue;
            dl->AddLine(ImVec2(b0.x, py), ImVec2(b1.x, py), IM_COL32(255, 255, 255, 190), 2.f);
        }
        dl->AddRect(ImVec2(b0.x - 1, b0.y - 1), ImVec2(b1.x + 1, b1.y + 1), kFrameBorder, 0.f, 0, 1.f);
        for (size_t i = 0; i < ticks.major.size(); ++i) {
            const float py = std::round(s.to_px(ticks.major[i]));
            dl->AddLine(ImVec2(b1.x, py), ImVec2(b1.x + tick_len, py), kAxisColor, kAxisThickness);
            const ImVec2 sz = text_size(labels[i]);
            const float y = std::clamp(py - sz.y * 0.5f, bb.Min.y, bb.Max.y - sz.y);
            draw_text(dl, ImVec2(b1.x + tick_len + pad * 0.5f, y), text_color(), labels[i]);
        }
        if (!title.empty()) {
            const ImVec2 sz = text_size(title);
            dl->PushClipRect(bb.Min, bb.Max, true);
            draw_text(dl, ImVec2(std::max(bb.Min.x, bb.Max.x - sz.x - pad * 0.25f), bb.Min.y + pad * 0.25f), kMutedText, title);
            dl->PopClipRect();
        }
    }
};

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

std::vector<double> integer_ticks(double lo, double hi, int target) {
    if (!finite(lo) || !finite(hi)) return {};
    if (lo > hi) std::swap(lo, hi);
    const double first = std::ceil(lo - 1e-9), last = std::floor(hi + 1e-9);
    if (first > last || last - first > 1e15) return {};
    target = std::max(target, 1);
    // The smallest step of 1, 2, 5, 10, 20, ... with at most `target` multiples in [first, last].
    double step = 1;
    auto multiples = [&](double st) { return std::floor(last / st) - std::ceil(first / st) + 1; };
    for (int i = 0; multiples(step) > target && i < 60; ++i) {
        const double m = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
        step *= (m < 1.5 || m > 7) ? 2.0 : (m < 3 ? 2.5 : 2.0);  // 1 -> 2 -> 5 -> 10
    }
    std::vector<double> ticks;
    for (double k = std::ceil(first / step); k * step <= last; k += 1) ticks.push_back(k * step);
    // The first whole number (layer 1, epoch 1) when the step leaves room for it.
    if (ticks.empty() || (ticks.front() > first && ticks.front() - first >= 0.6 * step))
        ticks.insert(ticks.begin(), first);
    return ticks;
}

std::vector<double> contour_levels(double lo, double hi, bool log, int count) {
    if (count <= 0 || !finite(lo) || !finite(hi) || !(lo < hi) || (log && !(lo > 0))) return {};
    std::vector<std::vector<double>> candidates;
    // Strictly inside: a level at the very minimum or maximum would outline a single point.
    auto inside = [&](std::vector<double> v) {
        const double eps_lo = log ? lo * 1e-9 : (hi - lo) * 1e-9, eps_hi = log ? hi * 1e-9 : (hi - lo) * 1e-9;
        v.erase(std::remove_if(v.begin(), v.end(), [&](double x) { return !(x > lo + eps_lo && x < hi - eps_hi); }), v.end());
        return v;
    };
    auto linear_candidates = [&] {
        for (int target = 1; target <= 2 * count + 2; ++target) candidates.push_back(inside(nice_ticks(lo, hi, target)));
    };
    if (!log) {
        linear_candidates();
    } else {
        const double a = std::log10(lo), b = std::log10(hi);
        const int k0 = int(std::floor(a)) - 1, k1 = int(std::ceil(b)) + 1;
        // m x 10^k, computed as m / 10^-k for negative k so that 0.001 is exactly 0.001.
        auto value = [](int m, int k) { return k >= 0 ? m * std::pow(10.0, k) : m / std::pow(10.0, -k); };
        static const std::vector<int> kMantissas[] = {{1}, {1, 3}, {1, 2, 5}};
        for (const std::vector<int>& ms : kMantissas) {
            std::vector<double> v;
            for (int k = k0; k <= k1; ++k)
                for (int m : ms) v.push_back(value(m, k));
            candidates.push_back(inside(std::move(v)));
        }
        for (int stride : {2, 3, 5, 10, 20, 50, 100}) {
            std::vector<double> v;
            for (int k = k0; k <= k1; ++k)
                if (((k % stride) + stride) % stride == 0) v.push_back(value(1, k));
            candidates.push_back(inside(std::move(v)));
        }
        if (b - a < 1.0) linear_candidates();  // within a decade: plain nice steps read better
    }
    const std::vector<double>* best = nullptr;
    for (const std::vector<double>& c : candidates) {
        if (c.empty()) continue;
        const int d = std::abs(int(c.size()) - count);
        const int bd = best ? std::abs(int(best->size()) - count) : 0;
        if (!best || d < bd || (d == bd && c.size() < best->size())) best = &c;
    }
    return best ? *best : std::vector<double>{};
}

int category_label_stride(std::span<const float> widths, float slot_px, float min_gap_px) {
    const int n = int(widths.size());
    for (int k = 1; k < n; ++k) {
        bool fits = true;
        for (int i = 0; fits && i + k < n; i += k)
            fits = (widths[size_t(i)] + widths[size_t(i + k)]) * 0.5f + min_gap_px <= slot_px * float(k);
        if (fits) return k;
    }
    return std::max(n, 1);
}

std::vector<int> subsample_indices(int n, int count) {
    std::vector<int> idx;
    if (n <= 0) return idx;
    count = std::max(count, 2);
    if (n <= count) {
        for (int i = 0; i < n; ++i) idx.push_back(i);
        return idx;
    }
    for (int j = 0; j < count; ++j) idx.push_back(int((int64_t(j) * (n - 1) + (count - 1) / 2) / (count - 1)));
    return idx;
}

GridSize flat_draw_size(int rows, int cols, float width_px, float height_px, float min_cell_px, int max_cells) {
    GridSize g;
    if (rows <= 0 || cols <= 0) return g;
    min_cell_px = std::max(min_cell_px, 1e-3f);
    max_cells = std::max(max_cells, 1);
    g.rows = std::clamp(int(height_px / min_cell_px), 1, rows);
    g.cols = std::clamp(int(width_px / min_cell_px), 1, cols);
    if (int64_t(g.rows) * g.cols > max_cells) {
        // The longer side gives way first, down to the shorter one's length; then both.
        const int side = std::max(1, int(std::sqrt(double(max_cells))));
        if (g.cols >= g.rows) {
            g.cols = std::max(max_cells / g.rows, std::min(g.rows, side));
            if (int64_t(g.rows) * g.cols > max_cells) g.rows = g.cols = side;
        } else {
            g.rows = std::max(max_cells / g.cols, std::min(g.cols, side));
            if (int64_t(g.rows) * g.cols > max_cells) g.rows = g.cols = side;
        }
        g.rows = std::min(g.rows, rows);
        g.cols = std::min(g.cols, cols);
    }
    return g;
}

void downsample_grid(std::span<const float> values, int rows, int cols, int out_rows, int out_cols,
                     std::vector<float>& out) {
    out.clear();
    if (rows <= 0 || cols <= 0 || out_rows <= 0 || out_cols <= 0 || values.size() < size_t(rows) * size_t(cols)) return;
    out_rows = std::min(out_rows, rows);
    out_cols = std::min(out_cols, cols);
    out.resize(size_t(out_rows) * size_t(out_cols));
    for (int i = 0; i < out_rows; ++i) {
        const int r0 = int(int64_t(i) * rows / out_rows), r1 = int(int64_t(i + 1) * rows / out_rows);
        for (int j = 0; j < out_cols; ++j) {
            const int c0 = int(int64_t(j) * cols / out_cols), c1 = int(int64_t(j + 1) * cols / out_cols);
            double sum = 0;
            int n = 0;
            for (int r = r0; r < r1; ++r)
                for (int c = c0; c < c1; ++c) {
                    const float v = values[size_t(r) * size_t(cols) + size_t(c)];
                    if (finite(v)) {
                        sum += v;
                        ++n;
                    }
                }
            out[size_t(i) * size_t(out_cols) + size_t(j)] = n ? float(sum / n) : std::numeric_limits<float>::quiet_NaN();
        }
    }
}

std::vector<std::vector<ImVec2>> join_segments(std::span<const Segment> segments, float tolerance) {
    std::vector<std::vector<ImVec2>> lines;
    const size_t n = segments.size();
    if (n == 0) return lines;
    const double inv = 1.0 / std::max(double(tolerance), 1e-9);
    auto key = [&](float x, float y) {
        const auto qx = uint64_t(int64_t(std::llround(double(x) * inv))), qy = uint64_t(int64_t(std::llround(double(y) * inv)));
        return qx * 0x9E3779B97F4A7C15ull ^ (qy + 0x632BE59BD9B4E019ull + (qx << 6) + (qx >> 2));
    };
    // End point -> (segment, which end), in a flat table sorted by key.
    struct End {
        uint64_t key;
        uint32_t seg;
        uint8_t which;
    };
    std::vector<End> ends;
    ends.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
        const Segment& s = segments[i];
        if (!finite(s.x0) || !finite(s.y0) || !finite(s.x1) || !finite(s.y1)) continue;
        ends.push_back({key(s.x0, s.y0), uint32_t(i), 0});
        ends.push_back({key(s.x1, s.y1), uint32_t(i), 1});
    }
    std::sort(ends.begin(), ends.end(), [](const End& a, const End& b) { return a.key < b.key; });
    std::vector<char> used(n, 1);
    for (const End& e : ends) used[e.seg] = 0;
    // An unused segment with an end at `k`: marks it used and returns its other end.
    auto take = [&](uint64_t k, ImVec2& other) {
        auto it = std::lower_bound(ends.begin(), ends.end(), k, [](const End& a, uint64_t v) { return a.key < v; });
        for (; it != ends.end() && it->key == k; ++it) {
            if (used[it->seg]) continue;
            used[it->seg] = 1;
            const Segment& s = segments[it->seg];
            other = it->which == 0 ? ImVec2(s.x1, s.y1) : ImVec2(s.x0, s.y0);
            return true;
        }
        return false;
    };
    std::vector<ImVec2> back;
    for (size_t i = 0; i < n; ++i) {
        if (used[i]) continue;
        used[i] = 1;
        const Segment& s = segments[i];
        std::vector<ImVec2> line = {ImVec2(s.x0, s.y0), ImVec2(s.x1, s.y1)};
        const uint64_t start = key(s.x0, s.y0);
        ImVec2 p;
        while (take(key(line.back().x, line.back().y), p)) {
            line.push_back(p);
            if (key(p.x, p.y) == start) break;  // closed
        }
        if (key(line.back().x, line.back().y) != start || line.size() < 4) {
            // Open: grow the other way from the first point too.
            back.clear();
            ImVec2 q = line.front();
            while (take(key(q.x, q.y), p)) {
                back.push_back(p);
                q = p;
            }
            line.insert(line.begin(), back.rbegin(), back.rend());
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

bool clip_segment(double& x0, double& y0, double& x1, double& y1, double xlo, double xhi, double ylo, double yhi) {
    if (!finite(x0) || !finite(y0) || !finite(x1) || !finite(y1)) return false;
    const double dx = x1 - x0, dy = y1 - y0;
    if (!finite(dx) || !finite(dy)) return false;
    double t0 = 0, t1 = 1;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {x0 - xlo, xhi - x0, y0 - ylo, yhi - y0};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0) t0 = std::max(t0, t);
        else t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    const double ax = x0 + t0 * dx, ay = y0 + t0 * dy, bx = x0 + t1 * dx, by = y0 + t1 * dy;
    x0 = ax;
    y0 = ay;
    x1 = bx;
    y1 = by;
    return true;
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

    const bool log = options.log_scale;
    double max_abs = 0;
    for (size_t i = 0; i < n_cells; ++i)
        if (finite(values[i])) max_abs = std::max(max_abs, std::fabs(double(values[i])));
    const ColorScale cs(values.first(n_cells), options.colormap, options.v_min, options.v_max, log);
    const AxisRange& cr = cs.range;
    auto color_of = [&](double v) { return cs.color(v); };
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
    Colorbar cbar_layout;
    auto layout = [&](int label_rows) {
        grid.Min.y = bb.Min.y + top;
        grid.Max.y = std::max(grid.Min.y + 4.f, bb.Max.y - bottom_for(label_rows));
        cbar_layout = Colorbar(cr, grid.GetHeight());
        const float right = cbar_layout.width();
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
        std::vector<float> means;  // block means, when cells are merged
        if (blocks) plot_detail::downsample_grid(values, rows, cols, draw_rows, draw_cols, means);
        for (int br = 0; br < draw_rows; ++br) {
            const float ya = std::round(grid.Min.y + ch * float(br)), yb = std::round(grid.Min.y + ch * float(br + 1));
            for (int bc = 0; bc < draw_cols; ++bc) {
                const float xa = std::round(grid.Min.x + cw * float(bc)), xb = std::round(grid.Min.x + cw * float(bc + 1));
                const double v = blocks ? double(means[size_t(br) * size_t(draw_cols) + size_t(bc)])
                                        : double(values[size_t(br) * size_t(cols) + size_t(bc)]);
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

    cbar_layout.draw(dl, bb, grid, options.colormap, options.colorbar_label, {});
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


// ---- Bar chart -------------------------------------------------------------------------------------
namespace {

constexpr ImU32 kReferenceColor = IM_COL32(255, 255, 255, 225);

// A dashed horizontal line from x0 to x1.
void dashed_hline(ImDrawList* dl, float x0, float x1, float y, ImU32 col, float thickness) {
    const float font = ImGui::GetFontSize();
    const float dash = std::round(font * 0.6f), gap = std::round(font * 0.35f);
    for (float x = x0; x < x1; x += dash + gap) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, x1), y), col, thickness);
}

// Overlap area of r with a set of rectangles.
float overlap_area(const ImRect& r, std::span<const ImRect> others) {
    float sum = 0;
    for (const ImRect& q : others) {
        const float w = std::min(r.Max.x, q.Max.x) - std::max(r.Min.x, q.Min.x);
        const float h = std::min(r.Max.y, q.Max.y) - std::max(r.Min.y, q.Min.y);
        if (w > 0 && h > 0) sum += w * h;
    }
    return sum;
}

}  // namespace

void BarChart(const char* id, std::span<const float> values, std::span<const std::string> labels,
              const BarChartOptions& options) {
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const int n = int(values.size());
    const bool log = options.log_y;

    // Value range: fixed, or the data's and the reference's (and zero, where linear bars start).
    Extent ey{log};
    for (float v : values) ey.add(v);
    const bool has_ref = options.reference && finite(*options.reference) && (!log || *options.reference > 0);
    if (has_ref) ey.add(*options.reference);
    const bool fixed = finite(options.y_min) && finite(options.y_max) && options.y_min < options.y_max &&
                       (!log || options.y_min > 0);
    AxisRange yr;
    if (log) {
        yr = plot_detail::fit_range(options.y_min, options.y_max, true, ey.lo, ey.hi, 0.05);
    } else {
        const double lo = ey.empty() ? 0.0 : std::min(ey.lo, 0.0), hi = ey.empty() ? 1.0 : std::max(ey.hi, 0.0);
        yr = plot_detail::fit_range(options.y_min, options.y_max, false, lo, hi, 0.06);
        if (!fixed && !ey.empty()) {  // bars stand on zero, not on a margin below it
            if (ey.lo >= 0) yr.lo = 0;
            else if (ey.hi <= 0) yr.hi = 0;
        }
    }
    AxisRange xr;
    xr.lo = -0.5;
    xr.hi = std::max(n, 1) - 0.5;
    FrameOptions fo;
    fo.categories = n;
    fo.category_labels = labels;
    const Frame f = layout_frame(bb, xr, yr, options.x_label, options.y_label, fo);
    draw_frame_back(dl, f);
    if (n == 0 || ey.empty()) no_data_note(dl, f.plot);

    const float slot = f.plot.GetWidth() / float(std::max(n, 1));
    const float bar_w = std::max(1.f, slot * 0.7f);
    const float baseline = log ? f.plot.Max.y : std::round(f.y.to_px(std::clamp(0.0, yr.lo, yr.hi)));
    auto color_of = [&](int i) {
        if (options.colors.empty()) return palette_color(0);
        return options.colors[size_t(i) % options.colors.size()];
    };
    auto name_of = [&](int i) { return i < int(labels.size()) ? labels[size_t(i)] : std::to_string(i + 1); };

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hover = hovered && n > 0 && f.plot.Contains(mouse)
                          ? std::clamp(int((mouse.x - f.plot.Min.x) / slot), 0, n - 1)
                          : -1;

    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    if (hover >= 0) {
        const float xa = std::round(f.plot.Min.x + slot * float(hover)), xb = std::round(f.plot.Min.x + slot * float(hover + 1));
        dl->AddRectFilled(ImVec2(xa, f.plot.Min.y), ImVec2(xb, f.plot.Max.y), IM_COL32(255, 255, 255, 24));
    }
    std::vector<ImRect> bars;
    for (int i = 0; i < n; ++i) {
        const float cx = f.x.to_px(double(i));
        const float xa = std::round(cx - bar_w * 0.5f), xb = std::max(xa + 1.f, std::round(cx + bar_w * 0.5f));
        const double v = values[size_t(i)];
        if (!finite(v) || (log && v <= 0)) {
            // No bar: a small cross on the axis says "nothing to draw here", the tooltip says why.
            const float r = std::max(2.f, std::round(std::min(font * 0.28f, slot * 0.35f)));
            const ImVec2 c(std::round(cx), std::round(f.plot.Max.y - r - pad));
            dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), kMutedText, 2.f);
            dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), kMutedText, 2.f);
            bars.emplace_back(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
            continue;
        }
        float top = std::clamp(f.y.to_px(v), f.plot.Min.y - 2.f, f.plot.Max.y + 2.f);
        top = std::round(top);
        // Every non-zero value shows, however small: at least two pixels.
        if (v != 0 && std::fabs(top - baseline) < 2.f) top = (log || v > 0) ? baseline - 2.f : baseline + 2.f;
        const ImRect r(ImVec2(xa, std::min(top, baseline)), ImVec2(xb, std::max(top, baseline)));
        dl->AddRectFilled(r.Min, r.Max, color_of(i));
        if (i == hover) dl->AddRect(ImVec2(r.Min.x - 1, r.Min.y - 1), ImVec2(r.Max.x + 1, r.Max.y + 1), IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
        bars.push_back(r);
    }

    // Reference line, its label where it covers the fewest bars.
    if (has_ref && *options.reference >= yr.lo && *options.reference <= yr.hi) {
        const float y = std::round(f.y.to_px(*options.reference));
        dashed_hline(dl, f.plot.Min.x, f.plot.Max.x, y, kReferenceColor, 2.f);
        const std::string text = options.reference_label.empty() ? format_value(*options.reference) : options.reference_label;
        const ImVec2 sz = text_size(text);
        const float above = y - pad * 0.5f - sz.y, below = y + pad * 0.5f + 1.f;
        const float right = f.plot.Max.x - pad - sz.x, left = f.plot.Min.x + pad;
        const ImVec2 candidates[] = {ImVec2(right, above), ImVec2(left, above), ImVec2(right, below), ImVec2(left, below)};
        ImVec2 at = candidates[0];
        float best = std::numeric_limits<float>::infinity();
        for (ImVec2 c : candidates) {
            c.x = std::clamp(c.x, f.plot.Min.x + 2.f, std::max(f.plot.Min.x + 2.f, f.plot.Max.x - sz.x - 2.f));
            c.y = std::clamp(c.y, f.plot.Min.y + 1.f, std::max(f.plot.Min.y + 1.f, f.plot.Max.y - sz.y - 1.f));
            const ImRect r(c, ImVec2(c.x + sz.x, c.y + sz.y));
            float cost = overlap_area(r, bars);
            if (r.Min.y < y && r.Max.y > y) cost += sz.x * sz.y;  // pushed onto its own line
            if (cost < best) {
                best = cost;
                at = c;
            }
        }
        draw_text_halo(dl, at, kReferenceColor, text);
    }
    dl->PopClipRect();
    draw_frame_axes(dl, bb, f, options.x_label, options.y_label);

    if (hover >= 0) {
        const double v = values[size_t(hover)];
        ImGui::BeginTooltip();
        const std::string name = name_of(hover);
        if (!options.x_label.empty()) ImGui::Text("%s: %s", options.x_label.c_str(), name.c_str());
        else ImGui::TextUnformatted(name.c_str());
        std::string line = (options.y_label.empty() ? std::string("value") : options.y_label) + ": " + format_value(v, 6);
        tooltip_swatch_line(color_of(hover), line);
        if (log && finite(v) && v <= 0) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kMutedText));
            ImGui::TextUnformatted("no bar: a log axis shows only values above 0");
            ImGui::PopStyleColor();
        }
        ImGui::EndTooltip();
    }
}

// ---- Field plot ------------------------------------------------------------------------------------
namespace {

constexpr int kMaxSmoothSide = 128;     // vertices per side of a smooth field's mesh
// Mesh density. Under llvmpipe every triangle costs CPU time: a vertex every 3 px made the gallery's
// full redraw ~20 ms slower, every 8 px ~4 ms, and looks the same (colours are blended between vertices,
// contours come from every sample).
constexpr float kSmoothVertexPx = 8.f;  // smooth: vertices at least this far apart
constexpr float kFlatCellPx = 4.f;      // flat: a cell's least width and height on screen
constexpr int kMaxFlatCells = 4096;     // quads of a flat field (4 vertices each)
constexpr ImU32 kContourColor = IM_COL32(255, 255, 255, 85);

// Where the samples of one axis sit: sample i at lo + i * step (the middle when there is one), its
// cell reaching half a step either side.
struct SampleAxis {
    double lo = 0, step = 1;
    int n = 0;
    SampleAxis(double a, double b, int count) : n(count) {
        if (!finite(a) || !finite(b)) a = 0, b = 1;
        if (b < a) std::swap(a, b);
        if (count >= 2) {
            if (b == a) b = a + 1;
            lo = a;
            step = (b - a) / (count - 1);
        } else {  // one sample: its cell is [a, b] (or a unit around it)
            const double w = b > a ? b - a : 1.0;
            lo = 0.5 * (a + b);
            step = w;
        }
    }
    double at(double i) const { return lo + i * step; }            // sample (fractional) index -> data
    double edge(int i) const { return lo + (i - 0.5) * step; }      // left edge of cell i; edge(n) closes the last
    double index(double v) const { return (v - lo) / step; }        // data -> fractional index
};

// Readable coordinates in a tooltip: enough decimals for the axis' span.
std::string format_coord(double v, double span) {
    if (!finite(v)) return format_value(v);
    const double a = std::fabs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e7)) return format_value(v, 4);
    const int decimals = std::clamp(int(std::ceil(-std::log10(std::max(span, 1e-300)))) + 3, 0, 8);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

// Smooth field: one vertex per (sub-sampled) sample, colours blended across each cell; written in bands
// of at most 65535 vertices so that 16-bit indices always reach.
void draw_smooth_field(ImDrawList* dl, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                       const SampleAxis& ay, const Frame& f, const ColorScale& cs) {
    const std::vector<int> ci = plot_detail::subsample_indices(cols, std::min(kMaxSmoothSide, int(f.plot.GetWidth() / kSmoothVertexPx) + 1));
    const std::vector<int> ri = plot_detail::subsample_indices(rows, std::min(kMaxSmoothSide, int(f.plot.GetHeight() / kSmoothVertexPx) + 1));
    const int nc = int(ci.size()), nr = int(ri.size());
    if (nc < 2 || nr < 2) return;
    std::vector<float> px(static_cast<size_t>(nc)), py(static_cast<size_t>(nr));
    for (int j = 0; j < nc; ++j) px[size_t(j)] = f.x.to_px(ax.at(ci[size_t(j)]));
    for (int i = 0; i < nr; ++i) py[size_t(i)] = f.y.to_px(ay.at(ri[size_t(i)]));
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const int band = std::max(2, std::min(nr, 65535 / nc));  // vertex rows per PrimReserve
    for (int i0 = 0; i0 < nr - 1; i0 += band - 1) {
        const int i1 = std::min(nr - 1, i0 + band - 1);
        const int vr = i1 - i0 + 1;
        dl->PrimReserve((vr - 1) * (nc - 1) * 6, vr * nc);
        const unsigned base = dl->_VtxCurrentIdx;  // after PrimReserve: it may have opened a new command
        for (int i = i0; i <= i1; ++i) {
            const size_t row = size_t(ri[size_t(i)]) * size_t(cols);
            for (int j = 0; j < nc; ++j)
                dl->PrimWriteVtx(ImVec2(px[size_t(j)], py[size_t(i)]), uv, cs.color(values[row + size_t(ci[size_t(j)])]));
        }
        for (int i = 0; i < vr - 1; ++i)
            for (int j = 0; j < nc - 1; ++j) {
                const unsigned a = base + unsigned(i * nc + j), b = a + 1, c = a + unsigned(nc), d = c + 1;
                dl->PrimWriteIdx(ImDrawIdx(a));
                dl->PrimWriteIdx(ImDrawIdx(b));
                dl->PrimWriteIdx(ImDrawIdx(d));
                dl->PrimWriteIdx(ImDrawIdx(a));
                dl->PrimWriteIdx(ImDrawIdx(d));
                dl->PrimWriteIdx(ImDrawIdx(c));
            }
    }
}

// Flat field: one quad per cell, cells averaged in blocks when they would be under two pixels (or too
// many), and neighbours of the same colour in a row merged into one quad.
void draw_flat_field(ImDrawList* dl, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                     const SampleAxis& ay, const Frame& f, const ColorScale& cs,
                     const decltype(FieldPlotOptions::draw_colors)& draw_colors) {
    const plot_detail::GridSize g =
        plot_detail::flat_draw_size(rows, cols, f.plot.GetWidth(), f.plot.GetHeight(), kFlatCellPx, kMaxFlatCells);
    if (g.rows == 0 || g.cols == 0) return;
    // Averaged where it is seen: in the colour scale's units (log10 on a log scale).
    std::vector<float> t(size_t(rows) * size_t(cols));
    for (size_t k = 0; k < t.size(); ++k) t[k] = cs.t(values[k]);
    std::vector<float> blocks;
    const std::vector<float>* tb = &t;
    if (g.rows != rows || g.cols != cols) {
        plot_detail::downsample_grid(t, rows, cols, g.rows, g.cols, blocks);
        tb = &blocks;
    }
    std::vector<float> xe(size_t(g.cols) + 1), ye(size_t(g.rows) + 1);  // block edges in pixels
    for (int j = 0; j <= g.cols; ++j) xe[size_t(j)] = std::round(f.x.to_px(ax.edge(int(int64_t(j) * cols / g.cols))));
    for (int i = 0; i <= g.rows; ++i) ye[size_t(i)] = std::round(f.y.to_px(ay.edge(int(int64_t(i) * rows / g.rows))));
    if (draw_colors) {
        std::vector<ImU32> colors(size_t(g.rows) * size_t(g.cols));
        for (size_t k = 0; k < colors.size(); ++k) colors[k] = cs.color_at((*tb)[k]);
        draw_colors(dl, ImVec2(std::min(xe.front(), xe.back()), std::min(ye.front(), ye.back())),
                    ImVec2(std::max(xe.front(), xe.back()), std::max(ye.front(), ye.back())), colors, g.rows, g.cols, false);
        return;
    }
    std::vector<ImU32> row_colors(static_cast<size_t>(g.cols));
    for (int i = 0; i < g.rows; ++i) {
        int runs = 0;
        for (int j = 0; j < g.cols; ++j) {
            row_colors[size_t(j)] = cs.color_at((*tb)[size_t(i) * size_t(g.cols) + size_t(j)]);
            if (j == 0 || row_colors[size_t(j)] != row_colors[size_t(j - 1)]) ++runs;
        }
        dl->PrimReserve(runs * 6, runs * 4);
        const float y0 = std::min(ye[size_t(i)], ye[size_t(i + 1)]), y1 = std::max(ye[size_t(i)], ye[size_t(i + 1)]);
        for (int j = 0; j < g.cols;) {
            int k = j + 1;
            while (k < g.cols && row_colors[size_t(k)] == row_colors[size_t(j)]) ++k;
            dl->PrimRect(ImVec2(xe[size_t(j)], y0), ImVec2(xe[size_t(k)], y1), row_colors[size_t(j)]);
            j = k;
        }
    }
}

// Word-at-a-time multiply-xor hash (tens of microseconds for a 128 x 128 field).
uint64_t hash_bytes(const void* data, size_t n, uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    h = (h ^ tail ^ n) * kMul;
    return h ^ (h >> 32);
}

// Contour lines in grid units, per widget, kept while the field and the levels stay the same: a lesson's
// loss landscape is fixed while the optimizers' paths move, and marching squares over 128 x 128 samples
// at 8 levels costs about a millisecond.
struct ContourCache {
    uint64_t key = 0;
    std::vector<std::vector<ImVec2>> lines;
};

const std::vector<std::vector<ImVec2>>& contour_lines(ImGuiID id, std::span<const float> values, int rows, int cols,
                                                      const ColorScale& cs, std::span<const double> levels) {
    static std::unordered_map<ImGuiID, ContourCache> cache;
    const bool log = cs.range.log;
    const float floor_value = float(cs.a - 1.0);
    uint64_t key = hash_bytes(values.data(), values.size_bytes(), 1469598103934665603ull);
    const double params[4] = {double(rows), double(cols), log ? 1.0 : 0.0, double(floor_value)};
    key = hash_bytes(params, sizeof params, key);
    key = hash_bytes(levels.data(), levels.size_bytes(), key);
    if (cache.size() > 64 && !cache.count(id)) cache.clear();  // widgets come and go: start afresh now and then
    ContourCache& c = cache[id];
    if (c.key == key && key != 0) return c.lines;
    c.key = key;
    c.lines.clear();
    // Contoured in the colour scale's units, so that lines and colours agree between samples.
    std::vector<float> field(size_t(rows) * size_t(cols));
    for (size_t k = 0; k < field.size(); ++k) {
        const float v = values[k];
        field[k] = !log ? v : (v > 0 ? float(std::log10(v)) : (std::isnan(v) ? v : floor_value));
    }
    for (double level : levels) {
        const float lv = float(log ? std::log10(level) : level);
        for (std::vector<ImVec2>& line : plot_detail::join_segments(contour_segments(field, rows, cols, lv), 1e-3f))
            c.lines.push_back(std::move(line));
    }
    return c.lines;
}

// Contour lines at `levels`, joined into polylines (no doubled-up joints where a line is translucent).
void draw_contours(ImDrawList* dl, ImGuiID id, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                   const SampleAxis& ay, const Frame& f, const ColorScale& cs, std::span<const double> levels) {
    if (levels.empty() || rows < 2 || cols < 2) return;
    const float x0 = f.x.to_px(ax.at(0)), sx = f.x.to_px(ax.at(1)) - x0;
    const float y0 = f.y.to_px(ay.at(0)), sy = f.y.to_px(ay.at(1)) - y0;
    std::vector<ImVec2> pts;
    for (const std::vector<ImVec2>& line : contour_lines(id, values, rows, cols, cs, levels)) {
        // Points at least 3 px apart (and the last): contours are smooth, vertices are not free.
        pts.clear();
        for (size_t i = 0; i < line.size(); ++i) {
            const ImVec2 q(x0 + line[i].x * sx, y0 + line[i].y * sy);
            if (!pts.empty() && i + 1 < line.size()) {
                const float dx = q.x - pts.back().x, dy = q.y - pts.back().y;
                if (dx * dx + dy * dy < 9.f) continue;
            }
            pts.push_back(q);
        }
        bool closed = false;
        if (pts.size() > 3 && std::fabs(pts.front().x - pts.back().x) < 0.01f && std::fabs(pts.front().y - pts.back().y) < 0.01f) {
            pts.pop_back();
            closed = true;
        }
        dl->AddPolyline(pts.data(), int(pts.size()), kContourColor, closed ? ImDrawFlags_Closed : 0, 2.f);
    }
}

// A path's visible pieces in screen space, clipped to the data rectangle, and where it left for good.
struct PathGeometry {
    std::vector<std::vector<ImVec2>> pieces;
    bool has_start = false, has_end = false, start_inside = false, end_inside = false;
    ImVec2 start, end;             // first and last finite points (screen)
    bool exits = false;            // the last finite point is outside and the path crossed the edge
    ImVec2 exit_at, exit_dir;      // where it last left the rectangle, and which way (unit)
};

PathGeometry path_geometry(const FieldPath& p, const Frame& f) {
    PathGeometry g;
    const double xlo = f.x.range.lo, xhi = f.x.range.hi, ylo = f.y.range.lo, yhi = f.y.range.hi;
    auto inside = [&](double x, double y) { return x >= xlo && x <= xhi && y >= ylo && y <= yhi; };
    auto screen = [&](double x, double y) { return ImVec2(f.x.to_px(x), f.y.to_px(y)); };
    const size_t n = std::min(p.x.size(), p.y.size());
    bool have_prev = false;
    double px = 0, py = 0;
    std::vector<ImVec2>* piece = nullptr;
    for (size_t i = 0; i < n; ++i) {
        const double x = p.x[i], y = p.y[i];
        if (!finite(x) || !finite(y)) continue;
        if (!g.has_start) {
            g.has_start = true;
            g.start_inside = inside(x, y);
            g.start = screen(x, y);
        }
        g.has_end = true;
        g.end_inside = inside(x, y);
        if (g.end_inside) g.end = screen(x, y);
        if (!have_prev) {
            have_prev = true;
            px = x;
            py = y;
            if (g.end_inside) {
                g.pieces.emplace_back(1, screen(x, y));
                piece = &g.pieces.back();
            }
            continue;
        }
        double ax = px, ay = py, bx = x, by = y;
        if (plot_detail::clip_segment(ax, ay, bx, by, xlo, xhi, ylo, yhi)) {
            const ImVec2 sa = screen(ax, ay), sb = screen(bx, by);
            const bool continues = piece && !piece->empty() && std::fabs(piece->back().x - sa.x) < 0.5f &&
                                   std::fabs(piece->back().y - sa.y) < 0.5f && (ax == px && ay == py);
            if (!continues) {
                g.pieces.emplace_back(1, sa);
                piece = &g.pieces.back();
            }
            // Decimated: kept points at least a pixel and a half apart. A point closer than that to the
            // one kept before it is provisional, replaced by the next (so the true end is always there).
            const size_t m = piece->size();
            if (m >= 2) {
                const ImVec2 last = (*piece)[m - 1], anchor = (*piece)[m - 2];
                const float dx = last.x - anchor.x, dy = last.y - anchor.y;
                if (dx * dx + dy * dy < 2.25f) piece->back() = sb;
                else piece->push_back(sb);
            } else {
                piece->push_back(sb);
            }
            if (bx != x || by != y) {  // cut short: it leaves the rectangle here
                g.exits = true;
                g.exit_at = sb;
                // The direction in data units, in pixels (the screen positions of far points are clamped).
                const double ddx = (x - px) / (xhi - xlo) * (double(f.x.p1) - f.x.p0);
                const double ddy = (y - py) / (yhi - ylo) * (double(f.y.p1) - f.y.p0);
                const double len = std::hypot(ddx, ddy);
                g.exit_dir = len > 0 && finite(len) ? ImVec2(float(ddx / len), float(ddy / len)) : ImVec2(1, 0);
                piece = nullptr;
            }
        } else {
            piece = nullptr;
        }
        px = x;
        py = y;
    }
    if (g.end_inside) g.exits = false;
    return g;
}

}  // namespace

void FieldPlot(const char* id, std::span<const float> values, int rows, int cols, std::span<const FieldPath> paths,
               const FieldPlotOptions& options) {
    rows = std::max(rows, 0);
    cols = std::max(cols, 0);
    if (size_t(rows) * size_t(cols) > values.size()) rows = cols > 0 ? int(values.size() / size_t(cols)) : 0;  // malformed input
    if (rows == 0) cols = 0;
    const size_t n_cells = size_t(rows) * size_t(cols);
    values = values.first(n_cells);
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);

    // Sample positions and the rectangle they fill: a smooth field ends at the outer samples, flat cells
    // half a cell beyond them.
    const bool smooth = options.smooth && rows >= 2 && cols >= 2;
    const SampleAxis ax(options.x_min, options.x_max, std::max(cols, 1)), ay(options.y_min, options.y_max, std::max(rows, 1));
    AxisRange xr, yr;
    if (smooth) {
        xr.lo = ax.at(0), xr.hi = ax.at(cols - 1);
        yr.lo = ay.at(0), yr.hi = ay.at(rows - 1);
    } else {
        xr.lo = ax.edge(0), xr.hi = ax.edge(std::max(cols, 1));
        yr.lo = ay.edge(0), yr.hi = ay.edge(std::max(rows, 1));
    }

    const ColorScale cs(values, options.colormap, options.v_min, options.v_max, options.log_scale);
    const std::vector<double> levels =
        n_cells > 0 ? plot_detail::contour_levels(cs.range.lo, cs.range.hi, cs.range.log, options.contour_count)
                    : std::vector<double>{};

    // Layout: the colorbar's labels (which depend on the plot's height) set the right margin.
    float top, bottom;
    frame_margins(options.x_label, true, top, bottom);
    const Colorbar cbar(cs.range, std::max(bb.GetHeight() - top - bottom, 4.f));
    FrameOptions fo;
    fo.right = cbar.width();
    fo.integer_y = options.integer_y_ticks;
    fo.y_names = options.y_tick_names;
    fo.y_names_first = options.y_min;
    fo.title_row = true;
    const Frame f = layout_frame(bb, xr, yr, options.x_label, options.y_label, fo);
    // The field covers the whole plot: a background and grid under it would be drawn for nothing,
    // and a software renderer pays for every pixel.
    if (n_cells == 0) draw_frame_back(dl, f);

    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    if (n_cells == 0) {
        no_data_note(dl, f.plot);
    } else {
        if (smooth && options.draw_colors) {
            std::vector<ImU32> colors(values.size());
            for (std::size_t i = 0; i < values.size(); ++i) colors[i] = cs.color(values[i]);
            options.draw_colors(dl, ImVec2(f.x.to_px(ax.at(0)), f.y.to_px(ay.at(rows - 1))),
                                ImVec2(f.x.to_px(ax.at(cols - 1)), f.y.to_px(ay.at(0))), colors, rows, cols, true);
        } else if (smooth) {
            draw_smooth_field(dl, values, rows, cols, ax, ay, f, cs);
        }
        if (!smooth) draw_flat_field(dl, values, rows, cols, ax, ay, f, cs, options.draw_colors);
        draw_contours(dl, ImGui::GetItemID(), values, rows, cols, ax, ay, f, cs, levels);
    }
    dl->PopClipRect();
    draw_frame_axes(dl, bb, f, options.x_label, options.y_label);

    // Paths: a dark outline under each line so that it stands out on any colour, markers at both ends,
    // an arrowhead where a path left the plot for good.
    std::vector<LegendEntry> entries;
    for (size_t pi = 0; pi < paths.size(); ++pi)
        if (!paths[pi].label.empty())
            entries.push_back({paths[pi].label, paths[pi].color ? paths[pi].color : palette_color(int(pi)), false});
    Legend legend(f.plot, std::move(entries));
    const float th = std::round(std::max(3.f, font * 0.2f));
    const float start_r = std::round(font * 0.3f), end_r = std::round(font * 0.5f);
    std::vector<PathGeometry> geoms;
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    for (size_t pi = 0; pi < paths.size(); ++pi) {
        const ImU32 col = paths[pi].color ? paths[pi].color : palette_color(int(pi));
        geoms.push_back(path_geometry(paths[pi], f));
        const PathGeometry& g = geoms.back();
        for (int pass = 0; pass < 2; ++pass) {
            const ImU32 c = pass == 0 ? kOutline : col;
            const float w = pass == 0 ? th + 3.f : th;
            for (const std::vector<ImVec2>& piece : g.pieces) {
                for (size_t i = 1; i < piece.size(); ++i) {
                    // Segment by segment (polyline joins spike on a zig-zagging descent), each with square
                    // caps half its width long, so that the turns have no notches.
                    ImVec2 a = piece[i - 1], b = piece[i];
                    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
                    if (len > 0) {
                        const float ex = dx / len * w * 0.5f, ey = dy / len * w * 0.5f;
                        a = ImVec2(a.x - ex, a.y - ey);
                        b = ImVec2(b.x + ex, b.y + ey);
                    }
                    dl->AddLine(a, b, c, w);
                    if (pass == 1 && legend.visible) legend.cover_segment(piece[i - 1], piece[i]);
                }
            }
        }
        if (g.has_start && g.start_inside && !(g.has_end && g.end_inside && g.start.x == g.end.x && g.start.y == g.end.y)) {
            dl->AddCircleFilled(g.start, start_r + 2.f, kOutline, 16);
            dl->AddCircleFilled(g.start, start_r, col, 16);
            legend.cover_point(g.start, start_r);
        }
        if (g.has_end && g.end_inside) {
            dl->AddCircleFilled(g.end, end_r + 2.f, kOutline, 20);
            dl->AddCircleFilled(g.end, end_r, col, 20);
            dl->AddCircle(g.end, end_r, IM_COL32(255, 255, 255, 235), 20, 2.f);
            legend.cover_point(g.end, end_r);
        } else if (g.exits) {
            // Arrowhead at the edge, pointing the way the path went.
            const float len = std::round(font * 0.9f), half = std::round(font * 0.45f);
            const ImVec2 d = g.exit_dir, nrm(-d.y, d.x);
            const ImVec2 tip = g.exit_at;
            const ImVec2 b0(tip.x - d.x * len + nrm.x * half, tip.y - d.y * len + nrm.y * half);
            const ImVec2 b1(tip.x - d.x * len - nrm.x * half, tip.y - d.y * len - nrm.y * half);
            dl->AddTriangleFilled(tip, b0, b1, col);
            dl->AddTriangle(tip, b0, b1, kOutline, 2.f);
            legend.cover_point(tip, len);
        }
    }
    dl->PopClipRect();
    legend.draw(dl, f.plot);

    // Colorbar with the contour levels on it; its title shortened rather than run into the y title.
    std::string title = options.colorbar_label;
    if (!title.empty()) {
        const float taken = options.y_label.empty() ? 0.f : text_size(options.y_label).x + pad * 2.f;
        title = shorten_to_width(title, std::max(bb.GetWidth() - taken - pad, font * 2.f));
    }
    cbar.draw(dl, bb, f.plot, options.colormap, title, levels);

    // Hover: the position, the field there, and a path's step when one is under the mouse.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (!(hovered && f.plot.Contains(mouse))) return;
    const double mx = f.x.from_px(mouse.x), my = f.y.from_px(mouse.y);
    double shown_x = mx, shown_y = my, value = std::numeric_limits<double>::quiet_NaN();
    bool exact = false;  // the position of a flat cell's sample rather than the mouse
    if (n_cells > 0) {
        auto at = [&](int r, int c) { return double(values[size_t(r) * size_t(cols) + size_t(c)]); };
        if (smooth) {
            const double u = std::clamp(ax.index(mx), 0.0, double(cols - 1)), v = std::clamp(ay.index(my), 0.0, double(rows - 1));
            const int c0 = std::min(int(u), cols - 2), r0 = std::min(int(v), rows - 2);
            const double fu = u - c0, fv = v - r0;
            value = (1 - fv) * ((1 - fu) * at(r0, c0) + fu * at(r0, c0 + 1)) + fv * ((1 - fu) * at(r0 + 1, c0) + fu * at(r0 + 1, c0 + 1));
            if (!finite(value)) value = at(int(std::lround(v)), int(std::lround(u)));
        } else {
            const int c = std::clamp(int(std::floor(ax.index(mx) + 0.5)), 0, cols - 1);
            const int r = std::clamp(int(std::floor(ay.index(my) + 0.5)), 0, rows - 1);
            value = at(r, c);
            shown_x = ax.at(c);
            shown_y = ay.at(r);
            exact = true;
            const ImVec2 a(std::round(f.x.to_px(ax.edge(c))), std::round(f.y.to_px(ay.edge(r + 1))));
            const ImVec2 b(std::round(f.x.to_px(ax.edge(c + 1))), std::round(f.y.to_px(ay.edge(r))));
            if (b.x - a.x >= 3.f && b.y - a.y >= 3.f) {
                dl->PushClipRect(f.plot.Min, f.plot.Max, true);
                dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(0, 0, 0, 255), 0.f, 0, 4.f);
                dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
                dl->PopClipRect();
            }
        }
    }
    // The nearest path point within reach of the mouse.
    int hit_path = -1;
    size_t hit_step = 0;
    float hit_d2 = (font * 0.7f) * (font * 0.7f);
    for (size_t pi = 0; pi < paths.size(); ++pi) {
        const size_t n = std::min(paths[pi].x.size(), paths[pi].y.size());
        for (size_t i = 0; i < n; ++i) {
            const double x = paths[pi].x[i], y = paths[pi].y[i];
            if (!finite(x) || !finite(y)) continue;
            const float dx = f.x.to_px(x) - mouse.x, dy = f.y.to_px(y) - mouse.y;
            if (dx * dx + dy * dy <= hit_d2) {
                hit_d2 = dx * dx + dy * dy;
                hit_path = int(pi);
                hit_step = i;
            }
        }
    }
    ImGui::BeginTooltip();
    const std::string xname = options.x_label.empty() ? "x" : options.x_label;
    const std::string yname = options.y_label.empty() ? "y" : options.y_label;
    const std::string vname = options.colorbar_label.empty() ? "value" : options.colorbar_label;
    const std::string xs = exact ? format_value(shown_x, 6) : format_coord(shown_x, xr.hi - xr.lo);
    const std::string ys = exact ? format_value(shown_y, 6) : format_coord(shown_y, yr.hi - yr.lo);
    ImGui::Text("%s: %s", xname.c_str(), xs.c_str());
    ImGui::Text("%s: %s", yname.c_str(), ys.c_str());
    if (n_cells > 0) ImGui::Text("%s: %s", vname.c_str(), format_value(value, 4).c_str());
    if (hit_path >= 0) {
        const FieldPath& p = paths[size_t(hit_path)];
        const std::string name = p.label.empty() ? std::string("path ").append(std::to_string(hit_path + 1)) : p.label;
        tooltip_swatch_line(p.color ? p.color : palette_color(hit_path),
                            name + ", step " + std::to_string(hit_step) + " at (" +
                                format_coord(p.x[hit_step], xr.hi - xr.lo) + ", " + format_coord(p.y[hit_step], yr.hi - yr.lo) + ")");
    }
    ImGui::EndTooltip();
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
    // Bar chart: per-layer gradient norm of a 20-layer sigmoid network.
    std::vector<float> bar_grad;
    std::vector<std::string> bar_layers;
    std::vector<ImU32> bar_colors;
    // Loss landscape of an elongated bowl and three optimizers' paths over it.
    static constexpr int kLandRows = 128, kLandCols = 128;
    static constexpr double kW1Min = -3, kW1Max = 3, kW2Min = -2, kW2Max = 2;
    std::vector<float> landscape;
    std::vector<float> sgd_w1, sgd_w2, momentum_w1, momentum_w2, adam_w1, adam_w2;
    // Gradient norm per layer over training: 20 layers x 500 logged steps.
    static constexpr int kGradSteps = 500;
    std::vector<float> grad_time;

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

        // Sigmoid: the gradient shrinks ~2x per layer, from ~1e-1 at the output to ~1e-7 twenty layers down.
        for (int l = 1; l <= 20; ++l) {
            const float g = 0.1f * std::pow(10.f, -6.f * float(l - 1) / 19.f) * (1.f + 0.3f * hash_noise(uint32_t(l), 11));
            bar_grad.push_back(g);
            bar_layers.push_back(std::to_string(l));
            bar_colors.push_back(g < 1e-4f ? palette_color(5) : palette_color(1));  // vermillion: too small to learn
        }

        // L = 0.5 (a w1^2 + b w2^2), a = 1, b = 10: a long, narrow valley.
        const double a = 1, b = 10;
        for (int r = 0; r < kLandRows; ++r)
            for (int c = 0; c < kLandCols; ++c) {
                const double w1 = kW1Min + (kW1Max - kW1Min) * c / (kLandCols - 1);
                const double w2 = kW2Min + (kW2Max - kW2Min) * r / (kLandRows - 1);
                landscape.push_back(float(0.5 * (a * w1 * w1 + b * w2 * w2)));
            }
        // 60 steps of each optimizer from (-2.5, 1.5); the gradient is (a w1, b w2).
        const int steps = 60;
        {  // plain gradient descent: lr close to the 2/b limit, so it zig-zags across the valley
            double w1 = -2.5, w2 = 1.5;
            const double lr = 0.18;
            for (int t = 0; t <= steps; ++t) {
                sgd_w1.push_back(float(w1));
                sgd_w2.push_back(float(w2));
                w1 -= lr * a * w1;
                w2 -= lr * b * w2;
            }
        }
        {  // momentum (heavy ball): velocity builds up along the valley, and overshoots a little
            double w1 = -2.5, w2 = 1.5, v1 = 0, v2 = 0;
            const double lr = 0.05, beta = 0.8;
            for (int t = 0; t <= steps; ++t) {
                momentum_w1.push_back(float(w1));
                momentum_w2.push_back(float(w2));
                v1 = beta * v1 + a * w1;
                v2 = beta * v2 + b * w2;
                w1 -= lr * v1;
                w2 -= lr * v2;
            }
        }
        {  // Adam: steps of about lr in every direction, whatever the gradient's scale
            double w1 = -2.5, w2 = 1.5, m1 = 0, m2 = 0, s1 = 0, s2 = 0;
            const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
            for (int t = 0; t <= steps; ++t) {
                adam_w1.push_back(float(w1));
                adam_w2.push_back(float(w2));
                const double g1 = a * w1, g2 = b * w2;
                m1 = b1 * m1 + (1 - b1) * g1;
                m2 = b1 * m2 + (1 - b1) * g2;
                s1 = b2 * s1 + (1 - b2) * g1 * g1;
                s2 = b2 * s2 + (1 - b2) * g2 * g2;
                const double c1 = 1 - std::pow(b1, t + 1), c2 = 1 - std::pow(b2, t + 1);
                w1 -= lr * (m1 / c1) / (std::sqrt(s1 / c2) + eps);
                w2 -= lr * (m2 / c1) / (std::sqrt(s2 / c2) + eps);
            }
        }

        // Layer x time: the sigmoid profile, larger early in training, noisy, and one bad batch at step 3100.
        grad_time.resize(size_t(20) * kGradSteps);
        for (int l = 1; l <= 20; ++l)
            for (int k = 0; k < kGradSteps; ++k) {
                const float step = float(k * 10);
                const float base = 0.1f * std::pow(10.f, -6.f * float(l - 1) / 19.f);
                const float early = 1.f + 6.f * std::exp(-step / 700.f);
                const float noise = std::exp(0.35f * gauss_noise(uint32_t(l * 1000 + k), 12));
                const float spike = (k >= 309 && k <= 314) ? 30.f : 1.f;
                grad_time[size_t(l - 1) * kGradSteps + size_t(k)] = base * early * noise * spike;
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
    // In a small window the plots keep a readable minimum and the window scrolls.
    const float min_h = ImGui::GetFontSize() * 8.f;
    // Heights for a column of plots: its share of what the headings leave.
    auto heights = [&](std::initializer_list<float> shares) {
        const float rest = avail_h - float(shares.size()) * (heading_h + style.ItemSpacing.y);
        std::vector<float> h;
        for (float s : shares) h.push_back(std::max(std::floor(rest * s), min_h));
        return h;
    };
    if (ImGui::BeginTable("##gallery", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_NoPadOuterX)) {
        ImGui::TableNextRow();

        // Left column: line plots and the bar chart.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.34f, 0.33f, 0.33f});
            heading("Training curves (linear axes)");
            const LineSeries curves[] = {
                {"training loss", d.steps, d.train_loss, 0, 2.5f},
                {"validation loss", d.eval_steps, d.val_loss, 0, 3.f},
                {"accuracy", d.eval_steps, d.accuracy, 0, 3.f},
            };
            LinePlotOptions o;
            o.x_label = "training step";
            o.y_label = "loss / accuracy";
            o.size = ImVec2(0, h[0]);
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
            g.size = ImVec2(0, h[1]);
            PlotLines("##gallery_grads", grads, g);

            heading("Sigmoid network, 20 layers (bar chart, log y)");
            BarChartOptions b;
            b.x_label = "layer (counted from the output)";
            b.y_label = "gradient norm";
            b.log_y = true;
            b.colors = d.bar_colors;
            b.reference = 1e-4;
            b.reference_label = "1e-4: too small to learn";
            b.size = ImVec2(0, h[2]);
            BarChart("##gallery_bars", d.bar_grad, d.bar_layers, b);
        }

        // Middle column: the two that need the most room, attention and the loss landscape.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.45f, 0.55f});
            heading("Causal self-attention (viridis)");
            HeatmapOptions a;
            a.row_labels = d.tokens;
            a.col_labels = d.tokens;
            a.colorbar_label = "attention weight";
            a.colormap = Colormap::Viridis;
            a.show_values = true;
            a.size = ImVec2(0, h[0]);
            Heatmap("##gallery_attention", d.attention, int(d.tokens.size()), int(d.tokens.size()), a);

            heading("Loss landscape, 3 optimizers x 60 steps (field)");
            const FieldPath paths[] = {
                {"gradient descent", d.sgd_w1, d.sgd_w2, 0},
                {"momentum", d.momentum_w1, d.momentum_w2, 0},
                {"Adam", d.adam_w1, d.adam_w2, 0},
            };
            FieldPlotOptions l;
            l.x_label = "w1";
            l.y_label = "w2";
            l.colorbar_label = "loss";
            l.x_min = GalleryData::kW1Min;
            l.x_max = GalleryData::kW1Max;
            l.y_min = GalleryData::kW2Min;
            l.y_max = GalleryData::kW2Max;
            l.log_scale = true;
            l.contour_count = 8;
            l.size = ImVec2(0, h[1]);
            FieldPlot("##gallery_landscape", d.landscape, GalleryData::kLandRows, GalleryData::kLandCols, paths, l);
        }

        // Right column: weights, gradients over training, and the scatter.
        ImGui::TableNextColumn();
        {
            const std::vector<float> h = heights({0.29f, 0.33f, 0.38f});
            heading("Weights: 6 neurons x 20 inputs (diverging)");
            HeatmapOptions w;
            w.row_labels = d.neuron_names;
            w.col_labels = d.input_names;
            w.colorbar_label = "weight";
            w.colormap = Colormap::Diverging;
            w.size = ImVec2(0, h[0]);
            Heatmap("##gallery_weights", d.weights, 6, 20, w);

            heading("Gradient norm per layer over training (flat field)");
            FieldPlotOptions t;
            t.x_label = "training step";
            t.y_label = "layer";
            t.colorbar_label = "gradient norm";
            t.x_min = 0;
            t.x_max = 10.0 * (GalleryData::kGradSteps - 1);
            t.y_min = 1;
            t.y_max = 20;
            t.log_scale = true;
            t.smooth = false;
            t.integer_y_ticks = true;
            t.size = ImVec2(0, h[1]);
            FieldPlot("##gallery_grad_time", d.grad_time, 20, GalleryData::kGradSteps, {}, t);

            heading("Word embeddings, 3 classes (scatter)");
            ScatterOptions s;
            s.x_label = "dimension 1";
            s.y_label = "dimension 2";
            s.class_names = {"animals", "food", "verbs"};
            s.size = ImVec2(0, h[2]);
            Scatter("##gallery_scatter", d.px, d.py, d.pclass, d.plabels, s);
        }
        ImGui::EndTable();
    }

    if (own_window) ImGui::End();
}

}  // namespace ui
