// Colour scales and colorbars (colorbar.h): values to colours, and the bar beside a heatmap or a field.
#include "ui/widgets/colorbar.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui::plot_detail {

ColorScale::ColorScale(std::span<const float> values, Colormap m, float v_min, float v_max, bool log) : map(m) {
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

Colorbar::Colorbar(const AxisRange& cr, float bar_h) : range(cr) {
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

void Colorbar::draw(ImDrawList* dl, const ImRect& bb, const ImRect& plot, Colormap map, const std::string& title,
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

}  // namespace ui::plot_detail
