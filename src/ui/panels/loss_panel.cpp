// Loss and accuracy over the training steps: training against test, so that a class can see a
// model learn the training points by heart while the test points stop improving.
#include <algorithm>
#include <string>
#include <vector>

#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"

namespace ui {

namespace {
constexpr ImU32 kTrainColor = kTrainCurveColor;
constexpr ImU32 kTestColor = kTestCurveColor;
constexpr ImU32 kAccuracyColor = IM_COL32(90, 200, 110, 255);

LineSeries series(const char* label, const train::Series& s, ImU32 color) {
    LineSeries l;
    l.label = label;
    l.x = s.step;
    l.y = s.value;
    l.color = color;
    return l;
}

std::string loss_label(const train::Snapshot& s) {
    if (s.config.words()) return "loss (skip-gram, per word pair)";
    if (s.config.transformer()) return "loss (cross-entropy per token)";
    return s.config.loss == nn::Loss::CrossEntropy ? "loss (cross-entropy)" : "loss (squared error)";
}

void PerceptronCurves(PanelContext& ctx, ImVec2 avail) {
    const train::Snapshot& s = ctx.snap;
    LinePlotOptions options;
    options.x_label = "training step";
    options.y_label = "training accuracy";
    options.y_min = 0;
    options.y_max = 1.05;
    options.size = avail;
    std::vector<LineSeries> lines = {series("accuracy", s.history.accuracy, kAccuracyColor)};
    // The perceptron's loss is its count of mistakes, so accuracy tells the whole story. On XOR, a
    // single straight line can get at most three of the four points right.
    std::vector<double> ref_x;
    std::vector<float> ref_y;
    const auto& steps = s.history.accuracy.step;
    if (plane_config(s).dataset == data::Toy2D::Xor && !plane_view(s).user_points && !steps.empty()) {
        ref_x = {steps.front(), std::max(steps.back(), steps.front() + 1)};
        ref_y = {0.75f, 0.75f};
        LineSeries ref;
        ref.label = "a line's best: 75%";
        ref.x = ref_x;
        ref.y = ref_y;
        ref.color = IM_COL32(235, 80, 70, 255);
        ref.thickness = 2.f;
        lines.push_back(ref);
    }
    options.legend = lines.size() > 1;
    PlotLines("##accuracy", lines, options);
}

void LandscapeCurves(PanelContext& ctx, ImVec2 avail) {
    const train::LandscapeView& v = *plane_view(ctx.snap).landscape;
    LinePlotOptions options;
    options.x_label = "training step";
    options.y_label = loss_label(ctx.snap);
    options.log_y = true;
    options.size = avail;
    std::vector<LineSeries> lines;
    for (std::size_t i = 0; i < v.paths.size(); ++i)
        lines.push_back(series(v.paths[i].name.c_str(), v.paths[i].loss, optimizer_color(int(i))));
    PlotLines("##landscape-loss", lines, options);
}
}  // namespace

void LossPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const train::MetricsHistory& h = s.history;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    if (is_plane_model(s, train::ModelKind::Perceptron)) return PerceptronCurves(ctx, avail);
    if (is_plane_model(s, train::ModelKind::Landscape) && plane_view(s).landscape) return LandscapeCurves(ctx, avail);

    const bool has_test = !h.test_loss.empty();
    const float check_height = ImGui::GetFrameHeightWithSpacing();
    const float usable = std::max(avail.y - check_height - spacing, ImGui::GetFontSize() * 7.f);

    // Two plots need room for two sets of axes; a short panel shows the loss alone (the controls
    // bar has the accuracies).
    // A model without classes (word vectors) has no accuracy to plot.
    const bool both = is_network(s) && usable > ImGui::GetFontSize() * 16.f;
    LinePlotOptions loss_options;
    loss_options.x_label = "training step";
    loss_options.y_label = loss_label(s);
    loss_options.log_y = ctx.state.loss_log_scale;
    loss_options.size = ImVec2(avail.x, both ? usable * 0.54f : usable);
    const bool batches = s.config.batch_size > 0 && s.config.batch_size < training_examples(s);
    std::vector<LineSeries> loss_lines = {
        series(batches ? "training batch" : "training", h.loss, kTrainColor)};
    if (has_test) loss_lines.push_back(series("test", h.test_loss, kTestColor));
    loss_options.legend = has_test;
    PlotLines("##loss", loss_lines, loss_options);

    if (both) {
        LinePlotOptions acc_options;
        acc_options.x_label = "training step";
        acc_options.y_label = "accuracy";
        acc_options.y_min = 0;
        acc_options.y_max = 1.05;
        acc_options.size = ImVec2(avail.x, usable * 0.46f - spacing);
        std::vector<LineSeries> acc_lines = {series("training", h.train_accuracy, kTrainColor)};
        if (has_test) acc_lines.push_back(series("test", h.test_accuracy, kTestColor));
        acc_options.legend = false;  // the loss plot's legend names the same colours
        PlotLines("##accuracy", acc_lines, acc_options);
    }
    CheckboxWrapped("log scale for the loss", &ctx.state.loss_log_scale);
}

}  // namespace ui
