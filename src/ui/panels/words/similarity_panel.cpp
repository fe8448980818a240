// How alike two words are: the cosine of the angle between their vectors (1: the same direction,
// 0: unrelated, -1: opposite). A query box answers "which words are nearest to this one" and, for
// sums like king - man + woman, "where does the arithmetic land".
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/panels/words/words_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
void Muted(const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(text, width);
    ImGui::PopStyleColor();
}

// One answer per line: the cosine, a bar as long as it, and the word in its group's colour.
void NeighbourRows(const std::vector<train::Neighbour>& near, const data::Vocabulary& vocab, float width) {
    const float fs = ImGui::GetFontSize();
    const float number_w = TextWidth("-0.00") + fs * 0.4f;
    const float bar_w = std::clamp(width * 0.3f, fs * 3.f, fs * 9.f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const train::Neighbour& n : near) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float line = ImGui::GetTextLineHeight();
        ImGui::TextUnformatted(words::format_cosine(n.cosine).c_str());
        const float x0 = p.x + number_w;
        dl->AddRectFilled(ImVec2(x0, p.y + line * 0.2f), ImVec2(x0 + bar_w, p.y + line * 0.8f), IM_COL32(255, 255, 255, 25));
        const float len = bar_w * std::clamp(n.cosine, 0.f, 1.f);
        dl->AddRectFilled(ImVec2(x0, p.y + line * 0.2f), ImVec2(x0 + len, p.y + line * 0.8f), IM_COL32(120, 170, 235, 255));
        ImGui::SameLine(number_w + bar_w + fs * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Text, group_color(vocab.group[std::size_t(n.word)]));
        ImGui::TextUnformatted(vocab.words[std::size_t(n.word)].c_str());
        ImGui::PopStyleColor();
    }
}
}  // namespace

void SimilarityPanel(PanelContext& ctx) {
    const train::WordsView* v = words::words_view(ctx);
    if (!v) return;
    WordsPanelState& st = ctx.state.words;
    const data::Vocabulary& vocab = v->corpus->vocab;
    const nn::EmbeddingTable& unit = words::unit_table(st, *v);
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeightWithSpacing();

    // ---- The query ----
    ImGui::TextUnformatted("Query");
    SameLineIfFits(fs * 8.f);
    InputStringLine("##query", st.query, std::max(fs * 8.f, ImGui::GetContentRegionAvail().x));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A word (its nearest words), or words joined by + and -, e.g. king - man + woman");
    const train::QueryAnswer answer = train::answer_query(st.query, vocab, unit, 8);
    // Room for the answers: about a third of the panel, never fewer than five lines (lesson 6
    // speaks of a word's five nearest words).
    const int rows = std::clamp(int(ImGui::GetContentRegionAvail().y * 0.36f / line), 5, 8);
    if (!answer.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces(answer.error, width);
        ImGui::PopStyleColor();
    } else if (answer.neighbours.empty()) {
        Muted("Type a word to see its nearest words, or try king - man + woman.", width);
    } else {
        const bool sum = train::parse_query(st.query, vocab).words.size() > 1;
        Muted(sum ? "Nearest to the sum (typed words left out), by cosine:" : "Nearest words, by cosine:", width);
        std::vector<train::Neighbour> shown(answer.neighbours.begin(),
                                            answer.neighbours.begin() + std::min<std::ptrdiff_t>(rows, std::ptrdiff_t(answer.neighbours.size())));
        NeighbourRows(shown, vocab, width);
    }

    // ---- Chosen words, each against each ----
    ImGui::Separator();
    ImGui::TextUnformatted("Words");
    SameLineIfFits(fs * 8.f);
    InputStringLine("##compare", st.compare, std::max(fs * 8.f, ImGui::GetContentRegionAvail().x));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Words to compare, separated by spaces (at most 12)");
    words::ComparedWords chosen = words::compared_words(st.compare, vocab);
    if (chosen.ids.size() > 12) chosen.ids.resize(12);
    if (!chosen.unknown.empty()) {
        std::string unknown;
        for (const std::string& w : chosen.unknown) unknown += (unknown.empty() ? "" : ", ") + w;
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces("Not in the vocabulary: " + unknown, width);
        ImGui::PopStyleColor();
    }
    const int n = int(chosen.ids.size());
    if (n < 2) {
        Muted("Type two or more words to compare them.", width);
        return;
    }
    std::vector<float> cos(std::size_t(n * n));
    HeatmapOptions o;
    for (int a = 0; a < n; ++a) {
        o.row_labels.push_back(vocab.words[std::size_t(chosen.ids[std::size_t(a)])]);
        for (int b = 0; b < n; ++b)
            cos[std::size_t(a * n + b)] = unit.row(chosen.ids[std::size_t(a)]).dot(unit.row(chosen.ids[std::size_t(b)]));
    }
    o.col_labels = o.row_labels;
    o.colorbar_label = "cosine similarity";
    o.colormap = Colormap::Diverging;
    o.v_min = -1;
    o.v_max = 1;
    o.show_values = true;
    // ".94" as correlation tables write it: two digits fit a cell a third narrower than "0.94".
    o.format = [](double c) {
        if (c >= 0.995) return std::string("1");
        std::string t = words::format_cosine(float(c));
        if (t.rfind("0.", 0) == 0) t.erase(0, 1);
        else if (t.rfind("-0.", 0) == 0) t.erase(1, 1);
        return t;
    };
    o.size = ImVec2(width, std::max(ImGui::GetContentRegionAvail().y, fs * 8.f));
    Heatmap("##cosines", cos, n, n, o);
}

}  // namespace ui
