// The bar chart: one bar per value, category labels that never collide, a reference line.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ui/widgets/colorbar.h"
#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

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

}  // namespace ui
