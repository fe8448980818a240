// The perceptron rule with the numbers of the example it just saw.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>
#include <string>

#include "ui/panels/panels.h"
#include "ui/panels/shown_sum.h"
#include "ui/theme.h"

namespace ui {

namespace {
// A term of a sum after the first: " + 0.30" or " − 0.30", shorter than " + (-0.30)".
std::string next_term(double v, int decimals) {
    char buf[40];
    std::snprintf(buf, sizeof buf, " %s %.*f", v < 0 ? "−" : "+", decimals, std::abs(v));
    return buf;
}

// Wrapped at the panel's edge: in a narrow panel a formula that breaks onto two lines still shows
// all its numbers, where a clipped one would hide the result.
void line(const Fonts& fonts, ImU32 color, const std::string& text) {
    ImGui::PushFont(fonts.mono);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}
}  // namespace

void UpdatePanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextUnformatted("The perceptron rule");
    ImGui::PopFont();
    line(ctx.fonts, kMutedTextColor, "w ← w + η·(label − prediction)·x");
    line(ctx.fonts, kMutedTextColor, "b ← b + η·(label − prediction)");
    ImGui::Spacing();

    if (!is_plane_model(s, train::ModelKind::Perceptron) || plane_view(s).layers.empty()) {
        PanelFallback(ctx, "This step trains a network by backpropagation; the rule above is for a single perceptron.");
        return;
    }
    const nn::Matrix& W = plane_view(s).layers[0].W;
    const float b = plane_view(s).layers[0].b(0);
    char buf[160];
    if (!plane_view(s).perceptron_step) {
        std::snprintf(buf, sizeof buf, "w₁ = %.2f   w₂ = %.2f   b = %.2f", W(0, 0), W(0, 1), b);
        line(ctx.fonts, text, buf);
        ImGui::Spacing();
        ImGui::TextWrapped("Random starting weights. Press \"Step: 1 example\" to apply the rule to the first point.");
        return;
    }
    const train::PerceptronStepInfo& p = *plane_view(s).perceptron_step;
    const auto& x = plane_view(s).data->x.row(p.example);
    const double eta = s.config.learning_rate;
    const int e = p.update.label - p.update.predicted;
    // Enough decimals that every line adds up as written: the score from the weights shown, and
    // each new weight from the old one shown plus the change.
    int d = 2;
    {
        const double inputs[3] = {x(0), x(1), 1.0};
        const double before[3] = {p.w_before(0), p.w_before(1), p.b_before};
        const double after[3] = {W(0, 0), W(0, 1), b};
        d = std::max(d, decimals_that_add_up(inputs, before, 0.0, p.update.score));
        if (p.update.changed())
            for (int i = 0; i < 3; ++i) {
                const double one = 1.0;
                d = std::max(d, decimals_that_add_up(std::span(&one, 1), std::span(&before[i], 1), eta * e * inputs[i], after[i]));
            }
        // A score shown as 0.00 would hide which side of 0 it is on, and that decides the prediction.
        while (d < 6 && p.update.score != 0 && rounded_to(p.update.score, d) == 0) ++d;
    }
    std::snprintf(buf, sizeof buf, "example %d: x = (%g, %g), label %d", p.example + 1, x(0), x(1), p.update.label);
    line(ctx.fonts, IM_COL32(255, 230, 60, 255), buf);
    char xs[2][16];
    std::snprintf(xs[0], sizeof xs[0], "%g", x(0));
    std::snprintf(xs[1], sizeof xs[1], "%g", x(1));
    // score = w₁·x₁ + w₂·x₂ + b, written with the numbers only (the formula is in the tooltip), so
    // that the three updates below still fit a short panel.
    std::snprintf(buf, sizeof buf, "score = %.*f", d, p.w_before(0));
    line(ctx.fonts, text, buf + std::string("·") + xs[0] + next_term(p.w_before(1), d) + "·" + xs[1] + next_term(p.b_before, d));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("score = w₁·x₁ + w₂·x₂ + b, with the weights before this step");
    std::snprintf(buf, sizeof buf, "  = %.*f → prediction %d", d, p.update.score, p.update.predicted);
    line(ctx.fonts, text, buf);
    if (!p.update.changed()) {
        line(ctx.fonts, kGoodColor, "right: error 0, the weights stay put");
    } else {
        std::snprintf(buf, sizeof buf, "wrong: error = %d − %d = %+d", p.update.label, p.update.predicted, e);
        line(ctx.fonts, kBadColor, buf);
        std::snprintf(buf, sizeof buf, "w₁ ← %.*f + %g·(%+d)·%g = %.*f", d, p.w_before(0), eta, e, x(0), d, W(0, 0));
        line(ctx.fonts, text, buf);
        std::snprintf(buf, sizeof buf, "w₂ ← %.*f + %g·(%+d)·%g = %.*f", d, p.w_before(1), eta, e, x(1), d, W(0, 1));
        line(ctx.fonts, text, buf);
        std::snprintf(buf, sizeof buf, "b  ← %.*f + %g·(%+d) = %.*f", d, p.b_before, eta, e, d, b);
        line(ctx.fonts, text, buf);
    }
}

}  // namespace ui
