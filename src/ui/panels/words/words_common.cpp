#include "ui/panels/words/words_common.h"

#include <cstdio>
#include <sstream>

#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui::words {

const train::WordsView* words_view(PanelContext& ctx) {
    const train::WordsView* v = ctx.snap.view<train::WordsView>();
    const train::WordsConfig* c = ctx.snap.config.words();
    if (!v || !c) {
        PanelFallback(ctx, "This panel shows word vectors; this step trains another model.");
        return nullptr;
    }
    WordsPanelState& st = ctx.state.words;
    if (st.generation != ctx.snap.generation) {
        st.generation = ctx.snap.generation;
        st.query = c->query;
        st.focus = c->focus;
        st.compare.clear();
        for (const std::string& w : c->compare) st.compare += (st.compare.empty() ? "" : " ") + w;
        st.file = c->corpus_file;
        st.max_vocab = c->max_vocab;
        st.min_count = c->min_count;
    }
    if (!v->corpus || v->corpus->vocab.size() == 0 || !v->embeddings) {
        PanelFallback(ctx, "No words yet: open a text in the panel \"The text it reads\", or the built-in corpus.");
        return nullptr;
    }
    return v;
}

void ensure_labels(WordsPanelState& st, const train::WordsView& v) {
    if (st.labelled == v.corpus) return;
    st.labelled = v.corpus;
    const data::Vocabulary& vocab = v.corpus->vocab;
    st.labels = vocab.words;
    st.label_first.clear();
    std::vector<int> later;
    for (int w = 0; w < vocab.size(); ++w) {
        const std::string g = group_name(vocab, w);
        (g == "function words" ? later : st.label_first).push_back(w);
    }
    st.label_first.insert(st.label_first.end(), later.begin(), later.end());
}

const nn::EmbeddingTable& unit_table(WordsPanelState& st, const train::WordsView& v) {
    if (st.unit_of != v.embeddings) {
        st.unit_of = v.embeddings;
        st.unit = train::unit_rows(*v.embeddings);
    }
    return st.unit;
}

ComparedWords compared_words(const std::string& typed, const data::Vocabulary& vocab) {
    ComparedWords c;
    std::istringstream in(typed);
    std::string w;
    while (in >> w) {
        while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.pop_back();
        if (w.empty()) continue;
        if (const std::optional<int> id = vocab.find(w)) {
            if (std::find(c.ids.begin(), c.ids.end(), *id) == c.ids.end()) c.ids.push_back(*id);
        } else {
            c.unknown.push_back(w);
        }
    }
    return c;
}

std::string group_name(const data::Vocabulary& vocab, int word) {
    if (vocab.group_names.size() <= 1 || word < 0 || std::size_t(word) >= vocab.group.size()) return {};
    const int g = vocab.group[std::size_t(word)];
    return g >= 0 && std::size_t(g) < vocab.group_names.size() ? vocab.group_names[std::size_t(g)] : std::string();
}

std::string format_cosine(float c) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", double(c));
    return std::string(buf) == "-0.00" ? "0.00" : buf;
}

void NeighboursTooltip(PanelContext& ctx, const train::WordsView& v, int word) {
    const data::Vocabulary& vocab = v.corpus->vocab;
    if (word < 0 || word >= vocab.size()) return;
    const nn::EmbeddingTable& unit = unit_table(ctx.state.words, v);
    const int exclude[] = {word};
    const std::vector<train::Neighbour> near = train::nearest(unit, unit.row(word).transpose(), 6, exclude);
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(vocab.words[std::size_t(word)].c_str());
    const std::string g = group_name(vocab, word);
    if (!g.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, group_color(vocab.group[std::size_t(word)]));
        ImGui::TextUnformatted(("(" + g + ")").c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextUnformatted("nearest words (cosine):");
    ImGui::PopStyleColor();
    for (const train::Neighbour& n : near)
        ImGui::Text("%s  %s", format_cosine(n.cosine).c_str(), vocab.words[std::size_t(n.word)].c_str());
    ImGui::EndTooltip();
}

}  // namespace ui::words
