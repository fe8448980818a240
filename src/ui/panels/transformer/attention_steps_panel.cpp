// Lesson 7: one head's attention computed in front of the class, stage by stage, on a sentence the
// student can retype: the query, key and value rows, the scores Q·Kᵀ, the scaling by √d, the causal
// mask, softmax row by row, and the weighted sum of the values. Every number is the model's own.
#include <algorithm>
#include <cmath>
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
enum Stage { kVectors, kScores, kScaled, kMasked, kSoftmax, kOutput, kStages };

const char* const kStageButtons[kStages] = {"1 Q, K, V", "2 Q\xC2\xB7K\xE1\xB5\x80", "3 \xC3\xB7\xE2\x88\x9A" "d",
                                            "4 mask", "5 softmax", "6 \xC3\x97 V"};

void Muted(const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(text, width);
    ImGui::PopStyleColor();
}

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    // A tiny negative number rounds to "-0.0"; a class reads that as a different number from 0.
    if (s.find_first_not_of("-0.") == std::string::npos && s.front() == '-') s.erase(0, 1);
    return s;
}

std::vector<float> flat(const nn::Matrix& m) { return std::vector<float>(m.data(), m.data() + m.size()); }

// The matrix a stage shows for a head: [T, T] (scores to weights).
std::vector<float> stage_matrix(const nn::AttentionTrace& tr, int index, int stage) {
    const nn::Matrix& raw = tr.scores[std::size_t(index)];
    if (stage == kScores) return flat(raw);
    if (stage == kScaled || stage == kMasked) {
        const nn::Matrix scaled = raw / std::sqrt(float(tr.head_dim));
        return flat(scaled);
    }
    return flat(tr.weights[std::size_t(index)]);
}

// One matrix with a title above it, in a child region of the given size.
int TitledMatrix(const char* id, const std::string& title, std::span<const float> values, int rows, int cols,
                 const AttentionMatrixOptions& o, ImVec2 size) {
    ImGui::BeginGroup();
    const float before = ImGui::GetCursorPosY();
    TextWrappedAtSpaces(title, size.x);
    const float title_h = ImGui::GetCursorPosY() - before;
    AttentionMatrixOptions sized = o;
    sized.size = attention_matrix_size(rows, cols, o, ImVec2(size.x, size.y - title_h));
    const int clicked = AttentionMatrix(id, values, rows, cols, sized);
    ImGui::EndGroup();
    return clicked;
}
}  // namespace

void AttentionStepsPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    TransformerPanelState& st = ctx.state.transformer;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    // ---- The sentence ----
    ImGui::TextUnformatted("Sentence");
    SameLineIfFits(fs * 8.f);
    transformer::ExampleField(ctx, *v, std::max(fs * 8.f, ImGui::GetContentRegionAvail().x),
                              "Type a sentence in the model's words and press Enter");
    if (!v->example_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces(v->example_message, width);
        ImGui::PopStyleColor();
    }
    if (!v->trace || v->trace->length == 0) {
        PanelFallback(ctx, "No sentence to trace: type one the model's vocabulary knows.");
        return;
    }
    const nn::AttentionTrace& tr = *v->trace;
    const int n = tr.length;
    const std::vector<std::string> labels = transformer::token_labels(*v, tr.tokens);

    // ---- Stage, head and query ----
    st.stage = std::clamp(st.stage, 0, kStages - 1);
    for (int s = 0; s < kStages; ++s) {
        if (s > 0) SameLineIfFits(ButtonWidth(kStageButtons[s]));
        const bool on = s == st.stage;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(kStageButtons[s])) st.stage = s;
        if (on) ImGui::PopStyleColor();
    }
    st.layer = std::clamp(st.layer, 0, tr.layers - 1);
    st.head = std::clamp(st.head, 0, tr.heads - 1);
    if (st.query < 0 || st.query >= n) st.query = n - 1;
    if (tr.layers * tr.heads > 1) {
        const std::string current = transformer::head_name(st.layer, st.head);
        ImGui::TextUnformatted("Head");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(TextWidth("L4 H8") + fs * 2.2f);
        if (ImGui::BeginCombo("##head", current.c_str())) {
            for (int l = 0; l < tr.layers; ++l)
                for (int h = 0; h < tr.heads; ++h)
                    if (ImGui::Selectable(transformer::head_name(l, h).c_str(), l == st.layer && h == st.head)) {
                        st.layer = l;
                        st.head = h;
                    }
            ImGui::EndCombo();
        }
        SameLineIfFits(TextWidth("Query") + fs * 8.f);
    }
    ImGui::TextUnformatted("Query");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x, fs * 5.f, fs * 9.f));
    if (ImGui::BeginCombo("##query", labels[std::size_t(st.query)].c_str())) {
        for (int i = 0; i < n; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(labels[std::size_t(i)].c_str(), i == st.query)) st.query = i;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    const int index = st.layer * tr.heads + st.head;
    const int dh = tr.head_dim;
    const std::string query_name = "\xE2\x80\x9C" + labels[std::size_t(st.query)] + "\xE2\x80\x9D";

    // ---- What this stage computes ----
    std::string caption;
    switch (st.stage) {
        case kVectors:
            caption = "Each token's vector is multiplied by three learned matrices: its query q (what it looks for), "
                      "its key k (what it offers) and its value v (what it passes on). " + std::to_string(dh) +
                      " numbers each in this head.";
            break;
        case kScores: caption = "score(query, key) = q \xC2\xB7 k: large when what the query looks for matches what the key offers."; break;
        case kScaled:
            caption = "Every score divided by \xE2\x88\x9A" + std::to_string(dh) + " = " + fixed(std::sqrt(double(dh)), 2) +
                      ", so that longer vectors do not make softmax too sharp.";
            break;
        case kMasked:
            caption = "The causal mask: a decoder predicts the next token, so no token may look at a later one. "
                      "Every score right of the diagonal becomes \xE2\x88\x92\xE2\x88\x9E.";
            break;
        case kSoftmax: caption = "Softmax, row by row: each query's weights are positive and add up to 1. Masked keys get 0."; break;
        case kOutput:
            caption = "The output for " + query_name + " is the sum of the value rows, each times its weight.";
            break;
    }
    Muted(caption, width);

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Side by side on a wide panel with room for both; a panel scrolled down to its last lines has
    // little height left, which alone must not put a chart beside tables that need the width.
    const bool side_by_side = avail.x > avail.y * 1.25f && avail.x >= fs * 30.f;
    const float side = side_by_side ? std::clamp(avail.x * 0.34f, fs * 10.f, fs * 18.f) : 0.f;
    const ImVec2 main_size(avail.x - (side_by_side ? side + fs : 0.f),
                           side_by_side ? avail.y : std::max(avail.y * 0.62f, ImGui::GetFontSize() * 12.f));

    AttentionMatrixOptions o;
    o.row_labels = labels;
    o.highlight_row = st.query;
    o.show_values = true;
    int clicked = -1;
    // Stacked on a narrow panel, the tables get a child of their own that scrolls sideways if the
    // token labels and the numbers need more than the panel's width.
    const ImVec2 stacked_size(avail.x, std::max(main_size.y, fs * 12.f));
    if (!side_by_side) ImGui::BeginChild("tables", stacked_size, false, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::BeginGroup();
    if (st.stage == kVectors || st.stage == kOutput) {
        // Three tables of T x head_dim, side by side, or (the weighted sum) the values with weights.
        std::vector<std::string> dims;
        for (int d = 0; d < dh; ++d) dims.push_back(std::to_string(d + 1));
        o.col_labels = dims;
        o.colormap = Colormap::Diverging;
        o.format = [](double x) { return fixed(x, 1); };
        if (st.stage == kVectors) {
            // The tokens once, left of the first table; the three tables equally wide after them.
            float label_w = 0;
            for (const std::string& l : labels) label_w = std::max(label_w, TextWidth(l.c_str()));
            label_w += std::round(fs * 0.35f) + 1.f;
            const float spacing = fs;
            const float each = std::floor((main_size.x - label_w - spacing * 2.f) / 3.f) - 1.f;
            const char* long_titles[] = {"Q  queries", "K  keys", "V  values"};
            const char* short_titles[] = {"Q", "K", "V"};
            const nn::Matrix* m[] = {&tr.query[std::size_t(index)], &tr.key[std::size_t(index)], &tr.value[std::size_t(index)]};
            for (int k = 0; k < 3; ++k) {
                if (k > 0) ImGui::SameLine(0, spacing);
                AttentionMatrixOptions ok = o;
                if (k > 0) ok.draw_row_labels = false;
                const bool long_fits = TextWidth(long_titles[0]) <= each && TextWidth(long_titles[2]) <= each;
                ImGui::PushID(k);
                const int c = TitledMatrix("##qkv", long_fits ? long_titles[k] : short_titles[k], flat(*m[k]), n, dh, ok,
                                           ImVec2(k == 0 ? each + label_w : each, main_size.y));
                ImGui::PopID();
                if (c >= 0) clicked = c;
            }
        } else {
            const nn::Matrix& w = tr.weights[std::size_t(index)];
            nn::Matrix weighted = tr.value[std::size_t(index)];
            for (int j = 0; j < n; ++j) weighted.row(j) *= w(st.query, j);
            std::vector<std::string> rows;
            for (int j = 0; j < n; ++j) rows.push_back(fixed(w(st.query, j), 2) + " \xC3\x97 " + labels[std::size_t(j)]);
            o.row_labels = rows;
            o.highlight_row = -1;
            const float out_h = fs * 3.2f;
            TitledMatrix("##weighted", "Value rows, each times " + query_name + "'s weight", flat(weighted), n,
                                       dh, o, ImVec2(main_size.x, main_size.y - out_h));
            const nn::Matrix& out = tr.head_output[std::size_t(index)];
            std::vector<float> row(out.row(st.query).data(), out.row(st.query).data() + dh);
            AttentionMatrixOptions oo = o;
            oo.row_labels = {"= output"};
            oo.col_labels.clear();
            // The sum's cells no larger than the rows above, so the two read as one table.
            oo.size = attention_matrix_size(n, dh, o, ImVec2(main_size.x, main_size.y - out_h - ImGui::GetTextLineHeightWithSpacing()));
            oo.size.y = std::min(oo.size.x / float(dh), fs * 2.2f);
            AttentionMatrix("##output", row, 1, dh, oo);
        }
    } else {
        const std::vector<float> values = stage_matrix(tr, index, st.stage);
        o.col_labels = labels;
        o.masked = st.stage >= kMasked;
        if (st.stage >= kSoftmax) {
            o.v_min = 0;
            o.v_max = 1;
        } else {
            o.colormap = Colormap::Diverging;
            o.format = [](double x) { return fixed(x, 1); };
        }
        clicked = TitledMatrix("##stage", "queries \xE2\x86\x93   keys \xE2\x86\x92", values, n, n, o, main_size);
    }
    ImGui::EndGroup();
    if (!side_by_side) ImGui::EndChild();
    if (clicked >= 0) st.query = clicked;

    // ---- The chosen query's row ----
    if (side_by_side)
        ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    const float side_w = side_by_side ? side : avail.x;
    const float side_h = side_by_side ? avail.y : ImGui::GetContentRegionAvail().y;
    std::vector<float> row;
    std::vector<std::string> keys;
    std::string what;
    if (st.stage == kVectors) {
        const nn::Matrix& q = tr.query[std::size_t(index)];
        const nn::Matrix& k = tr.key[std::size_t(index)];
        for (int j = 0; j <= st.query; ++j) {
            row.push_back(q.row(st.query).dot(k.row(j)));
            keys.push_back(labels[std::size_t(j)]);
        }
        what = query_name + "'s q against each key it may see (q\xC2\xB7k)";
    } else {
        const std::vector<float> values = stage_matrix(tr, index, st.stage == kOutput ? kSoftmax : st.stage);
        const int last = st.stage >= kMasked ? st.query : n - 1;
        for (int j = 0; j <= last; ++j) {
            row.push_back(values[std::size_t(st.query * n + j)]);
            keys.push_back(labels[std::size_t(j)]);
        }
        what = st.stage >= kSoftmax ? "What " + query_name + " looks at: its weights"
                                    : query_name + "'s scores" + (st.stage == kMasked ? ", later tokens removed" : "");
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side_w);
    ImGui::TextWrapped("%s", what.c_str());
    ImGui::PopTextWrapPos();
    BarChartOptions b;
    b.y_label = st.stage >= kSoftmax ? "weight" : "score";
    if (st.stage >= kSoftmax) {
        b.y_min = 0;
        b.y_max = 1;
    }
    b.colors = {IM_COL32(120, 170, 235, 255)};
    // Stacked, the chart takes the width left on its own line (the cursor may sit indented there).
    b.size = ImVec2(side_by_side ? side_w : ImGui::GetContentRegionAvail().x, std::max(fs * 6.f, side_h - ImGui::GetTextLineHeightWithSpacing() * 2.f));
    BarChart("##query_row", row, keys, b);
    ImGui::EndGroup();
}

}  // namespace ui
