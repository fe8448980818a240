// What comes after the prompt: the model's scores for every token turned into probabilities by a
// softmax at a temperature the class drags. Computed here from the published scores, so the bars
// follow the slider at once; the trainer is told too, so that the generated text follows.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "nn/sampling.h"
#include "train/format.h"
#include "train/transformer/transformer_commands.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr float kMinTemperature = 0.05f, kMaxTemperature = 10.f;
// Bars shown: every token of a small vocabulary, else the likeliest; the rest are summed in the caption.
constexpr int kAllTokensUpTo = 16;
constexpr int kTopTokens = 12;
// The prompt is quoted up to this many characters (its end, which the prediction depends on most).
constexpr std::size_t kQuotedBytes = 60;

// The prompt on one line: a newline as the labels write it, a long prompt's start left out.
std::string quoted_prompt(const std::string& prompt) {
    std::string text;
    for (char c : prompt) {
        if (c == '\n') text += "\xE2\x8F\x8E";  // ⏎
        else if (c == '\t' || c == '\r') text += ' ';
        else text += c;
    }
    if (text.size() <= kQuotedBytes) return text;
    std::size_t cut = text.size() - kQuotedBytes;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;  // a whole character
    return "\xE2\x80\xA6" + text.substr(cut);  // …
}
constexpr ImU32 kKeptColor = IM_COL32(90, 180, 245, 255);
constexpr ImU32 kDroppedColor = IM_COL32(110, 112, 120, 255);
}  // namespace

void NextTokenPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    if (v->next_logits.empty()) {
        PanelFallback(ctx, v->prompt_message.empty() ? "There is no prompt to continue yet: the scores come with the next snapshot."
                                                      : v->prompt_message.c_str());
        return;
    }
    TransformerPanelState& st = ctx.state.transformer;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    // ---- The prompt, and the temperature ----
    {
        const std::string quoted = quoted_prompt(v->prompt);
        const transformer::TextRun runs[] = {{"After ", kMutedTextColor}, {quoted, 0}, {" comes:", kMutedTextColor}};
        transformer::ColoredTextWrapped(runs, width);
    }
    char value[48];
    std::snprintf(value, sizeof value, st.temperature < 0.995f ? "temperature %.2f" : "temperature %.1f", double(st.temperature));
    // The value right of the slider, or above it when the column is too narrow for both.
    const bool beside = LabeledWidth(fs * 6.f, "temperature 0.55") <= ImGui::GetContentRegionAvail().x;
    if (!beside) ImGui::TextUnformatted(value);
    ImGui::SetNextItemWidth(beside ? FitItemWidth(fs * 12.f, "temperature 0.55", fs * 5.f) : ImGui::GetContentRegionAvail().x);
    if (ImGui::SliderFloat("##next-temperature", &st.temperature, kMinTemperature, kMaxTemperature, "",
                           ImGuiSliderFlags_Logarithmic))
        st.temperature = std::clamp(st.temperature, kMinTemperature, kMaxTemperature);
    // The generated text follows when the slider is let go (one command, not one per frame), and
    // only when there is a single text: with several, each keeps the temperature it shows.
    if (ImGui::IsItemDeactivatedAfterEdit() && st.temperatures.size() <= 1) {
        st.temperatures = {st.temperature};
        ctx.out.push_back(train::SetSampling{st.temperatures, st.top_k, st.top_p});
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The scores are divided by the temperature before the softmax.\n"
                          "Low: sharper, the likeliest token takes nearly all. High: flatter, closer to even odds.");
    if (beside) ValueBeside(value);

    std::vector<double> p;
    nn::softmax_temperature(v->next_logits, double(st.temperature), p);
    const int vocab = int(p.size());
    const double h = nn::entropy_bits(p);
    const double h_max = std::log2(double(std::max(vocab, 1)));

    // ---- The likeliest tokens ----
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    int shown = vocab <= kAllTokensUpTo ? vocab : std::min(kTopTokens, vocab);
    std::partial_sort(order.begin(), order.begin() + shown, order.end(), [&](int a, int b) { return p[std::size_t(a)] > p[std::size_t(b)] || (p[std::size_t(a)] == p[std::size_t(b)] && a < b); });
    // Only as many bars as can each carry their word: an unlabelled bar leaves the class guessing.
    // (The plot is the panel less its y axis, about 3.5 lines of text.)
    {
        const float plot_w = width - fs * 3.5f;
        float widest = 0.f;
        for (int k = 0; k < shown; ++k) {
            widest = std::max(widest, ImGui::CalcTextSize(v->data->tokens().label(order[std::size_t(k)]).c_str()).x);
            if (k >= 3 && plot_w / float(k + 1) < widest + fs * 0.6f) {
                shown = k;
                break;
            }
        }
    }
    std::vector<char> keep;
    const bool filtered = st.top_k > 0 || st.top_p < 1.f;
    if (filtered) nn::sampling_filter(p, st.top_k, st.top_p, keep);
    std::vector<float> values;
    std::vector<std::string> labels;
    std::vector<ImU32> colors;
    double rest = 1;
    for (int i = 0; i < shown; ++i) {
        const int t = order[std::size_t(i)];
        values.push_back(float(p[std::size_t(t)]));
        labels.push_back(v->data->tokens().label(t));
        colors.push_back(!filtered || keep[std::size_t(t)] ? kKeptColor : kDroppedColor);
        rest -= p[std::size_t(t)];
    }

    char text[200];
    // Each equation whole on its line (no-break spaces inside).
    std::snprintf(text, sizeof text, "H\xC2\xA0=\xC2\xA0%.2f\xC2\xA0" "bits of log\xE2\x82\x82(%d)\xC2\xA0=\xC2\xA0%.2f max", h,
                  vocab, h_max);
    TextWrappedAtSpaces(text, width);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Entropy: how unsure the model is, in bits. 0: one token is certain;\n"
                          "log2(vocabulary): every token equally likely.");
    std::string note = shown < vocab ? "The " + std::to_string(shown) + " likeliest of " + std::to_string(vocab) +
                                           " tokens; the other " + std::to_string(vocab - shown) + " together have " +
                                           train::format_percent(float(std::max(rest, 0.0))) + "."
                                     : "All " + std::to_string(vocab) + " tokens, likeliest first.";
    if (filtered) note += " Grey: left out by top-k / top-p when drawing.";
    transformer::MutedText(note, width);

    BarChartOptions o;
    o.x_label = "next token";
    o.y_label = "probability";
    o.y_min = 0;
    o.y_max = 1;
    o.colors = colors;
    o.size = ImVec2(width, std::max(ImGui::GetContentRegionAvail().y, fs * 10.f));
    BarChart("##next-token", values, labels, o);
}

}  // namespace ui
