// The network as a diagram: neurons in columns, each edge coloured by its weight's sign and as thick
// as its size. Hovering a neuron shows its formula with the current numbers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panels/panels.h"
#include "ui/theme.h"

namespace ui {

namespace {
const char* activation_symbol(nn::Activation a) {
    switch (a) {
        case nn::Activation::Sigmoid: return "σ";
        case nn::Activation::Tanh: return "tanh";
        case nn::Activation::ReLU: return "ReLU";
    }
    return "f";
}

std::string input_name(int j, int layer) {
    if (layer == 0) return "x" + std::string(j == 0 ? "₁" : j == 1 ? "₂" : "?");
    return "h" + std::to_string(j + 1);
}

float distance_to_segment(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy + 1e-6f), 0.f, 1.f);
    const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}
}  // namespace

void NetworkPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (s.layers.empty()) return;
    const float fs = ctx.fonts.base_size;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = std::max(fs * 6.f, avail.y - fs * 4.4f);  // room for the three-line key below
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Column positions: inputs, each hidden layer, output.
    std::vector<int> widths = {int(s.layers[0].W.cols())};
    for (const auto& l : s.layers) widths.push_back(int(l.W.rows()));
    const int columns = int(widths.size());
    const float radius = std::min(fs * 1.05f, height / (2.6f * float(*std::max_element(widths.begin(), widths.end()))));
    std::vector<std::vector<ImVec2>> pos(columns);
    for (int c = 0; c < columns; ++c)
        for (int i = 0; i < widths[c]; ++i)
            pos[c].push_back(ImVec2(origin.x + radius * 2.5f + (avail.x - radius * 5.f) * c / std::max(1, columns - 1),
                                    origin.y + height * (i + 0.5f) / widths[c]));

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::string tooltip;
    for (int l = 0; l + 1 < columns; ++l) {
        const nn::Matrix& W = s.layers[l].W;
        const float max_w = std::max(1e-6f, W.cwiseAbs().maxCoeff());
        for (int i = 0; i < W.rows(); ++i)
            for (int j = 0; j < W.cols(); ++j) {
                const float w = W(i, j);
                // Whole pixels: ImGui then draws the line from its baked texture, with fewer triangles.
                const float thickness = std::round(1.f + 7.f * std::abs(w) / max_w);
                const ImVec2 a = pos[l][j], b = pos[l + 1][i];
                dl->AddLine(a, b, w >= 0 ? kPositiveColor : kNegativeColor, thickness);
                if (ImGui::IsWindowHovered() && distance_to_segment(mouse, a, b) < 5.f) {
                    char buf[96];
                    std::snprintf(buf, sizeof buf, "weight from %s to %s: %.3f", input_name(j, l).c_str(),
                                  l + 2 == columns ? "the output" : input_name(i, l + 1).c_str(), w);
                    tooltip = buf;
                }
            }
    }
    for (int c = 0; c < columns; ++c) {
        for (int i = 0; i < widths[c]; ++i) {
            const ImVec2 p = pos[c][i];
            const bool hidden = c > 0 && c + 1 < columns;
            const ImU32 ring = (c == 1 && hidden) ? hidden_neuron_color(i) : IM_COL32(220, 220, 225, 255);
            dl->AddCircleFilled(p, radius, IM_COL32(35, 38, 46, 255));
            dl->AddCircle(p, radius, ring, 0, 3.f);
            std::string label = c == 0 ? input_name(i, 0) : c + 1 == columns ? "ŷ" : input_name(i, 1);
            const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
            dl->AddText(ImVec2(p.x - ts.x / 2, p.y - ts.y / 2), IM_COL32_WHITE, label.c_str());
            const float dx = mouse.x - p.x, dy = mouse.y - p.y;
            if (c > 0 && ImGui::IsWindowHovered() && dx * dx + dy * dy < radius * radius) {
                const nn::Matrix& W = s.layers[c - 1].W;
                const float bias = s.layers[c - 1].b(i);
                std::string f = (c + 1 == columns ? std::string("ŷ = σ(") : label + " = " + activation_symbol(s.config.activation) + "(");
                char buf[48];
                for (int j = 0; j < W.cols(); ++j) {
                    std::snprintf(buf, sizeof buf, "%s%.2f·%s", j == 0 ? "" : W(i, j) < 0 ? " − " : " + ",
                                  j == 0 ? W(i, j) : std::abs(W(i, j)), input_name(j, c - 1).c_str());
                    f += buf;
                }
                std::snprintf(buf, sizeof buf, " %s %.2f)", bias < 0 ? "−" : "+", std::abs(bias));
                tooltip = f + buf;
            }
        }
    }
    ImGui::Dummy(ImVec2(avail.x, height));
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%ld parameters. Orange: positive weight, blue: negative, thicker: larger. Hover a neuron for its formula.",
                       s.parameter_count);
    ImGui::PopStyleColor();
    if (!tooltip.empty()) ImGui::SetTooltip("%s", tooltip.c_str());
}

}  // namespace ui
