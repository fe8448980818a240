// How strongly each layer is being taught: the size of the gradient of its weights, layer by layer
// now (bars) and over time (a layer x step map), both on a log scale. With sigmoid in a deep
// network the first layers' bars shrink by orders of magnitude: they stop learning.
#include <algorithm>
#include <cmath>
#include <cstdint>
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

// A log axis has no place for 0 or NaN, so the bar chart would say "no data yet": when no layer has
// a size to draw, say what the sizes are instead. Empty when at least one bar can be drawn.
std::string unplottable_note(const std::vector<float>& norms, std::uint64_t step) {
    int zero = 0, not_finite = 0;
    for (float g : norms) {
        if (std::isfinite(g) && g > 0) return {};
        if (std::isfinite(g)) ++zero;
        else ++not_finite;
    }
    if (not_finite == 0 && step == 0) return "No step yet: press Play or Step to compute the first gradients.";
    if (not_finite == 0)
        return "The gradients are 0 in every layer: no error reaches the weights, so nothing learns. Every "
               "neuron may be saturated (sigmoid far from 0) or dead (ReLU below 0): lower the learning rate and "
               "press Reset.";
    if (zero == 0)
        return "The gradients are not a number (NaN or infinite) in every layer: the weights have run away. Lower "
               "the learning rate and press Reset.";
    return "The gradients are 0 or not a number in every layer: nothing learns. Lower the learning rate and press "
           "Reset.";
}
}  // namespace

void GradientsPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (!is_network(s) || s.grad_norms.empty()) {
        PanelFallback(ctx, "Gradient sizes appear here once a network trains.");
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
    if (const std::string note = unplottable_note(s.grad_norms, s.step); !note.empty()) {
        const ImVec2 start = ImGui::GetCursorPos();
        ImGui::PushStyleColor(ImGuiCol_Text, s.step == 0 ? kMutedTextColor : kBadColor);
        ImGui::PushTextWrapPos(start.x + bars.size.x);
        ImGui::TextUnformatted(note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        // The map below keeps its place.
        const float used = ImGui::GetCursorPosY() - start.y;
        if (used < bars.size.y) ImGui::Dummy(ImVec2(1, bars.size.y - used - spacing));
    } else {
        BarChart("##grad-bars", s.grad_norms, labels, bars);
    }

    const train::MultiSeries& h = s.grad_norm_history;
    if (h.size() < 2 || h.width != layers) {
        PanelFallback(ctx, "Press Play or Step: the map of every layer over time fills in as it trains.");
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
