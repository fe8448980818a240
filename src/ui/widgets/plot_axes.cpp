// The pieces every plot widget draws with (plot_axes.h): text, the widget rectangle, labels, the
// frame with its axes, ticks and grid, and tooltips; the axis maths of plot_internal.h; and the
// shared public pieces of plot.h (palette, colormaps, nice ticks).
#include "ui/widgets/plot_axes.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace ui {
namespace plot_detail {

ImU32 text_color() { return ImGui::GetColorU32(ImGuiCol_Text); }

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
std::string format_value(double v, int digits) {
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

// Chooses ticks whose labels do not overlap. Horizontal axes place labels under `edge` (the plot's
// bottom), clamped to [clamp_lo, clamp_hi]; vertical axes centre them on the tick, right-aligned at
// `edge` (a pixel column).
// `names` (integer axes only): names[i] labels the tick at names_first + i instead of its number,
// and the last named value always gets a tick (e.g. a layer axis whose top row is "out").
PlacedTicks place_ticks(const Scale& s, bool horizontal, float edge, float clamp_lo, float clamp_hi, bool integer,
                        std::span<const std::string> names, double names_first) {
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
                   const std::string& y_label, const FrameOptions& fo) {
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
    // A title longer than the plot is wide ends in an ellipsis rather than running past its edge.
    if (!x_label.empty()) {
        const std::string shown = shorten_to_width(x_label, bb.GetWidth());
        const ImVec2 sz = text_size(shown);
        float x = 0.5f * (f.plot.Min.x + f.plot.Max.x) - sz.x * 0.5f;
        x = std::clamp(x, bb.Min.x, std::max(bb.Min.x, bb.Max.x - sz.x));
        draw_text(dl, ImVec2(x, bb.Max.y - font - pad * 0.5f), kMutedText, shown);
    }
    if (!y_label.empty())
        draw_text(dl, ImVec2(bb.Min.x + pad * 0.5f, bb.Min.y + pad * 0.25f), kMutedText,
                  shorten_to_width(y_label, bb.GetWidth() - pad));
    dl->PopClipRect();
}

Frame draw_frame(ImDrawList* dl, const ImRect& bb, const AxisRange& xr, const AxisRange& yr, const std::string& x_label,
                 const std::string& y_label, const FrameOptions& fo) {
    const Frame f = layout_frame(bb, xr, yr, x_label, y_label, fo);
    draw_frame_back(dl, f);
    draw_frame_axes(dl, bb, f, x_label, y_label);
    return f;
}

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

}  // namespace ui
