// Lesson 8: every head of every layer on one example, updating as the model trains: where each
// token (a row) looks among the tokens before it (the columns). A copy task draws an offset
// diagonal, a reversal an anti-diagonal, an induction head the token after the previous
// occurrence of the current one.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
std::string score_text(float s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", double(s));
    return buf;
}
}  // namespace

void AttentionPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    TransformerPanelState& st = ctx.state.transformer;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const train::TransformerConfig& config = transformer::transformer_config(ctx.snap);

    // ---- The example ----
    ImGui::TextUnformatted("Example");
    SameLineIfFits(fs * 8.f);
    const float another_w = ButtonWidth("Another");
    transformer::ExampleField(ctx, *v, std::max(fs * 6.f, ImGui::GetContentRegionAvail().x - another_w - fs * 0.5f),
                              "Type a sequence in the task's tokens and press Enter");
    SameLineIfFits(another_w);
    if (ImGui::Button("Another")) {
        st.example_is_task = true;
        st.example_editing = false;
        ctx.out.push_back(train::FamilyCommand{train::SetExample{"", config.example_seed + 1}});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show another of the task's examples");
    if (!v->example_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces(v->example_message, width);
        ImGui::PopStyleColor();
    }
    if (!v->trace || v->trace->length == 0) {
        PanelFallback(ctx, "No example to trace: type one in the task's tokens.");
        return;
    }
    const nn::AttentionTrace& tr = *v->trace;
    const int n = tr.length;
    const std::vector<std::string> labels = transformer::token_labels(*v, tr.tokens);

    // Which score each head's title carries: the task's where it has one; otherwise, after the
    // first layer, the induction score, and in the first layer the previous-token score (the
    // first half of an induction circuit).
    const bool task = !v->task_score.empty();
    const bool deep = tr.layers > 1;
    std::string legend = "Rows: each token; columns: the tokens it may look at. Brighter = more weight (0 to 1).";
    if (task) legend += " Beside each head: its " + v->task_score_name + ".";
    else if (deep) legend += " Beside each head: its induction score (layer 1: its weight on the previous token).";
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(legend, width);
    ImGui::PopStyleColor();

    // ---- The grid: layers down, heads across ----
    // The heads of a layer wrap onto as many rows as make the squares largest: on a wide, short
    // panel one row per layer, on a tall one two or more, so that a projector shows big cells.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float title_h = ImGui::GetTextLineHeightWithSpacing();
    const float col_labels_h = fs * 1.1f;
    AttentionMatrixOptions first;
    first.row_labels = labels;
    first.col_labels = labels;
    first.masked = true;
    first.v_min = 0;
    first.v_max = 1;
    AttentionMatrixOptions inner = first;
    inner.draw_row_labels = false;
    float label_w = 0;
    for (const std::string& l : labels) label_w = std::max(label_w, TextWidth(l.c_str()));
    label_w += std::round(fs * 0.35f);
    const float gap = std::round(fs * 0.6f);
    // The widest title ("L2 H4 0.51") a square must hold above it.
    const float title_w = TextWidth((transformer::head_name(tr.layers - 1, tr.heads - 1) + " 0.00").c_str());
    int per_row = tr.heads;
    float side = 0;
    for (int c = 1; c <= tr.heads; ++c) {
        const int grid_rows = tr.layers * ((tr.heads + c - 1) / c);
        const float w = (avail.x - label_w - gap * float(c - 1)) / float(c);
        const float row_gap = gap * 0.5f + 2.f * ImGui::GetStyle().ItemSpacing.y;
        const float h = (avail.y - (title_h + col_labels_h + ImGui::GetStyle().ItemSpacing.y) * float(grid_rows) -
                         row_gap * float(grid_rows - 1)) / float(grid_rows);
        const float s_c = std::min(w, h);
        // More squares to a row only if each is still wide enough for its title.
        if (c == 1 || (s_c > side && w >= title_w)) {
            side = s_c;
            per_row = c;
        }
    }
    side = std::max(fs * 2.f, side);
    for (int l = 0; l < tr.layers; ++l) {
        for (int h = 0; h < tr.heads; ++h) {
            const bool starts_row = h % per_row == 0;
            if (!starts_row) ImGui::SameLine(0, gap);
            else if (l > 0 || h > 0) ImGui::Dummy(ImVec2(1, gap * 0.5f));
            ImGui::BeginGroup();
            const int i = l * tr.heads + h;
            // The title, indented over the first column's labels so it sits above its own matrix.
            if (starts_row) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + label_w);
            ImGui::TextUnformatted(transformer::head_name(l, h).c_str());
            float score = -1;
            if (task && i < int(v->task_score.size())) score = v->task_score[std::size_t(i)];
            else if (deep && l > 0 && i < int(v->induction_score.size())) score = v->induction_score[std::size_t(i)];
            else if (deep && i < int(v->previous_score.size())) score = v->previous_score[std::size_t(i)];
            if (score >= 0) {
                const std::string t = score_text(score);
                // Beside the title when the square is wide enough, else in the tooltip only.
                if (TextWidth(transformer::head_name(l, h).c_str()) + ImGui::GetStyle().ItemSpacing.x + TextWidth(t.c_str()) <= side) {
                    ImGui::SameLine();
                    ImGui::PushStyleColor(ImGuiCol_Text, score >= 0.5f ? kGoodColor : kMutedTextColor);
                    ImGui::TextUnformatted(t.c_str());
                    ImGui::PopStyleColor();
                } else if (ImGui::IsItemHovered()) {
                    ImGui::SetTooltip("score %s", t.c_str());
                }
            }
            AttentionMatrixOptions o = starts_row ? first : inner;
            o.size = attention_matrix_size(n, n, o, ImVec2((starts_row ? label_w : 0.f) + side, side + col_labels_h));
            ImGui::PushID(i);
            const nn::Matrix& w = tr.weights[std::size_t(i)];
            AttentionMatrix("##head", std::span<const float>(w.data(), std::size_t(w.size())), n, n, o);
            ImGui::PopID();
            ImGui::EndGroup();
        }
    }
}

}  // namespace ui
