// Where each token sits: the table added to a token's vector at each position. Sinusoidal
// positions are waves, fast in the first dimensions and slower further on, so that every position
// gets its own pattern; learned positions start as noise and are whatever training makes them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
// A few dimensions from fast to slow: 0, an eighth and a quarter of the way, and the last even one
// (even: the sine of each sine-cosine pair, so the waves start alike at position 0).
std::vector<int> waves_shown(int d_model) {
    std::vector<int> dims;
    for (int d : {0, d_model / 8, d_model / 4, d_model - 2}) {
        d -= d % 2;
        if (d >= 0 && d < d_model && std::find(dims.begin(), dims.end(), d) == dims.end()) dims.push_back(d);
    }
    return dims;
}

// A short line in each series' colour, then its name; items wrap to the next line when the panel is narrow.
void WaveLegend(const std::vector<LineSeries>& lines) {
    const float fs = ImGui::GetFontSize();
    const float swatch = fs * 1.2f;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const float w = swatch + ImGui::GetStyle().ItemInnerSpacing.x + TextWidth(lines[i].label.c_str());
        if (i > 0) SameLineIfFits(w, fs);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float y = std::round(p.y + ImGui::GetTextLineHeight() * 0.5f);
        ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, y), ImVec2(p.x + swatch, y), lines[i].color, 4.f);
        ImGui::Dummy(ImVec2(swatch, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextUnformatted(lines[i].label.c_str());
    }
}

constexpr ImU32 kWaveColors[] = {IM_COL32(240, 160, 40, 255), IM_COL32(90, 180, 245, 255), IM_COL32(90, 200, 110, 255),
                                 IM_COL32(204, 121, 167, 255)};
}  // namespace

void PositionsPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    if (!v->positions || v->positions->rows() == 0 || v->positions->cols() == 0) {
        PanelFallback(ctx, "The position table comes with the next snapshot from the trainer.");
        return;
    }
    const nn::Matrix& table = *v->positions;
    const int rows = int(table.rows()), cols = int(table.cols());
    const bool sinusoidal = v->shape.positions == nn::PositionKind::Sinusoidal;
    const float fs = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const ImVec2 avail = ImGui::GetContentRegionAvail();

    TextWrappedAtSpaces(sinusoidal ? "Sinusoidal positions: fixed waves, sin and cos of pos / 10000^(2i/d), "
                                     "fast in the first dimensions, slow in the last."
                                   : "Learned positions: one row of numbers per position, trained like the rest "
                                     "(random at step 0).",
                        avail.x);
    char caption[160];
    std::snprintf(caption, sizeof caption, "Each row is added to the vector of the token at that position: %d positions, %d numbers each.",
                  rows, cols);
    transformer::MutedText(caption, avail.x);

    // The heatmap above the waves, each with room for its axes; side by side when the panel is too
    // short for both (a single panel at 1024x768), the waves then the heatmap's height.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float room = ImGui::GetContentRegionAvail().y;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const bool beside = room < fs * 22.f && avail.x >= fs * 28.f;
    const float map_w = beside ? std::floor(avail.x * 0.56f) : avail.x;
    const float waves_w = beside ? avail.x - map_w - gap : avail.x;
    const float left = std::max(room - 2.f * line - spacing, fs * 16.f);
    const float map_h = beside ? std::max(room - line - spacing, fs * 9.f) : std::max(left * 0.58f, fs * 9.f);
    const float waves_h = beside ? map_h + line : std::max(left - map_h - spacing, fs * 7.f);

    std::vector<float> values(std::size_t(rows) * std::size_t(cols));
    float largest = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const float x = table(r, c);
            values[std::size_t(r) * std::size_t(cols) + std::size_t(c)] = x;
            if (std::isfinite(x)) largest = std::max(largest, std::abs(x));
        }
    HeatmapOptions o;
    for (int r = 0; r < rows; ++r) o.row_labels.push_back(std::to_string(r));
    for (int c = 0; c < cols; ++c) o.col_labels.push_back(std::to_string(c));
    o.colorbar_label = "value added";
    o.colormap = Colormap::Diverging;
    // Sines and cosines fill -1..1; learned rows get a scale of their own, centred on zero so that
    // white still means nothing added.
    const float scale = sinusoidal ? 1.f : std::max(largest, 1e-6f);
    o.v_min = -scale;
    o.v_max = scale;
    o.size = ImVec2(map_w, map_h);
    ImGui::BeginGroup();
    // The vertical axis' title in the band above the row numbers (the colorbar's title is at the
    // right of the same band), the horizontal one under the columns.
    const float left_edge = ImGui::GetCursorScreenPos().x;
    o.overlay = [&](ImDrawList* dl, ImVec2 grid_min, ImVec2) {
        dl->AddText(ImVec2(left_edge, grid_min.y - fs * 1.45f), kMutedTextColor, "position \xE2\x86\x93");  // ↓
    };
    Heatmap("##positions", values, rows, cols, o);
    {
        const char* title = "dimension \xE2\x86\x92";  // →
        const float w = ImGui::CalcTextSize(title).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.f, (map_w - w) * 0.5f));
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextUnformatted(title);
        ImGui::PopStyleColor();
    }
    ImGui::EndGroup();
    if (beside) ImGui::SameLine(0, gap);

    // A few dimensions as curves over the positions: the class sees the waves' speeds.
    const std::vector<int> dims = waves_shown(cols);
    std::vector<double> xs(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) xs[std::size_t(r)] = r;
    std::vector<std::vector<float>> ys(dims.size(), std::vector<float>(static_cast<std::size_t>(rows)));
    std::vector<std::string> names(dims.size());
    std::vector<LineSeries> lines;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        for (int r = 0; r < rows; ++r) ys[i][std::size_t(r)] = table(r, dims[i]);
        names[i] = "dimension " + std::to_string(dims[i]);
        LineSeries s;
        s.label = names[i];
        s.x = xs;
        s.y = ys[i];
        s.color = kWaveColors[i % 4];
        lines.push_back(s);
    }
    // The legend on a line of its own: waves fill the whole plot, a legend inside would hide them.
    ImGui::BeginGroup();
    const float legend_top = ImGui::GetCursorPosY();
    WaveLegend(lines);
    const float legend_h = ImGui::GetCursorPosY() - legend_top;
    LinePlotOptions lo;
    lo.x_label = "position";
    lo.y_label = "value added";
    lo.x_min = 0;
    lo.x_max = std::max(1, rows - 1);
    if (sinusoidal) {
        lo.y_min = -1.1;
        lo.y_max = 1.1;
    }
    lo.legend = false;
    lo.size = ImVec2(waves_w, std::max(waves_h - legend_h, fs * 7.f));
    PlotLines("##position-waves", lines, lo);
    ImGui::EndGroup();
}

}  // namespace ui
