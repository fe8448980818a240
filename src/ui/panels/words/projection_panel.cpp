// Every word a point: the word vectors projected onto the plane of their two main directions
// (PCA), coloured by group. At step 0 a random cloud; as training runs, words used alike gather.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/panels/words/words_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
// The map's scale follows the cloud: at once when it grows past the edge, over about a second
// when it shrinks, so that points glide instead of the axes jumping every frame.
void follow_cloud(WordsPanelState& st, const train::WordsView& v, float plot_w, float plot_h, const train::Snapshot& snap) {
    // Only with a new snapshot (or a new plot size): between two the picture stays exactly as it
    // was, and the renderer has nothing to redraw.
    const double now = ImGui::GetTime();
    if (snap.version == st.scaled_version && plot_w == st.scaled_w && plot_h == st.scaled_h) return;
    const double since = now - st.scaled_time;
    st.scaled_version = snap.version;
    st.scaled_w = plot_w;
    st.scaled_h = plot_h;
    st.scaled_time = now;
    const std::uint64_t step = snap.step;
    double target = 0;
    for (std::size_t i = 0; i < v.x.size(); ++i)
        target = std::max({target, std::abs(double(v.x[i])) / (plot_w * 0.5), std::abs(double(v.y[i])) / (plot_h * 0.5)});
    target = std::max(target * 1.1, 1e-9);
    if (st.scaled_for != v.corpus || step == 0 || st.units_per_pixel <= 0 || target > st.units_per_pixel) {
        st.units_per_pixel = target;
        st.scaled_for = v.corpus;
        return;
    }
    const double rate = std::clamp(since * 1.5, 0.0, 1.0);
    st.units_per_pixel += (target - st.units_per_pixel) * rate;
}

void GroupLegend(const data::Vocabulary& vocab) {
    if (vocab.group_names.size() <= 1) return;
    const float fs = ImGui::GetFontSize();
    bool first = true;
    for (std::size_t g = 0; g < vocab.group_names.size(); ++g) {
        const std::string& name = vocab.group_names[g];
        const float w = fs * 0.9f + ImGui::GetStyle().ItemInnerSpacing.x + TextWidth(name.c_str());
        if (!first) SameLineIfFits(w, fs * 0.8f);
        first = false;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float r = fs * 0.3f;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                                                    group_color(int(g)));
        ImGui::Dummy(ImVec2(fs * 0.9f, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextUnformatted(name.c_str());
    }
}

// The legend's height at this width, measured by laying it out in an invisible child first would
// cost a frame; this counts its rows the way SameLineIfFits fills them.
float legend_height(const data::Vocabulary& vocab, float width) {
    if (vocab.group_names.size() <= 1) return 0;
    const float fs = ImGui::GetFontSize();
    const float gap = fs * 0.8f;
    float x = 0;
    int rows = 1;
    for (const std::string& name : vocab.group_names) {
        const float w = fs * 0.9f + ImGui::GetStyle().ItemInnerSpacing.x + TextWidth(name.c_str());
        if (x > 0 && x + gap + w > width) {
            ++rows;
            x = 0;
        }
        x += (x > 0 ? gap : 0) + w;
    }
    return float(rows) * ImGui::GetTextLineHeightWithSpacing();
}
}  // namespace

void WordProjectionPanel(PanelContext& ctx) {
    const train::WordsView* v = words::words_view(ctx);
    if (!v) return;
    WordsPanelState& st = ctx.state.words;
    words::ensure_labels(st, *v);
    const data::Vocabulary& vocab = v->corpus->vocab;
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();

    char caption[200];
    std::snprintf(caption, sizeof caption, "%d words, %d numbers each. This view shows %s of how they spread.",
                  vocab.size(), v->embeddings ? int(v->embeddings->cols()) : 0, train::format_percent(float(v->explained)).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(caption, avail.x);
    ImGui::PopStyleColor();

    const float legend_h = legend_height(vocab, avail.x);
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // The map first: in a narrow column the legend may go below the fold (the panel scrolls), the
    // map never shrinks past readable.
    const float map_h = std::max(ImGui::GetContentRegionAvail().y - legend_h - spacing, fs * 14.f);
    // The plot inside the widget, less its axes' tick labels and titles (about four lines of text
    // across and three down): the same scale on both axes, so that distances on screen are true.
    const float plot_w = std::max(avail.x - fs * 4.f, fs * 4.f), plot_h = std::max(map_h - fs * 3.5f, fs * 4.f);
    follow_cloud(st, *v, plot_w, plot_h, ctx.snap);

    std::vector<int> ringed;
    if (const std::optional<int> f = vocab.find(st.focus)) ringed.push_back(*f);
    const train::ParsedQuery q = train::parse_query(st.query, vocab);
    for (int w : q.words)
        if (std::find(ringed.begin(), ringed.end(), w) == ringed.end()) ringed.push_back(w);

    WordMapOptions o;
    o.x_label = "main direction 1";
    o.y_label = "main direction 2";
    o.x_min = -st.units_per_pixel * plot_w * 0.5;
    o.x_max = st.units_per_pixel * plot_w * 0.5;
    o.y_min = -st.units_per_pixel * plot_h * 0.5;
    o.y_max = st.units_per_pixel * plot_h * 0.5;
    o.label_first = st.label_first;
    o.ringed = ringed;
    o.point_radius = std::max(4.f, fs * 0.28f);
    o.size = ImVec2(avail.x, map_h);
    const int hovered = WordMap("##word-map", v->x, v->y, vocab.group, st.labels, o);
    if (hovered >= 0) words::NeighboursTooltip(ctx, *v, hovered);
    GroupLegend(vocab);
}

}  // namespace ui
