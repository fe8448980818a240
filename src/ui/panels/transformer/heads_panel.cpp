// Lesson 7's multi-head step: several heads attend at once, each in a narrow slice of the model's
// width; their outputs are laid side by side, and one matrix W_O mixes them back into the model's
// width. Shown on the traced example, for one layer.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "train/transformer/transformer_commands.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
std::vector<float> flat(const nn::Matrix& m) {
    std::vector<float> out(std::size_t(m.rows()) * std::size_t(m.cols()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) out[std::size_t(r * m.cols() + c)] = m(r, c);
    return out;
}

float largest_magnitude(const std::vector<float>& v) {
    float m = 0;
    for (float x : v)
        if (std::isfinite(x)) m = std::max(m, std::abs(x));
    return std::max(m, 1e-6f);
}

// Layer buttons, when there is more than one layer to choose from.
void LayerChooser(PanelContext& ctx, int layers, int& layer) {
    if (layers <= 1) return;
    TransformerPanelState& st = ctx.state.transformer;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("layer");
    for (int l = 0; l < layers; ++l) {
        const std::string label = std::to_string(l + 1);
        SameLineIfFits(ButtonWidth(label.c_str()) + ImGui::GetFrameHeight());
        if (ImGui::RadioButton(label.c_str(), layer == l) && layer != l) {
            layer = l;
            st.layer = l;
            ctx.out.push_back(train::ChooseHead{st.layer, st.head, st.query});
        }
    }
}

// Under a [T, d_model] heatmap: each head's name centred under its columns; the shortest name that
// fits ("L1 H2", "H2", "2"), so that none runs into the next.
void HeadNamesUnder(float grid_x0, float grid_x1, int layer, int heads) {
    const float seg = (grid_x1 - grid_x0) / float(std::max(heads, 1));
    const float pad = ImGui::GetFontSize() * 0.3f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int h = 0; h < heads; ++h) {
        std::string name = transformer::head_name(layer, h);
        if (ImGui::CalcTextSize(name.c_str()).x + pad > seg) name = std::string("H").append(std::to_string(h + 1));
        if (ImGui::CalcTextSize(name.c_str()).x + pad > seg) name = std::to_string(h + 1);
        const float w = ImGui::CalcTextSize(name.c_str()).x;
        if (w + pad > seg && h % 2 == 1) continue;  // too narrow even for numbers: every other head
        dl->AddText(ImVec2(std::round(grid_x0 + seg * (float(h) + 0.5f) - w * 0.5f), at.y), kMutedTextColor, name.c_str());
    }
    ImGui::Dummy(ImVec2(1.f, ImGui::GetTextLineHeight()));
}
}  // namespace

void HeadsPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    const nn::AttentionTrace* tr = v->trace.get();
    if (!tr || tr->length == 0 || tr->weights.empty()) {
        PanelFallback(ctx, v->example_message.empty() ? "There is no traced example yet: it comes with the next snapshot from the trainer."
                                                       : v->example_message.c_str());
        return;
    }
    TransformerPanelState& st = ctx.state.transformer;
    int layer = std::clamp(st.layer, 0, tr->layers - 1);
    const int heads = tr->heads, T = tr->length, d = tr->d_model;
    const float fs = ImGui::GetFontSize();
    // The width as if the panel scrolled: the heads' size follows the width, the panel's height
    // follows the heads, and a scrollbar that came and went with it would change the width every frame.
    const float width = ImGui::GetContentRegionAvail().x - (ImGui::GetScrollMaxY() > 0 ? 0.f : ImGui::GetStyle().ScrollbarSize);
    const float line = ImGui::GetTextLineHeightWithSpacing();

    LayerChooser(ctx, tr->layers, layer);
    const std::vector<std::string> labels = transformer::token_labels(*v, tr->tokens);

    // Heights: the heads as large as a share of the panel allows (square cells, so their labels
    // stay readable), the two wide matrices the rest. Captions take a line each, or two when narrow.
    const float caption_h = 2.f * line;
    const float left = std::max(ImGui::GetContentRegionAvail().y - 3.f * caption_h - 2.f * line, fs * 30.f);
    float widest = 0;
    for (const std::string& l : labels) widest = std::max(widest, TextWidth(l.c_str()));
    const float label_w = widest + std::round(fs * 0.35f);  // the queries' column, left of a row of heads
    // The keys' labels stand centred over their columns: the last of one matrix and the first of
    // the next each reach half a label into the gap between them. Each matrix's widget reaches
    // half a label past its last column, where that label is drawn (the widget clips at its own
    // edge), and the gap after it is that much narrower.
    const float gap = std::round(std::max(fs * 0.6f, widest + fs * 0.4f));
    const float overhang = std::round(widest * 0.5f);
    const float top_labels = fs * 1.1f;
    const auto side_for = [&](int per_row) {
        return (width - label_w - overhang - gap * float(per_row - 1)) / float(per_row);
    };
    // As many heads to a row as leave each at least a few lines of text wide, the rows alike
    // (2 + 2, not 3 + 1).
    int per_row = heads;
    while (per_row > 1 && side_for(per_row) < fs * 5.f) --per_row;
    const int head_rows = (heads + per_row - 1) / per_row;
    per_row = (heads + head_rows - 1) / head_rows;
    const float heads_h = left * (head_rows > 1 ? 0.56f : 0.46f);
    const float side_w = side_for(per_row);
    const float side_h = heads_h / float(head_rows) - line - top_labels;
    const float side = std::max(fs * 3.f, std::min(side_w, side_h));

    // ---- Each head ----
    char text[200];
    std::snprintf(text, sizeof text,
                  "Each head: softmax(QK\xE1\xB5\x80/\xE2\x88\x9A%d) V with its own weights. Queries down, keys across; brighter = "
                  "more weight (0 to 1).",
                  tr->head_dim);
    transformer::MutedText(text, width);
    AttentionMatrixOptions first;
    first.row_labels = labels;
    first.col_labels = labels;
    first.masked = true;
    first.v_min = 0;
    first.v_max = 1;
    AttentionMatrixOptions inner = first;
    inner.draw_row_labels = false;
    for (int h = 0; h < heads; ++h) {
        const bool starts_row = h % per_row == 0;
        if (!starts_row) ImGui::SameLine(0, std::max(1.f, gap - overhang));
        ImGui::BeginGroup();
        // The title over its own matrix, not over the row labels.
        if (starts_row) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_w);
        ImGui::TextUnformatted(transformer::head_name(layer, h).c_str());
        const nn::Matrix& w = tr->head_weights(layer, h);
        const std::vector<float> values = flat(w);
        AttentionMatrixOptions o = starts_row ? first : inner;
        o.size = attention_matrix_size(int(w.rows()), int(w.cols()), o,
                                       ImVec2((starts_row ? label_w : 0.f) + side, side + top_labels));
        o.size.x += overhang;
        ImGui::PushID(h);
        AttentionMatrix("##head", values, int(w.rows()), int(w.cols()), o);
        ImGui::PopID();
        ImGui::EndGroup();
    }
    const float wide_h = std::max((ImGui::GetContentRegionAvail().y - 2.f * caption_h - line) * 0.5f, fs * 7.f);

    // ---- Side by side ----
    const nn::Matrix& cat = tr->concatenated[std::size_t(layer)];
    std::snprintf(text, sizeof text, "Side by side: [%d \xC3\x97 %d], %d numbers from each head.", T, d, tr->head_dim);
    transformer::MutedText(text, width);
    {
        const std::vector<float> values = flat(cat);
        const float m = largest_magnitude(values);
        HeatmapOptions o;
        o.row_labels = labels;
        o.colorbar_label = "value";
        o.colormap = Colormap::Diverging;
        o.v_min = -m;
        o.v_max = m;
        o.size = ImVec2(width, wide_h);
        float x0 = 0, x1 = 0;
        o.overlay = [&](ImDrawList* dl, ImVec2 a, ImVec2 b) {
            x0 = a.x;
            x1 = b.x;
            const float seg = (b.x - a.x) / float(heads);
            for (int h = 1; h < heads; ++h) {
                const float x = std::round(a.x + seg * float(h));
                dl->AddLine(ImVec2(x, a.y - fs * 0.2f), ImVec2(x, b.y + fs * 0.2f), IM_COL32(15, 15, 20, 255), 5.f);
                dl->AddLine(ImVec2(x, a.y - fs * 0.2f), ImVec2(x, b.y + fs * 0.2f), IM_COL32(255, 255, 255, 235), 2.f);
            }
        };
        Heatmap("##concatenated", values, int(cat.rows()), int(cat.cols()), o);
        if (x1 > x0) HeadNamesUnder(x0, x1, layer, heads);
    }

    // ---- Mixed back ----
    const nn::Matrix& out = tr->attention_output[std::size_t(layer)];
    std::snprintf(text, sizeof text, "\xC3\x97 W_O: back to the model's width, every head's numbers mixed, [%d \xC3\x97 %d].", T, d);
    transformer::MutedText(text, width);
    {
        const std::vector<float> values = flat(out);
        const float m = largest_magnitude(values);
        HeatmapOptions o;
        o.row_labels = labels;
        o.colorbar_label = "value";
        o.colormap = Colormap::Diverging;
        o.v_min = -m;
        o.v_max = m;
        o.size = ImVec2(width, std::max(ImGui::GetContentRegionAvail().y, wide_h));
        Heatmap("##attention-output", values, int(out.rows()), int(out.cols()), o);
    }
}

}  // namespace ui
