// "canvas": the student draws a digit; beside it, the 28x28 picture the network gets (prepared as
// MNIST's digits were) and the network's ten answers, updated while drawing.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "nn/mlp.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr ImU32 kPaper = IM_COL32(12, 12, 14, 255);    // MNIST's background is black, its ink white
constexpr ImU32 kInk = IM_COL32(245, 245, 245, 255);
constexpr ImU32 kFrame = IM_COL32(120, 120, 130, 255);
constexpr ImU32 kAnswerColor = IM_COL32(86, 180, 233, 255);  // the palette's sky blue
constexpr ImU32 kOtherColor = IM_COL32(110, 110, 120, 255);

// The network's answer for the drawing, recomputed when the drawing or the weights change (a
// forward pass of one picture: microseconds, even for 784-128-64-10).
void update_answer(CanvasState& c, const std::shared_ptr<const nn::Mlp>& model) {
    if (c.answered_version == c.version && c.answered_model == model) return;
    c.pixels = data::digit_from_drawing(c.drawing);
    c.has_answer = false;
    c.answered_version = c.version;
    c.answered_model = model;
    if (!model || c.drawing.strokes.empty() || model->inputs() != data::kMnistPixels || model->outputs() != 10) return;
    nn::Matrix x(1, data::kMnistPixels);
    std::copy(c.pixels.begin(), c.pixels.end(), x.data());
    nn::MlpCache cache;
    const nn::Matrix& p = nn::mlp_probabilities(*model, x, cache);
    for (int k = 0; k < 10; ++k) c.probabilities[std::size_t(k)] = p(0, k);
    c.has_answer = true;
}

// The square the student draws in; returns true while a stroke is being drawn.
void DrawingArea(CanvasState& c, float side, float fs) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 p1(p0.x + side, p0.y + side);
    ImGui::InvisibleButton("##canvas", ImVec2(side, side));
    c.rect_valid = true;
    c.origin = p0;
    c.side = side;
    const bool active = ImGui::IsItemActive();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const data::CanvasPoint here{std::clamp((mouse.x - p0.x) / side, 0.f, 1.f), std::clamp((mouse.y - p0.y) / side, 0.f, 1.f)};
    if (active && !c.drawing_stroke) {
        c.drawing_stroke = true;
        c.add_stroke({here});
    } else if (active && c.drawing_stroke) {
        data::Stroke& s = c.drawing.strokes.back();
        // A new point once the pen has moved a little: a still pen adds nothing.
        const float dx = here.x - s.back().x, dy = here.y - s.back().y;
        if (dx * dx + dy * dy > (1.5f / side) * (1.5f / side)) {
            s.push_back(here);
            ++c.version;
        }
    } else if (!active) {
        c.drawing_stroke = false;
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, kPaper, 4.f);
    dl->AddRect(p0, p1, kFrame, 4.f, 0, 2.f);
    const float pen = c.drawing.pen_width * side;
    dl->PushClipRect(p0, p1, true);
    for (const data::Stroke& s : c.drawing.strokes) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            const ImVec2 a(p0.x + s[i].x * side, p0.y + s[i].y * side);
            dl->AddCircleFilled(a, pen * 0.5f, kInk, 20);  // round ends and joins, as a pen leaves
            if (i + 1 < s.size()) {
                const ImVec2 b(p0.x + s[i + 1].x * side, p0.y + s[i + 1].y * side);
                dl->AddLine(a, b, kInk, pen);
            }
        }
    }
    dl->PopClipRect();
    if (c.drawing.strokes.empty()) {
        const char* hint = "draw a digit here";
        const ImVec2 size = ImGui::CalcTextSize(hint);
        if (size.x < side - fs)
            dl->AddText(ImVec2(p0.x + (side - size.x) * 0.5f, p0.y + (side - size.y) * 0.5f), IM_COL32(150, 150, 160, 255),
                        hint);
    }
}

// The 28x28 picture, one square per pixel: exactly what the network reads.
void NetworkInput(const data::MnistPixels& pixels, float side) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + side, p0.y + side), kPaper);
    const float cell = side / float(data::kMnistSide);
    for (int y = 0; y < data::kMnistSide; ++y)
        for (int x = 0; x < data::kMnistSide; ++x) {
            const float v = pixels[std::size_t(y * data::kMnistSide + x)];
            if (v <= 0.002f) continue;  // paper: already drawn
            const int g = int(std::lround(12 + v * 233));
            dl->AddRectFilled(ImVec2(p0.x + x * cell, p0.y + y * cell), ImVec2(p0.x + (x + 1) * cell, p0.y + (y + 1) * cell),
                              IM_COL32(g, g, g, 255));
        }
    dl->AddRect(p0, ImVec2(p0.x + side, p0.y + side), kFrame, 0.f, 0, 1.5f);
}
}  // namespace

void CanvasPanel(PanelContext& ctx) {
    const train::DigitsView* v = ctx.snap.view<train::DigitsView>();
    if (!v || !v->model) {
        PanelFallback(ctx, "The canvas reads your drawing with the digit reader: open a digits step.");
        return;
    }
    CanvasState& c = ctx.state.canvas;
    update_answer(c, v->model);

    const float fs = ImGui::GetFontSize();
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float buttons_h = ImGui::GetFrameHeightWithSpacing();
    // The canvas and the picture the network sees side by side, the ten answers under both at the
    // full width (ten readable digit labels); on a narrow panel the picture moves under the canvas.
    const float chart_min = fs * 8.f;
    const bool side_by_side = avail.x > fs * 22.f;
    const float canvas_side =
        std::max(fs * 8.f, std::min(side_by_side ? avail.x * 0.58f : avail.x, avail.y - buttons_h - chart_min - fs));

    ImGui::BeginGroup();
    DrawingArea(c, canvas_side, fs);
    if (ImGui::Button("Clear")) c.clear();
    SameLineIfFits(ButtonWidth("Undo stroke"));
    ImGui::BeginDisabled(c.drawing.strokes.empty());
    if (ImGui::Button("Undo stroke")) {
        c.drawing.strokes.pop_back();
        c.drawing_stroke = false;
        ++c.version;
    }
    ImGui::EndDisabled();
    ImGui::EndGroup();

    if (side_by_side) ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    const float right_w = side_by_side ? ImGui::GetContentRegionAvail().x : avail.x;
    const float input_side = std::clamp(side_by_side ? right_w : right_w * 0.4f, fs * 4.f, fs * 9.f);
    NetworkInput(c.pixels, input_side);
    if (!side_by_side) ImGui::SameLine(0, style.ItemSpacing.x);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() +
                           std::max(fs * 4.f, side_by_side ? right_w : right_w - input_side - style.ItemSpacing.x));
    ImGui::TextUnformatted("what the network sees: 28 × 28 pixels");
    if (c.has_answer) {
        const int best = int(std::max_element(c.probabilities.begin(), c.probabilities.end()) - c.probabilities.begin());
        ImGui::PushFont(ctx.fonts.bold);
        ImGui::Text("it reads %d (%.0f%%)", best, double(c.probabilities[std::size_t(best)]) * 100.0);
        ImGui::PopFont();
    } else {
        ImGui::TextDisabled("no drawing yet");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::EndGroup();

    static const std::vector<std::string> kDigits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    std::array<float, 10> shown{};
    if (c.has_answer) shown = c.probabilities;
    BarChartOptions bars;
    bars.x_label = "digit";
    bars.y_label = "probability";
    bars.y_min = 0;
    bars.y_max = 1;
    const int best = int(std::max_element(shown.begin(), shown.end()) - shown.begin());
    for (int k = 0; k < 10; ++k) bars.colors.push_back(c.has_answer && k == best ? kAnswerColor : kOtherColor);
    bars.size = ImVec2(avail.x, std::max(chart_min, ImGui::GetContentRegionAvail().y));
    BarChart("##canvas-answers", shown, kDigits, bars);
}

}  // namespace ui
