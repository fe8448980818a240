// The perceptron rule with the numbers of the example it just saw.
#include <cstdio>
#include <string>

#include "ui/panels/panels.h"
#include "ui/theme.h"

namespace ui {

namespace {
std::string signed_number(float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 0 ? "(%.2f)" : "%.2f", v);
    return buf;
}

void line(const Fonts& fonts, ImU32 color, const std::string& text) {
    ImGui::PushFont(fonts.mono);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
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

    if (s.config.model != train::ModelKind::Perceptron || s.layers.empty()) {
        ImGui::TextWrapped("This step trains a network by backpropagation; the rule above is for a single perceptron.");
        return;
    }
    const nn::Matrix& W = s.layers[0].W;
    const float b = s.layers[0].b(0);
    char buf[160];
    if (!s.perceptron_step) {
        std::snprintf(buf, sizeof buf, "w₁ = %.2f   w₂ = %.2f   b = %.2f", W(0, 0), W(0, 1), b);
        line(ctx.fonts, text, buf);
        ImGui::Spacing();
        ImGui::TextWrapped("Random starting weights. Press \"Step: 1 example\" to apply the rule to the first point.");
        return;
    }
    const train::PerceptronStepInfo& p = *s.perceptron_step;
    const auto& x = s.data->x.row(p.example);
    const float eta = s.config.learning_rate;
    std::snprintf(buf, sizeof buf, "example %d:  x = (%g, %g),  label %d", p.example + 1, x(0), x(1), p.update.label);
    line(ctx.fonts, IM_COL32(255, 230, 60, 255), buf);
    line(ctx.fonts, text, "score = w₁·x₁ + w₂·x₂ + b");
    char xs[2][16];
    std::snprintf(xs[0], sizeof xs[0], "%g", x(0));
    std::snprintf(xs[1], sizeof xs[1], "%g", x(1));
    line(ctx.fonts, text, "      = " + signed_number(p.w_before(0)) + "·" + xs[0] + " + " + signed_number(p.w_before(1)) +
                              "·" + xs[1] + " + " + signed_number(p.b_before));
    std::snprintf(buf, sizeof buf, "      = %.2f  →  prediction %d", p.update.score, p.update.predicted);
    line(ctx.fonts, text, buf);
    if (!p.update.changed()) {
        line(ctx.fonts, kGoodColor, "right: error 0, the weights stay put");
    } else {
        std::snprintf(buf, sizeof buf, "wrong: error = %d − %d = %+d", p.update.label, p.update.predicted,
                      p.update.label - p.update.predicted);
        line(ctx.fonts, kBadColor, buf);
        const int e = p.update.label - p.update.predicted;
        std::snprintf(buf, sizeof buf, "w₁ ← %.2f + %g·(%+d)·%g = %.2f", p.w_before(0), eta, e, x(0), W(0, 0));
        line(ctx.fonts, text, buf);
        std::snprintf(buf, sizeof buf, "w₂ ← %.2f + %g·(%+d)·%g = %.2f", p.w_before(1), eta, e, x(1), W(0, 1));
        line(ctx.fonts, text, buf);
        std::snprintf(buf, sizeof buf, "b  ← %.2f + %g·(%+d) = %.2f", p.b_before, eta, e, b);
        line(ctx.fonts, text, buf);
    }
}

}  // namespace ui
