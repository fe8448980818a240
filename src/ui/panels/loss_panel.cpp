// Loss and accuracy over the training steps.
#include <vector>

#include "ui/panels/panels.h"
#include "ui/widgets/plot.h"

namespace ui {

void LossPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const train::MetricsHistory& h = s.history;
    const bool perceptron = s.config.model == train::ModelKind::Perceptron;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;

    LinePlotOptions acc_options;
    acc_options.x_label = "training step";
    acc_options.y_label = "accuracy on the training points";
    acc_options.y_min = 0;
    acc_options.y_max = 1.05;
    std::vector<LineSeries> acc_series(1);
    acc_series[0].label = "accuracy";
    acc_series[0].x = h.step;
    acc_series[0].y = h.accuracy;
    acc_series[0].color = IM_COL32(90, 200, 110, 255);

    if (perceptron) {
        // The perceptron's loss is its count of mistakes, so accuracy tells the whole story. On
        // XOR, a single straight line can get at most three of the four points right.
        std::vector<double> ref_x;
        std::vector<float> ref_y;
        if (s.config.dataset == data::Toy2D::Xor && !h.step.empty()) {
            ref_x = {h.step.front(), std::max(h.step.back(), h.step.front() + 1)};
            ref_y = {0.75f, 0.75f};
            LineSeries ref;
            ref.label = "a line's best: 75%";
            ref.x = ref_x;
            ref.y = ref_y;
            ref.color = IM_COL32(235, 80, 70, 255);
            ref.thickness = 2.f;
            acc_series.push_back(ref);
        }
        acc_options.legend = acc_series.size() > 1;
        acc_options.size = ImVec2(avail.x, avail.y);
        PlotLines("##accuracy", acc_series, acc_options);
        return;
    }

    const float check_height = ImGui::GetFrameHeightWithSpacing();
    const float usable = avail.y - check_height - spacing;
    LinePlotOptions loss_options;
    loss_options.x_label = "training step";
    loss_options.y_label = "loss (cross-entropy)";
    loss_options.log_y = ctx.state.loss_log_scale;
    loss_options.legend = false;
    loss_options.size = ImVec2(avail.x, usable * 0.58f);
    std::vector<LineSeries> loss_series(1);
    loss_series[0].label = "training loss";
    loss_series[0].x = h.step;
    loss_series[0].y = h.loss;
    PlotLines("##loss", loss_series, loss_options);

    acc_options.legend = false;
    acc_options.size = ImVec2(avail.x, usable * 0.42f - spacing);
    PlotLines("##accuracy", acc_series, acc_options);
    ImGui::Checkbox("log scale for the loss", &ctx.state.loss_log_scale);
}

}  // namespace ui
