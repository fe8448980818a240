// Text the model writes: the prompt continued one drawn token at a time, once per temperature, so
// that the class sees a low temperature repeat itself and a high one babble.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "train/format.h"
#include "train/transformer/transformer_commands.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr float kMinTemperature = 0.05f, kMaxTemperature = 10.f;

std::string temperature_text(float t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, t < 0.995f ? "T = %.2f" : "T = %.1f", double(t));
    return buf;
}

void send_sampling(PanelContext& ctx) {
    const TransformerPanelState& st = ctx.state.transformer;
    ctx.out.push_back(train::SetSampling{st.temperatures, st.top_k, st.top_p});
}
}  // namespace

void GeneratePanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    TransformerPanelState& st = ctx.state.transformer;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float gap = ImGui::GetStyle().ItemSpacing.x;

    // ---- The prompt ----
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Prompt");
    SameLineIfFits(fs * 8.f);
    const float button = ButtonWidth("Generate");
    const float field = ImGui::GetContentRegionAvail().x - button - gap;
    const bool beside = field >= fs * 8.f;
    const bool enter = InputStringLine("##prompt", st.prompt, beside ? field : ImGui::GetContentRegionAvail().x);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Text in the task's tokens to continue; Enter or Generate. Empty: the task's own prompt.");
    if (beside) ImGui::SameLine();
    if (ImGui::Button("Generate") || enter) ctx.out.push_back(train::SetPrompt{st.prompt});
    if (!v->prompt_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces(v->prompt_message, width);
        ImGui::PopStyleColor();
    }

    ImGui::Separator();
    if (v->prompt.empty()) {
        PanelFallback(ctx, "There is no prompt to continue: type one above.");
        return;
    }

    // ---- Each temperature, and what it wrote ----
    // Its slider heads its text. One temperature is the next-token panel's slider too: both panels
    // move the same number.
    if (st.temperatures.empty()) st.temperatures = {st.temperature};
    if (st.temperatures.size() == 1) st.temperatures[0] = st.temperature;
    // Two or three temperatures stand side by side when each column keeps 20 lines of text in
    // width, so the class reads the cold and the hot text at one glance; one under the other else.
    const int count = int(st.temperatures.size());
    const bool columns = count > 1 && width >= float(count) * fs * 20.f + gap * float(count - 1);
    const float column_w = columns ? std::floor((width - gap * float(count - 1)) / float(count)) : width;
    const float slider_w = std::min(fs * 7.f, column_w * 0.6f);
    const bool table = columns && ImGui::BeginTable("##temperatures", count, ImGuiTableFlags_SizingStretchSame);
    for (std::size_t i = 0; i < st.temperatures.size(); ++i) {
        if (table) ImGui::TableNextColumn();
        ImGui::PushID(int(i));
        ImGui::SetNextItemWidth(slider_w);
        float& t = st.temperatures[i];
        if (ImGui::SliderFloat("##temperature", &t, kMinTemperature, kMaxTemperature, "", ImGuiSliderFlags_Logarithmic))
            t = std::clamp(t, kMinTemperature, kMaxTemperature);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            if (st.temperatures.size() == 1) st.temperature = t;
            send_sampling(ctx);
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Temperature: the scores are divided by it before the softmax.\n"
                              "Low: the likeliest token nearly always. High: closer to even odds.");
        ValueBeside(temperature_text(t).c_str());
        ImGui::PopID();
        const float text_w = ImGui::GetContentRegionAvail().x;
        if (i >= v->generated.size()) {
            transformer::MutedText("Its text comes within two seconds.", text_w);
            continue;
        }
        const train::GeneratedText& g = v->generated[i];
        // Words are written with spaces between them; the continuation's first word needs its own.
        const bool space = v->data->tokens().words && !g.text.empty() && g.text.front() != ' ';
        const transformer::TextRun runs[] = {{v->prompt, kMutedTextColor}, {space ? " " : "", 0}, {g.text, 0}};
        transformer::ColoredTextWrapped(runs, text_w);
        ImGui::Spacing();
    }
    if (table) ImGui::EndTable();
    if (!v->generated.empty())
        transformer::MutedText("Generated at step " + train::format_count((long long)v->generated_at_step) +
                                   ". The prompt is grey, the model's text white.",
                               width);
}

}  // namespace ui
