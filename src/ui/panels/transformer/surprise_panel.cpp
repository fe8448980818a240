// Lesson 9: the loss read as surprise. Cross-entropy is the mean of -log p over the tokens that
// really came; in bits (divided by ln 2) it is the model's average surprise per token. Beside it,
// the entropy of the model's own predictions: the surprise it expects. Both against log2 of the
// vocabulary, what guessing evenly would give.
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
constexpr ImU32 kSurpriseColor = IM_COL32(90, 180, 245, 255);
constexpr ImU32 kEntropyColor = IM_COL32(240, 160, 40, 255);
constexpr ImU32 kEvenColor = IM_COL32(130, 135, 150, 255);
}  // namespace

void SurprisePanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    const train::Series& test_loss = ctx.snap.history.test_loss;
    if (test_loss.empty() || !v->data) {
        PanelFallback(ctx, "The surprise is measured on held-out text, which comes with the next snapshot.");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const int vocab = v->data->tokens().size();
    const double even_bits = std::log2(double(std::max(vocab, 1)));

    // The loss in nats, turned into bits: the same curve, divided by ln 2.
    std::vector<float> surprise_bits(test_loss.value.size());
    std::transform(test_loss.value.begin(), test_loss.value.end(), surprise_bits.begin(),
                   [](float nats) { return float(double(nats) / std::log(2.0)); });
    const double now_surprise = surprise_bits.back();
    const double now_entropy = v->prediction_entropy.empty() ? -1.0 : double(v->prediction_entropy.value.back());

    char line[160];
    ImGui::PushStyleColor(ImGuiCol_Text, kSurpriseColor);
    std::snprintf(line, sizeof line, "Surprise (test loss): %.2f\xC2\xA0" "bits per token", now_surprise);
    TextWrappedAtSpaces(line, width);
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The mean of -log2 p over the held-out tokens, p being the probability the model gave\n"
                          "to the token that really came next. The loss panel shows the same in nats (x 0.693).");
    if (now_entropy >= 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, kEntropyColor);
        std::snprintf(line, sizeof line, "Entropy of its predictions: %.2f\xC2\xA0" "bits", now_entropy);
        TextWrappedAtSpaces(line, width);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("-sum p log2 p of each prediction, averaged: the surprise the model expects.");
    }
    std::snprintf(line, sizeof line, "Guessing evenly among %d\xC2\xA0tokens: log\xE2\x82\x82(%d)\xC2\xA0=\xC2\xA0%.2f\xC2\xA0" "bits",
                  vocab, vocab, even_bits);
    transformer::MutedText(line, width);

    // ---- Over the steps ----
    double x_max = std::max(1.0, test_loss.step.back());
    if (!v->prediction_entropy.empty()) x_max = std::max(x_max, v->prediction_entropy.step.back());
    const double even_x[] = {0.0, x_max};
    const float even_y[] = {float(even_bits), float(even_bits)};
    std::vector<LineSeries> lines;
    LineSeries s;
    s.label = "surprise (test loss)";
    s.x = test_loss.step;
    s.y = surprise_bits;
    s.color = kSurpriseColor;
    lines.push_back(s);
    if (!v->prediction_entropy.empty()) {
        s.label = "entropy of its predictions";
        s.x = v->prediction_entropy.step;
        s.y = v->prediction_entropy.value;
        s.color = kEntropyColor;
        lines.push_back(s);
    }
    s.label = "guessing evenly";
    s.x = even_x;
    s.y = even_y;
    s.color = kEvenColor;
    s.thickness = 2.f;
    lines.push_back(s);

    float highest = float(even_bits);
    for (float b : surprise_bits)
        if (std::isfinite(b)) highest = std::max(highest, b);
    LinePlotOptions o;
    o.x_label = "training step";
    o.y_label = "bits per token";
    o.x_min = 0;
    o.x_max = x_max;
    o.y_min = 0;
    o.y_max = double(highest) * 1.06;
    const float fs = ImGui::GetFontSize();
    o.size = ImVec2(width, std::max(ImGui::GetContentRegionAvail().y, fs * 10.f));
    PlotLines("##surprise", lines, o);
}

}  // namespace ui
