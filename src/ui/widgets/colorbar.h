#pragma once
// Colour scales and colorbars, shared by the Heatmap and the FieldPlot. Internal to the widgets.
#include <span>
#include <string>
#include <vector>

#include "ui/widgets/plot_axes.h"

namespace ui::plot_detail {

// Values to colours: a fixed range, or the data's (symmetric about zero for a diverging map over both
// signs); on a log scale by log10(value), non-positive values getting the lowest colour.
struct ColorScale {
    AxisRange range;
    Colormap map = Colormap::Viridis;
    double a = 0, b = 1;  // range in colour units (log10 on a log scale)

    ColorScale(std::span<const float> values, Colormap m, float v_min, float v_max, bool log);

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
    Colorbar(const AxisRange& cr, float bar_h);

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
              std::span<const double> marks) const;
};

}  // namespace ui::plot_detail
