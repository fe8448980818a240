// The scatter plot: points coloured by class, optional labels, a legend and a hover readout.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

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

}  // namespace ui
