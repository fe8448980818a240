// Induction heads: to predict the rest of a repeat, a head looks back at where the current token
// occurred before and copies the token that came after it. This panel scores every head on the
// traced example, and follows the best head's score and the loss on the repeats over the steps:
// the score jumps and the loss drops together, the "phase change" of the lesson.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/plot_axes.h"  // the width of a value axis, to line two plots up
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr ImU32 kFirstLayerColor = IM_COL32(130, 135, 150, 255);
constexpr ImU32 kLaterLayerColor = IM_COL32(240, 160, 40, 255);
constexpr ImU32 kLossColor = IM_COL32(90, 180, 245, 255);

// What a head would score with its weight spread evenly over the tokens it may see: at position t,
// 1/(t+1) on each; averaged over the positions an induction head is measured at.
std::optional<double> even_score(const nn::AttentionTrace& trace) {
    const std::vector<int> targets = data::induction_targets(trace.tokens);
    double sum = 0;
    int n = 0;
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (targets[t] >= 0) {
            sum += 1.0 / double(t + 1);
            ++n;
        }
    if (n == 0) return std::nullopt;
    return sum / n;
}

// The width of a line plot's value axis (its tick labels and ticks), as the widget lays it out for
// these options (a fixed y range, a given size).
float y_axis_margin(const LinePlotOptions& o) {
    using namespace plot_detail;
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const float tick_len = std::round(font * 0.3f);
    float top = 0, bottom = 0;
    frame_margins(o.x_label, !o.y_label.empty(), top, bottom);
    Scale y;
    y.range.lo = o.y_min;
    y.range.hi = o.y_max;
    y.p0 = o.size.y - bottom;
    y.p1 = top;
    const PlacedTicks t = place_ticks(y, false, 0.f, 0.f, o.size.y);
    return std::min(pad + t.max_label_width + pad * 0.5f + tick_len, o.size.x * 0.4f);
}

LineSeries series(const char* label, const train::Series& s, ImU32 color) {
    LineSeries l;
    l.label = label;
    l.x = s.step;
    l.y = s.value;
    l.color = color;
    return l;
}
}  // namespace

void InductionPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    const int layers = v->shape.layers, heads = v->shape.heads;
    if (v->induction_score.empty() || int(v->induction_score.size()) != layers * heads) {
        PanelFallback(ctx, v->example_message.empty()
                               ? "The heads are scored on the traced example, which comes with the next snapshot."
                               : v->example_message.c_str());
        return;
    }
    const float fs = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float width = ImGui::GetContentRegionAvail().x;

    transformer::MutedText("Induction score: the mean attention from each repeated token to the token after its "
                           "previous occurrence (1: always there; dashed: attention spread evenly).",
                           width);

    const bool has_history = !v->induction_history.empty();
    const bool has_loss = !v->repeat_loss.empty();
    const int plots = 1 + (has_history ? 1 : 0) + (has_loss ? 1 : 0);
    // The notes under the plots, two lines each at most.
    const int notes = (layers < 2 ? 1 : 0) + (!has_loss && layers >= 2 ? 1 : 0);
    const float notes_h = ImGui::GetTextLineHeightWithSpacing() * 2.f * float(notes);
    const float left = std::max(ImGui::GetContentRegionAvail().y - notes_h - spacing * float(plots), fs * 10.f * float(plots));
    const float bars_h = plots == 1 ? left : left * (plots == 2 ? 0.5f : 0.38f);
    const float line_h = plots == 1 ? 0.f : (left - bars_h) / float(plots - 1);

    // ---- Every head now ----
    std::vector<std::string> labels;
    std::vector<ImU32> colors;
    for (int l = 0; l < layers; ++l)
        for (int h = 0; h < heads; ++h) {
            labels.push_back(transformer::head_name(l, h));
            colors.push_back(l == 0 ? kFirstLayerColor : kLaterLayerColor);
        }
    BarChartOptions bo;
    bo.x_label = layers > 1 ? "head (grey: layer 1)" : "head";
    bo.y_label = "induction score";
    bo.y_min = 0;
    bo.y_max = 1;
    bo.colors = colors;
    if (v->trace)
        if (const std::optional<double> even = even_score(*v->trace)) {
            bo.reference = *even;
            bo.reference_label = "even";
        }
    bo.size = ImVec2(width, bars_h);
    BarChart("##induction-scores", v->induction_score, labels, bo);

    if (layers < 2)
        transformer::MutedText("An induction head needs a head in an earlier layer to mark each token's predecessor: "
                               "this model has one layer.",
                               width);

    // ---- Over the steps ----
    // Both plots over the same steps, so that the jump in one lines up with the drop in the other.
    double x_min = 0, x_max = 1;
    for (const train::Series* s : {&v->induction_history, &v->repeat_loss})
        if (!s->empty()) x_max = std::max(x_max, s->step.back());
    LinePlotOptions score_o;
    score_o.x_label = has_loss ? "" : "training step";
    score_o.y_label = "best induction score, layers 2+";
    score_o.y_min = 0;
    score_o.y_max = 1;
    score_o.size = ImVec2(width, line_h);
    LinePlotOptions loss_o;
    loss_o.x_label = "training step";
    loss_o.y_label = "test loss on the repeated part (nats)";
    float highest_loss = 0;
    for (float x : v->repeat_loss.value)
        if (std::isfinite(x)) highest_loss = std::max(highest_loss, x);
    loss_o.y_min = 0;
    loss_o.y_max = std::max(0.1, double(highest_loss) * 1.06);
    loss_o.size = ImVec2(width, std::max(line_h, ImGui::GetContentRegionAvail().y - (has_history ? line_h + spacing : 0.f)));
    for (LinePlotOptions* o : {&score_o, &loss_o}) {
        o->x_min = x_min;
        o->x_max = x_max;
        o->legend = false;
    }
    // One step axis for both: the plot whose value labels are narrower moves right by the
    // difference, so that a step sits at the same x in both.
    const float score_left = y_axis_margin(score_o), loss_left = y_axis_margin(loss_o);
    const float both_left = has_history && has_loss ? std::max(score_left, loss_left) : 0.f;
    const auto draw = [&](const char* id, const LineSeries& line, LinePlotOptions& o, float own_left) {
        const float shift = std::max(0.f, both_left - own_left);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + shift);
        o.size.x -= shift;
        PlotLines(id, std::span(&line, 1), o);
    };
    if (has_history)
        draw("##induction-history", series("best induction score, layers 2+", v->induction_history, kLaterLayerColor), score_o,
             score_left);
    if (has_loss) {
        draw("##repeat-loss", series("loss on the repeats", v->repeat_loss, kLossColor), loss_o, loss_left);
    } else if (layers >= 2) {
        transformer::MutedText("The loss on the repeats is measured on the repeat task only.", width);
    }
}

}  // namespace ui
