// The first hidden layer's weights, one 28x28 picture per neuron: each of its 784 weights drawn
// where its pixel is, orange for positive, blue for negative, on one colour scale for all neurons.
// The pictures are made again only when the published weights change, at most a few times a
// second while training: a texture per neuron is uploaded then, and drawn as one quad each frame.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/gl/image_cache.h"
#include "ui/panels/digits/digits_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr int kMostShown = 64;          // more neurons than this would be too small to read
constexpr double kRefreshSeconds = 0.25;  // while training, new pictures at most four times a second

void make_pictures(DigitsPanelState& st, const std::shared_ptr<const nn::Mlp>& model, int shown) {
    const nn::Matrix& w = model->W[0];  // [neurons, 784]
    // One scale for all: the 98th percentile of the sizes of the weights shown, so that a few large
    // weights do not wash out everyone's pattern (the larger ones take the full colour).
    std::vector<float> sizes;
    sizes.reserve(std::size_t(shown) * data::kMnistPixels);
    for (int j = 0; j < shown; ++j)
        for (int i = 0; i < data::kMnistPixels; ++i)
            if (std::isfinite(w(j, i))) sizes.push_back(std::fabs(w(j, i)));
    float scale = 0;
    if (!sizes.empty()) {
        const auto at = sizes.begin() + std::ptrdiff_t(double(sizes.size() - 1) * 0.98);
        std::nth_element(sizes.begin(), at, sizes.end());
        scale = *at;
    }
    if (!(scale > 0)) scale = 1;
    st.weight_rgba.resize(std::size_t(shown));
    for (int j = 0; j < shown; ++j) {
        std::vector<ImU32>& rgba = st.weight_rgba[std::size_t(j)];
        rgba.resize(data::kMnistPixels);
        for (int i = 0; i < data::kMnistPixels; ++i)
            rgba[std::size_t(i)] = colormap_color(Colormap::Diverging, 0.5f + 0.5f * std::clamp(w(j, i) / scale, -1.f, 1.f));
    }
    st.pictured_model = model;
    st.weights_shown = shown;
    st.weights_scale = scale;
    ++st.weights_version;
    st.weights_made_at = ImGui::GetTime();
}

// "weight −0.42 [blue ... 0 ... orange] +0.42": the colour scale, on one line (the word "weight"
// left out when the line is short).
void colour_scale_line(float scale, float fs) {
    const std::string number = train::format_number(scale, 2);
    std::string lo = "−", hi = "+";
    lo += number;
    hi += number;
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    const float numbers_w = TextWidth(lo.c_str()) + TextWidth(hi.c_str()) + sp * 2.f;
    const bool named = LineWidth() - numbers_w - TextWidth("weight") - sp >= fs * 4.f;
    if (named) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("weight");
        ImGui::SameLine();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(lo.c_str());
    const float bar_w = std::clamp(LineWidth() - numbers_w - (named ? TextWidth("weight") + sp : 0.f), fs * 2.5f, fs * 9.f);
    SameLineIfFits(bar_w);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetFrameHeight();
    ImGui::Dummy(ImVec2(bar_w, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    constexpr int kSteps = 8;
    for (int k = 0; k < kSteps; ++k) {
        const float x0 = std::round(p0.x + bar_w * float(k) / kSteps), x1 = std::round(p0.x + bar_w * float(k + 1) / kSteps);
        const ImU32 a = colormap_color(Colormap::Diverging, float(k) / kSteps);
        const ImU32 b = colormap_color(Colormap::Diverging, float(k + 1) / kSteps);
        dl->AddRectFilledMultiColor(ImVec2(x0, p0.y), ImVec2(x1, p0.y + h), a, b, b, a);
    }
    dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p0.x + bar_w + 1, p0.y + h + 1), IM_COL32(200, 200, 210, 255));
    const ImVec2 zs = ImGui::CalcTextSize("0");
    dl->AddText(ImVec2(std::round(p0.x + (bar_w - zs.x) * 0.5f), std::round(p0.y + (h - zs.y) * 0.5f)), IM_COL32(20, 20, 25, 255), "0");
    SameLineIfFits(TextWidth(hi.c_str()));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(hi.c_str());
}
}  // namespace

void DigitWeightsPanel(PanelContext& ctx) {
    const train::DigitsView* v = digits::digits_view(ctx);
    if (!v || !v->model || v->model->W.empty() || v->model->W[0].cols() != data::kMnistPixels || v->model->W[0].rows() == 0) {
        PanelFallback(ctx, "No network yet: its first layer's weights appear here once the digits are loaded.");
        return;
    }
    DigitsPanelState& st = ctx.state.digits;
    const float fs = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeight();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const int neurons = int(v->model->W[0].rows());
    const ImVec2 avail = ImGui::GetContentRegionAvail();

    // ---- What the pictures mean: the long words when there is room, else the short ----
    const std::string long_words =
        "Each square is one neuron of the first hidden layer: its 784 weights, each drawn where its pixel is. Ink on "
        "orange makes the neuron fire more, ink on blue less: it looks for digits whose strokes cover its orange and "
        "miss its blue.";
    const std::string short_words = "One square per neuron: its 784 weights where their pixels are. Ink on orange excites it, ink on blue inhibits it.";
    const std::string shortest_words = "One square per neuron. Ink on orange excites it, on blue inhibits it.";
    const std::string& words = WrappedTextHeight(long_words, avail.x) <= avail.y * 0.3f    ? long_words
                               : WrappedTextHeight(short_words, avail.x) <= avail.y * 0.25f ? short_words
                                                                                            : shortest_words;
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(words, avail.x);
    ImGui::PopStyleColor();

    // ---- The grid's shape: as many neurons as fit at a readable size ----
    const float gap = std::round(fs * 0.5f);
    const float caption_h = line + fs * 0.15f;
    const float least = std::max({fs * 2.f, 48.f, ImGui::CalcTextSize("64").x + fs * 0.4f});
    // The colour scale's line and the "first k of n" words under the grid.
    const auto count_text = [&](int shown) {
        return (shown < neurons ? "First " + std::to_string(shown) + " of " + std::to_string(neurons) + " neurons"
                                : "All " + std::to_string(neurons) + " neurons") +
               ". One colour scale for all.";
    };
    const float below = ImGui::GetFrameHeightWithSpacing() + WrappedTextHeight(count_text(0), avail.x) + spacing * 2.f;
    const float grid_h = ImGui::GetContentRegionAvail().y - below;
    const digits::GridFit grid =
        digits::fit_pictures(std::min(neurons, kMostShown), avail.x, grid_h, least, std::max(least, fs * 7.f), gap, caption_h);
    const int shown = grid.count;

    // ---- Pictures: new weights, at most every kRefreshSeconds while training ----
    const bool changed = v->model != st.pictured_model || shown != st.weights_shown;
    const bool due = ctx.snap.state != train::RunState::Running || ImGui::GetTime() - st.weights_made_at >= kRefreshSeconds ||
                     shown != st.weights_shown || !st.pictured_model;
    if (changed && due) make_pictures(st, v->model, shown);

    std::vector<std::string> captions;
    for (int j = 0; j < shown; ++j) captions.push_back(std::to_string(j + 1));
    ImageGridOptions go;
    go.columns = grid.columns;
    go.width = grid.width();
    go.draw_image = [&](ImDrawList* dl, ImVec2 p0, ImVec2 p1, int j) {
        const std::uint64_t key = 0x5745494748540000ull + std::uint64_t(j);  // "WEIGHT" + neuron
        if (ImTextureID t = ctx.images.image(key, st.weights_version, data::kMnistSide, data::kMnistSide, st.weight_rgba[std::size_t(j)]))
            dl->AddImage(t, p0, p1);
    };
    const std::span<const float> pixels(v->model->W[0].data(), std::size_t(v->model->W[0].size()));
    ImageGrid("##weights", pixels, shown, data::kMnistSide, data::kMnistSide, captions, {}, go);

    colour_scale_line(st.weights_scale, fs);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The same colours for every neuron. Weights larger than this (the largest 2%%) get the full colour.");
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(count_text(shown), avail.x);
    ImGui::PopStyleColor();
}

}  // namespace ui
