// The spam-filter neuron of lesson 1: inputs the class can toggle, weights and a threshold they can
// drag, and the weighted sum worked out with the current numbers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "nn/neuron.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"

namespace ui {

void SpamPanel(PanelContext& ctx) {
    lesson::SpamNeuron& n = ctx.spam;
    const float fs = ctx.fonts.base_size;
    const std::size_t count = std::min({n.inputs.size(), n.weights.size(), n.input_names.size()});
    char buf[160];

    ImGui::PushFont(ctx.fonts.bold);
    ImGui::TextWrapped("Is this email spam?  One neuron decides.");
    ImGui::PopFont();
    ImGui::Spacing();

    if (ImGui::BeginTable("spam inputs", 4, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("input x (click to toggle)", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.6f);
        ImGui::TableSetupColumn("weight w (drag)", ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn("x · w", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < count; ++i) {
            ImGui::PushID(int(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool on = n.inputs[i] > 0.5f;
            // The input's name under its checkbox, wrapped to the column: it never runs into the next.
            std::snprintf(buf, sizeof buf, "x%zu", i + 1);
            if (ImGui::Checkbox(buf, &on)) n.inputs[i] = on ? 1.f : 0.f;
            ImGui::TextWrapped("%s", n.input_names[i].c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%g", n.inputs[i]);
            ImGui::TableNextColumn();
            // The value beside the slider, where the handle cannot cover it.
            std::snprintf(buf, sizeof buf, "%+.2f", n.weights[i]);
            ImGui::SetNextItemWidth(std::max(fs * 2.f, ImGui::GetContentRegionAvail().x - TextWidth("+0.00") -
                                                           ImGui::GetStyle().ItemInnerSpacing.x));
            // Weights snap to hundredths, the precision shown, so the sum written out below adds
            // up as displayed.
            if (ImGui::SliderFloat("##w", &n.weights[i], -1.f, 1.f, "")) n.weights[i] = std::round(n.weights[i] * 100.f) / 100.f;
            ValueBeside(buf);
            ImGui::TableNextColumn();
            const float product = n.inputs[i] == 0.f ? 0.f : n.inputs[i] * n.weights[i];
            ImGui::PushStyleColor(ImGuiCol_Text, product > 0 ? kPositiveColor : product < 0 ? kNegativeColor : kMutedTextColor);
            ImGui::Text("%+.2f", product);
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    char threshold_text[48];
    std::snprintf(threshold_text, sizeof threshold_text, "threshold %.2f", n.threshold);
    ImGui::SetNextItemWidth(FitItemWidth(fs * 12, threshold_text));
    if (ImGui::SliderFloat("##threshold", &n.threshold, -1.f, 2.f, "")) n.threshold = std::round(n.threshold * 100.f) / 100.f;
    ValueBeside(threshold_text);

    const double score = nn::weighted_sum(std::span(n.inputs.data(), count), std::span(n.weights.data(), count));
    const bool spam = nn::fires(score, n.threshold);

    // The sum written out with the numbers plugged in.
    std::string sum = "score = ";
    for (std::size_t i = 0; i < count; ++i) {
        std::snprintf(buf, sizeof buf, "%s(%g)(%+.2f)", i ? " + " : "", n.inputs[i], n.weights[i]);
        sum += buf;
    }
    std::snprintf(buf, sizeof buf, " = %.2f", score);
    sum += buf;
    ImGui::Spacing();
    ImGui::PushFont(ctx.fonts.mono);
    ImGui::TextWrapped("%s", sum.c_str());
    ImGui::PopFont();

    // Score on a number line with the threshold marked.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float lo = -2.f, hi = 2.f;
    const float width = std::max(100.f, avail.x - fs * 2);
    const auto x_of = [&](double v) { return p0.x + fs + float((std::clamp(v, double(lo), double(hi)) - lo) / (hi - lo)) * width; };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = p0.y + fs * 2.2f;
    dl->AddRectFilled(ImVec2(x_of(lo), y - fs * 0.3f), ImVec2(x_of(n.threshold), y + fs * 0.3f), IM_COL32(44, 123, 182, 120));
    dl->AddRectFilled(ImVec2(x_of(n.threshold), y - fs * 0.3f), ImVec2(x_of(hi), y + fs * 0.3f), IM_COL32(230, 143, 31, 120));
    for (int t = int(lo); t <= int(hi); ++t) {
        std::snprintf(buf, sizeof buf, "%d", t);
        dl->AddLine(ImVec2(x_of(t), y + fs * 0.3f), ImVec2(x_of(t), y + fs * 0.6f), IM_COL32(200, 200, 205, 255), 2.f);
        dl->AddText(ImVec2(x_of(t) - ImGui::CalcTextSize(buf).x / 2, y + fs * 0.7f), IM_COL32(200, 200, 205, 255), buf);
    }
    dl->AddLine(ImVec2(x_of(n.threshold), y - fs * 0.9f), ImVec2(x_of(n.threshold), y + fs * 0.5f), IM_COL32_WHITE, 3.f);
    dl->AddText(ImVec2(x_of(n.threshold) + 6, y - fs * 1.9f), IM_COL32_WHITE, "threshold");
    dl->AddTriangleFilled(ImVec2(x_of(score), y + fs * 0.15f), ImVec2(x_of(score) - fs * 0.5f, y - fs * 0.75f),
                          ImVec2(x_of(score) + fs * 0.5f, y - fs * 0.75f), IM_COL32(255, 230, 60, 255));
    ImGui::Dummy(ImVec2(avail.x, fs * 4.f));

    ImGui::PushFont(ctx.fonts.big);
    ImGui::PushStyleColor(ImGuiCol_Text, spam ? kClass1Color : kClass0Color);
    std::snprintf(buf, sizeof buf, spam ? "%.2f > %.2f  →  SPAM" : "%.2f ≤ %.2f  →  not spam", score, n.threshold);
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted(buf);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace ui
