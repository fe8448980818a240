// The loss over the plane of a neuron's two weights, and the paths SGD, momentum and Adam take
// across it from the same start: where "too small", "just right" and "too large" learning rates
// become paths that crawl, descend, or zigzag out.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "train/format.h"
#include "ui/gl/opaque_images.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui {

void LandscapePanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (!plane_view(s).landscape) {
        PanelFallback(ctx, "The loss landscape belongs to the two-weight neuron (model = \"landscape\" in the preset).");
        return;
    }
    const train::LandscapeView& v = *plane_view(s).landscape;
    std::vector<FieldPath> paths;
    for (std::size_t i = 0; i < v.paths.size(); ++i) {
        char label[64];
        std::snprintf(label, sizeof label, "%s  (loss %s)", v.paths[i].name.c_str(),
                      train::format_loss(v.paths[i].current_loss).c_str());
        paths.push_back({label, v.paths[i].w1, v.paths[i].w2, optimizer_color(int(i))});
    }
    FieldPlotOptions o;
    o.x_label = "weight w₁";
    o.y_label = "weight w₂";
    o.colorbar_label = s.config.loss == nn::Loss::SquaredError ? "loss (squared error)" : "loss (cross-entropy)";
    // The surface was sampled at cell centres.
    const double half_x = (v.w1_max - v.w1_min) / (2.0 * v.resolution), half_y = (v.w2_max - v.w2_min) / (2.0 * v.resolution);
    o.x_min = v.w1_min + half_x;
    o.x_max = v.w1_max - half_x;
    o.y_min = v.w2_min + half_y;
    o.y_max = v.w2_max - half_y;
    o.log_scale = true;
    o.contour_count = 8;
    const char* note = "A path: one optimizer's weights, step by step. Darker: lower loss.";
    const float note_h = ImGui::CalcTextSize(note, nullptr, false, ImGui::GetContentRegionAvail().x).y +
                         ImGui::GetStyle().ItemSpacing.y * 2.f;
    // The plot keeps a readable size; a shorter panel scrolls.
    o.size = ImVec2(0, std::max(ImGui::GetContentRegionAvail().y - note_h, ImGui::GetFontSize() * 10.f));
    if (ctx.pictures.ready())
        o.draw_colors = [&](ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<ImU32>& colors, int rows, int cols,
                            bool smooth) { ctx.pictures.draw(0x4C414E44ull, dl, p0, p1, colors, cols, rows, smooth); };
    FieldPlot("##landscape", v.loss, v.resolution, v.resolution, paths, o);
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%s", note);
    ImGui::PopStyleColor();
}

}  // namespace ui
