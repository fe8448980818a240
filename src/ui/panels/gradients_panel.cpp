// How strongly each layer is being taught: the size of the gradient of its weights, layer by layer
// now (bars) and over time (a layer x step map), both on a log scale. With sigmoid in a deep
// network the first layers' bars shrink by orders of magnitude: they stop learning.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/gl/opaque_images.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui {

namespace {
// One fixed log range for the bars and the map, whatever the network: an auto-fitted axis would
// stretch ReLU's nearly level bars (1e-4 to 1e-3) to look as uneven as sigmoid's seven powers of
// ten, and rescale itself as training goes on. From the smallest gradients of lesson 4's sigmoid
// stacks (about 1e-15) to the largest output gradients (about 10); smaller ones sit on the floor.
constexpr double kGradientFloor = 1e-16, kGradientCeiling = 1e2;
}  // namespace

void GradientsPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (s.config.model != train::ModelKind::Mlp || s.grad_norms.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextWrapped("Gradient sizes appear here once a network trains.");
        ImGui::PopStyleColor();
        return;
    }
    const int layers = int(s.grad_norms.size());
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;

    std::vector<std::string> labels;
    for (int l = 0; l < layers; ++l) labels.push_back(l + 1 == layers ? "out" : std::to_string(l + 1));
    BarChartOptions bars;
    bars.x_label = "layer (1 is next to the input)";
    bars.y_label = "size of the weight gradient";
    bars.log_y = true;
    bars.y_min = kGradientFloor;
    bars.y_max = kGradientCeiling;
    bars.colors = {IM_COL32(240, 160, 40, 255)};
    // Each plot keeps room for its axes and a readable picture; a shorter panel scrolls.
    const float min_plot = ImGui::GetFontSize() * 8.5f;
    bars.size = ImVec2(avail.x, std::max(min_plot, (avail.y - spacing) * 0.48f));
    BarChart("##grad-bars", s.grad_norms, labels, bars);

    const train::MultiSeries& h = s.grad_norm_history;
    if (h.size() < 2 || h.width != layers) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextWrapped("Press Play or Step: the map of every layer over time fills in as it trains.");
        ImGui::PopStyleColor();
        return;
    }
    // FieldPlot wants rows = layers (row 0 at the bottom: layer 1), columns = time.
    const int steps = int(h.size());
    std::vector<float> grid(std::size_t(layers) * std::size_t(steps));
    for (int t = 0; t < steps; ++t)
        for (int l = 0; l < layers; ++l)
            grid[std::size_t(l) * std::size_t(steps) + std::size_t(t)] = h.values[std::size_t(t) * std::size_t(layers) + std::size_t(l)];
    FieldPlotOptions map;
    map.x_label = "training step";
    map.y_label = "layer";
    map.colorbar_label = "gradient size";
    map.x_min = h.step.front();
    map.x_max = h.step.back();
    map.y_min = 1;
    map.y_max = layers;
    map.log_scale = true;
    map.v_min = float(kGradientFloor);
    map.v_max = float(kGradientCeiling);
    map.y_tick_names.assign(std::size_t(layers), std::string());
    map.y_tick_names.back() = "out";
    map.smooth = false;
    map.integer_y_ticks = true;
    map.size = ImVec2(avail.x, std::max(min_plot, (avail.y - spacing) * 0.52f));
    if (ctx.pictures.ready())
        map.draw_colors = [&](ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<ImU32>& colors, int rows, int cols,
                              bool smooth) { ctx.pictures.draw(0x47524144ull, dl, p0, p1, colors, cols, rows, smooth); };
    FieldPlot("##grad-map", grid, layers, steps, {}, map);
}

}  // namespace ui
