// Induction heads: to predict the rest of a repeat, a head looks back at where the current token
// occurred before and copies the token that came after it. This panel scores every head on the
// traced example, and follows the best head's score and the loss on the repeats over the steps:
// the score jumps and the loss drops together, the "phase change" of the lesson.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
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

    transformer::MutedText("Induction score: the mean attention from each repeated token to the token after its previous "
                           "occurrence. 1: the head always looks there. Dashed: a head spreading its attention evenly.",
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
    if (has_history) {
        const LineSeries lines[] = {series("best induction score, layers 2+", v->induction_history, kLaterLayerColor)};
        LinePlotOptions o;
        o.x_label = has_loss ? "" : "training step";
        o.y_label = "best induction score, layers 2+";
        o.x_min = x_min;
        o.x_max = x_max;
        o.y_min = 0;
        o.y_max = 1;
        o.legend = false;
        o.size = ImVec2(width, line_h);
        PlotLines("##induction-history", lines, o);
    }
    if (has_loss) {
        const LineSeries lines[] = {series("loss on the repeats", v->repeat_loss, kLossColor)};
        LinePlotOptions o;
        o.x_label = "training step";
        o.y_label = "test loss on the repeated part (nats)";
        o.x_min = x_min;
        o.x_max = x_max;
        o.legend = false;
        o.size = ImVec2(width, std::max(line_h, ImGui::GetContentRegionAvail().y));
        PlotLines("##repeat-loss", lines, o);
    } else if (layers >= 2) {
        transformer::MutedText("The loss on the repeats is measured on the repeat task only.", width);
    }
}

}  // namespace ui
