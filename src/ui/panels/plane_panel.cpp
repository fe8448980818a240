// The input plane: the model's decision field as a coloured background, the data points, the
// perceptron's line or each hidden neuron's own line.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/gl/field_view.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui {

unsigned hidden_neuron_color(int k) {
    static const ImU32 colors[] = {IM_COL32(255, 255, 255, 255), IM_COL32(120, 230, 120, 255),
                                   IM_COL32(240, 110, 200, 255), IM_COL32(255, 235, 90, 255),
                                   IM_COL32(130, 220, 255, 255), IM_COL32(200, 160, 255, 255),
                                   IM_COL32(255, 160, 120, 255), IM_COL32(170, 255, 210, 255)};
    return colors[k % 8];
}

namespace {
struct PlaneMap {
    ImVec2 p0, p1;  // screen rectangle
    float x0, x1, y0, y1;
    ImVec2 to_screen(float x, float y) const {
        return ImVec2(p0.x + (x - x0) / (x1 - x0) * (p1.x - p0.x), p1.y - (y - y0) / (y1 - y0) * (p1.y - p0.y));
    }
};

// The line a x + b y + c = 0, drawn across the whole plane (the clip rectangle trims it).
bool line_ends(float a, float b, float c, const PlaneMap& m, ImVec2& from, ImVec2& to) {
    const float span = 10.f * std::max(m.x1 - m.x0, m.y1 - m.y0);
    const float cx = 0.5f * (m.x0 + m.x1), cy = 0.5f * (m.y0 + m.y1);
    if (std::abs(a) < 1e-9f && std::abs(b) < 1e-9f) return false;
    if (std::abs(b) >= std::abs(a)) {
        const float xa = cx - span, xb = cx + span;
        from = m.to_screen(xa, -(a * xa + c) / b);
        to = m.to_screen(xb, -(a * xb + c) / b);
    } else {
        const float ya = cy - span, yb = cy + span;
        from = m.to_screen(-(b * ya + c) / a, ya);
        to = m.to_screen(-(b * yb + c) / a, yb);
    }
    return std::isfinite(from.x) && std::isfinite(from.y) && std::isfinite(to.x) && std::isfinite(to.y);
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float dash) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length = std::sqrt(dx * dx + dy * dy);
    if (length < 1e-3f) return;
    for (float t = 0; t < length; t += 2 * dash) {
        const float e = std::min(length, t + dash);
        dl->AddLine(ImVec2(a.x + dx * t / length, a.y + dy * t / length),
                    ImVec2(a.x + dx * e / length, a.y + dy * e / length), color, thickness);
    }
}

void draw_axes(ImDrawList* dl, const PlaneMap& m, const Fonts& fonts) {
    const ImU32 tick_color = IM_COL32(200, 200, 205, 255);
    for (double t : nice_ticks(m.x0, m.x1, 5)) {
        const ImVec2 p = m.to_screen(float(t), m.y0);
        dl->AddLine(p, ImVec2(p.x, p.y + 6), tick_color, 2.f);
        const std::string label = format_tick(t);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        dl->AddText(ImVec2(p.x - w / 2, p.y + 8), tick_color, label.c_str());
    }
    for (double t : nice_ticks(m.y0, m.y1, 5)) {
        const ImVec2 p = m.to_screen(m.x0, float(t));
        dl->AddLine(p, ImVec2(p.x - 6, p.y), tick_color, 2.f);
        const std::string label = format_tick(t);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        dl->AddText(ImVec2(p.x - 10 - size.x, p.y - size.y / 2), tick_color, label.c_str());
    }
    const float fs = fonts.base_size;
    dl->AddText(fonts.italic, fs, ImVec2(0.5f * (m.p0.x + m.p1.x) - fs * 0.4f, m.p1.y + fs * 1.5f), tick_color, "x₁");
    dl->AddText(fonts.italic, fs, ImVec2(m.p0.x - fs * 3.1f, 0.5f * (m.p0.y + m.p1.y) - fs * 0.5f), tick_color, "x₂");
    dl->AddRect(m.p0, m.p1, IM_COL32(220, 220, 225, 255), 0.f, 0, 2.f);
}

// Legend entries flow left to right and wrap at `right`, back to `left`.
void draw_legend_item(ImDrawList* dl, ImVec2& at, float left, float right, ImU32 color, bool circle, const char* text) {
    const float fs = ImGui::GetFontSize();
    if (at.x > left && at.x + fs * 1.3f + ImGui::CalcTextSize(text).x > right) {
        at.x = left;
        at.y += fs * 1.4f;
    }
    if (circle) {
        dl->AddCircleFilled(ImVec2(at.x + fs * 0.45f, at.y + fs * 0.55f), fs * 0.38f, color);
        dl->AddCircle(ImVec2(at.x + fs * 0.45f, at.y + fs * 0.55f), fs * 0.38f, IM_COL32_WHITE, 0, 2.f);
    } else {
        dl->AddLine(ImVec2(at.x, at.y + fs * 0.55f), ImVec2(at.x + fs, at.y + fs * 0.55f), color, 3.5f);
    }
    dl->AddText(ImVec2(at.x + fs * 1.3f, at.y), IM_COL32(230, 230, 235, 255), text);
    at.x += fs * 1.3f + ImGui::CalcTextSize(text).x + fs * 1.2f;
}
}  // namespace

void PlanePanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const float fs = ctx.fonts.base_size;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float margin_left = fs * 3.6f, margin_bottom = fs * 3.0f, legend_height = fs * 1.6f;
    const float side = std::max(50.f, std::min(avail.x - margin_left - fs, avail.y - margin_bottom - legend_height));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    PlaneMap m;
    m.p0 = ImVec2(origin.x + margin_left + std::max(0.f, (avail.x - margin_left - side) * 0.5f - fs), origin.y + fs * 0.3f);
    m.p1 = ImVec2(m.p0.x + side, m.p0.y + side);
    m.x0 = s.field.x_min;
    m.x1 = s.field.x_max;
    m.y0 = s.field.y_min;
    m.y1 = s.field.y_max;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    const ImTextureID field = ctx.field_view.render(s.field.values, s.field.resolution, int(side), int(side), s.version);
    if (field)
        dl->AddImage(field, m.p0, m.p1, ImVec2(0, 1), ImVec2(1, 0));
    else
        dl->AddRectFilled(m.p0, m.p1, IM_COL32(60, 60, 60, 255));

    dl->PushClipRect(m.p0, m.p1, true);
    const bool perceptron = s.config.model == train::ModelKind::Perceptron;
    if (!s.layers.empty()) {
        const nn::Matrix& W = s.layers[0].W;
        const nn::RowVector& b = s.layers[0].b;
        if (perceptron) {
            ImVec2 a, c;
            if (line_ends(W(0, 0), W(0, 1), b(0), m, a, c)) {
                dl->AddLine(a, c, IM_COL32(20, 20, 20, 200), 7.f);
                dl->AddLine(a, c, IM_COL32_WHITE, 3.5f);
            }
        } else if (ctx.state.show_hidden_lines) {
            for (int k = 0; k < W.rows(); ++k) {
                ImVec2 a, c;
                if (line_ends(W(k, 0), W(k, 1), b(k), m, a, c)) dashed_line(dl, a, c, hidden_neuron_color(k), 2.5f, fs * 0.5f);
            }
        }
    }
    // Points, with the wrong ones ringed in red and the example the perceptron just saw in yellow.
    if (s.data) {
        const float r = fs * 0.55f;
        for (Eigen::Index i = 0; i < s.data->x.rows(); ++i) {
            const ImVec2 p = m.to_screen(s.data->x(i, 0), s.data->x(i, 1));
            const int label = s.data->labels[i];
            const bool wrong = std::size_t(i) < s.predictions.size() && (s.predictions[i] > 0.5f) != (label == 1);
            if (s.perceptron_step && s.perceptron_step->example == int(i))
                dl->AddCircle(p, r * 1.9f, IM_COL32(255, 230, 60, 255), 0, 4.f);
            if (wrong) dl->AddCircle(p, r * 1.45f, kBadColor, 0, 3.5f);
            dl->AddCircleFilled(p, r, label ? kClass1Color : kClass0Color);
            dl->AddCircle(p, r, IM_COL32_WHITE, 0, 2.5f);
            const char* text = label ? "1" : "0";
            const ImVec2 ts = ImGui::CalcTextSize(text);
            dl->AddText(ctx.fonts.bold, fs * 0.8f, ImVec2(p.x - ts.x * 0.4f, p.y - ts.y * 0.4f), IM_COL32_WHITE, text);
        }
    }
    dl->PopClipRect();
    draw_axes(dl, m, ctx.fonts);

    const float left = origin.x + fs * 0.5f, right = origin.x + avail.x;
    ImVec2 at(left, m.p1.y + fs * 2.9f);
    draw_legend_item(dl, at, left, right, kClass1Color, true, "label 1");
    draw_legend_item(dl, at, left, right, kClass0Color, true, "label 0");
    if (perceptron)
        draw_legend_item(dl, at, left, right, IM_COL32_WHITE, false, "decision line");
    else if (ctx.state.show_hidden_lines && !s.layers.empty())
        draw_legend_item(dl, at, left, right, hidden_neuron_color(1), false, "a hidden neuron's line");
    draw_legend_item(dl, at, left, right, kBadColor, false, "wrong");
    ImGui::SetCursorScreenPos(ImVec2(origin.x, at.y + fs * 1.5f));
    if (!perceptron) ImGui::Checkbox("show each hidden neuron's line", &ctx.state.show_hidden_lines);
}

}  // namespace ui
