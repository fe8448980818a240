// The input plane: the model's decision field as a coloured background, the data points, the
// perceptron's line or each hidden neuron's own line.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "ui/gl/field_view.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/contour.h"
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
// A field whose values all lie within this of each other has no boundary worth drawing.
constexpr float kUndecidedSpread = 0.02f;

struct PlaneMap {
    ImVec2 p0, p1;  // screen rectangle
    float x0, x1, y0, y1;
    ImVec2 to_screen(float x, float y) const {
        return ImVec2(p0.x + (x - x0) / (x1 - x0) * (p1.x - p0.x), p1.y - (y - y0) / (y1 - y0) * (p1.y - p0.y));
    }
};

// The part of the line a x + b y + c = 0 inside the plotted square, in screen coordinates. Clipped
// here rather than by the scissor so that no vertex is spent outside the plot (the software
// renderer in a classroom VM pays for every one).
bool line_ends(float a, float b, float c, const PlaneMap& m, ImVec2& from, ImVec2& to) {
    const double n2 = double(a) * a + double(b) * b;
    if (n2 < 1e-18 || !std::isfinite(n2) || !std::isfinite(c)) return false;
    // A point on the line and its direction, then Liang-Barsky against the square.
    const double px = -a * c / n2, py = -b * c / n2, dx = -b, dy = a;
    double t0 = -1e30, t1 = 1e30;
    const auto clip = [&](double p, double d, double lo, double hi) {
        if (std::abs(d) < 1e-12) return p >= lo && p <= hi;
        double ta = (lo - p) / d, tb = (hi - p) / d;
        if (ta > tb) std::swap(ta, tb);
        t0 = std::max(t0, ta);
        t1 = std::min(t1, tb);
        return t0 <= t1;
    };
    if (!clip(px, dx, m.x0, m.x1) || !clip(py, dy, m.y0, m.y1)) return false;
    from = m.to_screen(float(px + t0 * dx), float(py + t0 * dy));
    to = m.to_screen(float(px + t1 * dx), float(py + t1 * dy));
    return true;
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

// The most ticks (at most 5) whose labels keep a gap between them over `pixels` of axis: a small
// plane gets fewer labels, not labels that run together ("-1.5-1-0.5").
std::vector<double> fitting_ticks(double lo, double hi, float pixels, bool horizontal) {
    const float gap = ImGui::GetFontSize() * (horizontal ? 0.7f : 0.2f);
    std::vector<double> ticks;
    for (int target = 5; target >= 2; --target) {
        ticks = nice_ticks(lo, hi, target);
        if (ticks.size() < 2) return ticks;
        float widest = 0;
        for (double t : ticks) {
            const ImVec2 size = ImGui::CalcTextSize(format_tick(t).c_str());
            widest = std::max(widest, horizontal ? size.x : size.y);
        }
        const float spacing = pixels * float((ticks[1] - ticks[0]) / (hi - lo));
        if (spacing >= widest + gap) return ticks;
    }
    return {ticks.front(), ticks.back()};
}

void draw_axes(ImDrawList* dl, const PlaneMap& m, const Fonts& fonts) {
    const ImU32 tick_color = IM_COL32(200, 200, 205, 255);
    for (double t : fitting_ticks(m.x0, m.x1, m.p1.x - m.p0.x, true)) {
        const ImVec2 p = m.to_screen(float(t), m.y0);
        dl->AddLine(p, ImVec2(p.x, p.y + 6), tick_color, 2.f);
        const std::string label = format_tick(t);
        const float w = ImGui::CalcTextSize(label.c_str()).x;
        dl->AddText(ImVec2(p.x - w / 2, p.y + 8), tick_color, label.c_str());
    }
    for (double t : fitting_ticks(m.y0, m.y1, m.p1.y - m.p0.y, false)) {
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

struct LegendEntry {
    enum class Mark { Dot, TestDot, Line } mark;
    ImU32 color;
    const char* text;
};

// Legend entries flow left to right and wrap at `right`, back to `left`; an entry wider than the
// whole row wraps onto lines of its own. With no draw list it only measures: returns the y
// below the last row.
float draw_legend(ImDrawList* dl, const std::vector<LegendEntry>& entries, ImVec2 at, float left, float right) {
    const float fs = ImGui::GetFontSize();
    for (const LegendEntry& e : entries) {
        if (at.x > left && at.x + fs * 1.3f + ImGui::CalcTextSize(e.text).x > right) {
            at.x = left;
            at.y += fs * 1.4f;
        }
        const float wrap = right - at.x - fs * 1.3f;
        const ImVec2 size = ImGui::CalcTextSize(e.text, nullptr, false, wrap);
        if (dl) {
            const ImVec2 c(at.x + fs * 0.45f, at.y + fs * 0.55f);
            switch (e.mark) {
                case LegendEntry::Mark::Dot:
                    dl->AddCircleFilled(c, fs * 0.38f, e.color);
                    dl->AddCircle(c, fs * 0.38f, IM_COL32_WHITE, 0, 2.f);
                    break;
                case LegendEntry::Mark::TestDot:
                    dl->AddCircleFilled(c, fs * 0.38f, e.color);
                    dl->AddCircle(c, fs * 0.38f, IM_COL32(15, 15, 20, 255), 0, 2.5f);
                    break;
                case LegendEntry::Mark::Line:
                    dl->AddLine(ImVec2(at.x, at.y + fs * 0.55f), ImVec2(at.x + fs, at.y + fs * 0.55f), e.color, 3.f);
                    break;
            }
            dl->AddText(ImGui::GetFont(), fs, ImVec2(at.x + fs * 1.3f, at.y), IM_COL32(230, 230, 235, 255), e.text,
                        nullptr, wrap);
        }
        if (size.y > fs * 1.5f) {
            at.x = left;
            at.y += size.y - ImGui::GetTextLineHeight() + fs * 1.4f;
        } else {
            at.x += fs * 1.3f + size.x + fs * 1.2f;
        }
    }
    return at.y + fs * 1.4f;
}
}  // namespace

namespace {
// Clicks on the plane: left adds a point of the chosen class (dragging paints a trail of them),
// right removes the nearest one.
void paint(PanelContext& ctx, const PlaneMap& m) {
    ImGui::SetCursorScreenPos(m.p0);
    ImGui::InvisibleButton("##plane-canvas", ImVec2(m.p1.x - m.p0.x, m.p1.y - m.p0.y),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto to_data = [&](ImVec2 p) {
        return ImVec2(m.x0 + (p.x - m.p0.x) / (m.p1.x - m.p0.x) * (m.x1 - m.x0),
                      m.y0 + (m.p1.y - p.y) / (m.p1.y - m.p0.y) * (m.y1 - m.y0));
    };
    PanelState& st = ctx.state;
    const float spacing = 0.025f * (m.p1.x - m.p0.x);  // pixels between painted points
    if (ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const float dx = mouse.x - st.last_paint.x, dy = mouse.y - st.last_paint.y;
        if (ImGui::IsItemActivated() || dx * dx + dy * dy >= spacing * spacing) {
            const ImVec2 d = to_data(mouse);
            ctx.out.push_back(train::AddPoint{d.x, d.y, st.paint_label});
            st.last_paint = mouse;
        }
    } else {
        st.last_paint = ImVec2(-1e9f, -1e9f);
    }
    if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        const ImVec2 d = to_data(mouse);
        ctx.out.push_back(train::RemovePoint{d.x, d.y, 0.04f * (m.x1 - m.x0)});
    }
    if (ImGui::IsItemHovered()) {
        ImGui::GetWindowDrawList()->AddCircle(mouse, ctx.fonts.base_size * 0.45f,
                                              st.paint_label ? kClass1Color : kClass0Color, 0, 2.f);
    }
}

void draw_points(ImDrawList* dl, const PlaneMap& m, const train::Snapshot& s, const data::Dataset2D& d, bool test,
                 const Fonts& fonts) {
    const float fs = fonts.base_size;
    const Eigen::Index n = d.x.rows();
    // A few points get a numbered marker; many get dots small enough to leave the field visible.
    // Training points have a white rim and test points a black one, as in TensorFlow Playground.
    const bool few = n <= 24;
    const float r = few ? fs * 0.55f : fs * 0.32f;
    const int segments = few ? 0 : 10;
    const ImU32 rim = test ? IM_COL32(15, 15, 20, 255) : IM_COL32_WHITE;
    // Many small dots: a rim disc under a colour disc, without anti-aliased fringes. That is 16
    // triangles a dot instead of about 70, which a software renderer feels with a thousand dots.
    const ImDrawListFlags flags = dl->Flags;
    if (!few) dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (Eigen::Index i = 0; i < n; ++i) {
        const ImVec2 p = m.to_screen(d.x(i, 0), d.x(i, 1));
        const int label = d.labels[std::size_t(i)];
        if (!test) {
            const bool wrong = std::size_t(i) < plane_view(s).predictions.size() && (plane_view(s).predictions[std::size_t(i)] > 0.5f) != (label == 1);
            if (plane_view(s).perceptron_step && plane_view(s).perceptron_step->example == int(i))
                dl->AddCircle(p, r * 1.9f, IM_COL32(255, 230, 60, 255), 0, 4.f);
            if (plane_view(s).probe && plane_view(s).probe->example == int(i) && s.state != train::RunState::Running)
                dl->AddCircle(p, std::max(r * 2.f, fs * 0.8f), IM_COL32(255, 230, 60, 255), 0, 3.f);
            if (wrong && few) dl->AddCircle(p, r * 1.45f, kBadColor, 0, 3.5f);
        }
        if (few) {
            dl->AddCircleFilled(p, r, label ? kClass1Color : kClass0Color);
            dl->AddCircle(p, r, rim, 0, 2.5f);
        } else {
            dl->AddCircleFilled(p, r + 1.5f, rim, segments);
            dl->AddCircleFilled(p, r - 0.5f, label ? kClass1Color : kClass0Color, segments);
        }
        if (few && !test) {
            const char* text = label ? "1" : "0";
            const ImVec2 ts = ImGui::CalcTextSize(text);
            dl->AddText(fonts.bold, fs * 0.8f, ImVec2(p.x - ts.x * 0.4f, p.y - ts.y * 0.4f), IM_COL32_WHITE, text);
        }
    }
    dl->Flags = flags;
}
}  // namespace

void PlanePanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const float fs = ctx.fonts.base_size;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool perceptron = is_plane_model(s, train::ModelKind::Perceptron);
    const bool has_field = plane_view(s).field.resolution > 0;
    const bool neuron_lines = has_field && !perceptron && !plane_view(s).layers.empty() && plane_view(s).layers[0].W.rows() <= 8 && plane_view(s).layers.size() <= 3;
    std::vector<LegendEntry> legend = {{LegendEntry::Mark::Dot, kClass1Color, "label 1"},
                                       {LegendEntry::Mark::Dot, kClass0Color, "label 0"}};
    if (plane_view(s).test_data && plane_view(s).test_data->x.rows() > 0)
        legend.push_back({LegendEntry::Mark::TestDot, IM_COL32(150, 150, 155, 255), "test (black rim)"});
    if (perceptron) legend.push_back({LegendEntry::Mark::Line, IM_COL32_WHITE, "decision line"});
    else if (plane_view(s).landscape) legend.push_back({LegendEntry::Mark::Line, optimizer_color(0), "boundaries (y = 0)"});
    else if (neuron_lines && ctx.state.show_hidden_lines)
        legend.push_back({LegendEntry::Mark::Line, hidden_neuron_color(1), "a hidden neuron's line"});
    if (plane_view(s).data && plane_view(s).data->x.rows() <= 24) legend.push_back({LegendEntry::Mark::Line, kBadColor, "wrong"});

    // Below the square: tick labels and the axis name (about 3 lines), the legend (measured: it
    // wraps in a narrow panel) and the checkbox (whose label may wrap too). The square takes what
    // is left, so the panel never needs a scrollbar for its own legend.
    const float margin_left = fs * 3.6f, margin_bottom = fs * 3.0f;
    const float left_x = fs * 0.5f;
    const float legend_height = draw_legend(nullptr, legend, ImVec2(left_x, 0), left_x, avail.x) + fs * 0.1f;
    const float check_height =
        neuron_lines ? std::max(ImGui::GetFrameHeight(),
                                ImGui::CalcTextSize("show each hidden neuron's line", nullptr, false,
                                                    avail.x - ImGui::GetFrameHeight() - ImGui::GetStyle().ItemInnerSpacing.x)
                                    .y) + ImGui::GetStyle().ItemSpacing.y
                     : 0.f;
    // The square keeps a readable size (ten lines of text, or the panel's width if less); when the
    // panel is shorter than that, its content scrolls.
    const float widest = avail.x - margin_left - fs;
    const float side = std::max(std::min(widest, fs * 10.f),
                                std::min(widest, avail.y - margin_bottom - legend_height - check_height));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    PlaneMap m;
    m.p0 = ImVec2(origin.x + margin_left + std::max(0.f, (avail.x - margin_left - side) * 0.5f - fs), origin.y + fs * 0.3f);
    m.p1 = ImVec2(m.p0.x + side, m.p0.y + side);
    if (plane_view(s).data) {
        m.x0 = plane_view(s).data->x_min;
        m.x1 = plane_view(s).data->x_max;
        m.y0 = plane_view(s).data->y_min;
        m.y1 = plane_view(s).data->y_max;
    } else {
        m.x0 = plane_view(s).field.x_min;
        m.x1 = plane_view(s).field.x_max;
        m.y0 = plane_view(s).field.y_min;
        m.y1 = plane_view(s).field.y_max;
    }
    ctx.state.plane = {true, m.p0, m.p1, m.x0, m.x1, m.y0, m.y1};
    ImDrawList* dl = ImGui::GetWindowDrawList();

    dl->PushClipRect(m.p0, m.p1, true);
    if (has_field && ctx.field_view.ready())
        ctx.field_view.draw(dl, m.p0, m.p1, plane_view(s).field.values, plane_view(s).field.resolution, s.version);
    else
        dl->AddRectFilled(m.p0, m.p1, IM_COL32(45, 48, 56, 255));
    // The decision boundary, where the model is exactly undecided (p = 0.5). A network that answers
    // about 0.5 everywhere has none: a contour through its last-digit noise would be speckles.
    bool undecided = false;
    if (has_field && !perceptron && !plane_view(s).field.values.empty()) {
        const auto [lo, hi] = std::minmax_element(plane_view(s).field.values.begin(), plane_view(s).field.values.end());
        undecided = *hi - *lo < kUndecidedSpread;
    }
    if (has_field && !perceptron && !undecided) {
        const int n = plane_view(s).field.resolution;
        const float cell_x = (m.p1.x - m.p0.x) / float(n), cell_y = (m.p1.y - m.p0.y) / float(n);
        // Sample k sits at the centre of cell k.
        const auto sx = [&](float gx) { return m.p0.x + (gx + 0.5f) * cell_x; };
        const auto sy = [&](float gy) { return m.p1.y - (gy + 0.5f) * cell_y; };
        for (const Segment& g : contour_segments(plane_view(s).field.values, n, n, 0.5f))
            dl->AddLine(ImVec2(sx(g.x0), sy(g.y0)), ImVec2(sx(g.x1), sy(g.y1)), IM_COL32(25, 25, 30, 255), 3.f);
    }
    if (!plane_view(s).layers.empty()) {
        const nn::Matrix& W = plane_view(s).layers[0].W;
        const nn::RowVector& b = plane_view(s).layers[0].b;
        if (perceptron) {
            ImVec2 a, c;
            if (line_ends(W(0, 0), W(0, 1), b(0), m, a, c)) {
                dl->AddLine(a, c, IM_COL32(20, 20, 20, 200), 7.f);
                dl->AddLine(a, c, IM_COL32_WHITE, 3.f);
            }
        } else if (ctx.state.show_hidden_lines && W.rows() <= 8 && plane_view(s).layers.size() <= 3) {
            for (int k = 0; k < W.rows(); ++k) {
                ImVec2 a, c;
                if (line_ends(W(k, 0), W(k, 1), b(k), m, a, c)) dashed_line(dl, a, c, hidden_neuron_color(k), 3.f, fs * 0.5f);
            }
        }
    }
    // The two-weight neuron of the landscape has its boundary too: the line w₁x₁ + w₂x₂ = 0 where its
    // output changes sign, one for each optimizer's current weights.
    const train::LandscapeView* landscape = plane_view(s).landscape ? &*plane_view(s).landscape : nullptr;
    if (landscape)
        for (std::size_t i = 0; i < landscape->paths.size(); ++i) {
            const auto& path = landscape->paths[i];
            ImVec2 a, c;
            if (!path.w1.empty() && line_ends(path.w1.back(), path.w2.back(), 0.f, m, a, c))
                dashed_line(dl, a, c, optimizer_color(int(i)), 3.f, fs * 0.5f);
        }
    // Points, with the wrong ones ringed in red and the example just used ringed in yellow.
    if (plane_view(s).test_data) draw_points(dl, m, s, *plane_view(s).test_data, true, ctx.fonts);
    if (plane_view(s).data) draw_points(dl, m, s, *plane_view(s).data, false, ctx.fonts);
    dl->PopClipRect();
    draw_axes(dl, m, ctx.fonts);
    if (ctx.painting) paint(ctx, m);

    const float left = origin.x + left_x, right = origin.x + avail.x;
    ImVec2 at(left, draw_legend(dl, legend, ImVec2(left, m.p1.y + fs * 2.9f), left, right) - fs * 1.4f);
    if (undecided) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + fs * 0.5f, at.y + fs * 1.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextUnformatted("No boundary: p ≈ 0.5 everywhere.");
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        at.y = ImGui::GetCursorScreenPos().y - fs * 1.5f;  // below however many lines it took
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, at.y + fs * 1.5f));
    if (neuron_lines) CheckboxWrapped("show each hidden neuron's line", &ctx.state.show_hidden_lines);
}

}  // namespace ui
