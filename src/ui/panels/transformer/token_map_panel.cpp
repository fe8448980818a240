// Every token a point: the rows of the token embedding projected onto the plane of their two main
// directions, as lesson 6 drew words. At step 0 a random cloud; as the model trains, tokens it uses
// alike (the digits of an addition, the letters of a copy) gather.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
// Characters by kind, so that a class can see the digits or the vowels find each other; words all
// in one colour but punctuation, which a word-level model treats as tokens too.
void ensure_groups(TransformerPanelState& st, const train::TransformerView& v) {
    if (st.labelled == v.data && st.labels.size() == std::size_t(v.data->tokens().size())) return;
    const data::TokenSet& tokens = v.data->tokens();
    st.labelled = v.data;
    st.labels.clear();
    st.groups.clear();
    const auto is_alpha = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (tokens.words) {
        // Group ids are colour indices (group_color): the pairs most often side by side far apart.
        st.group_names = {"word", "", "", "", "", "punctuation"};
        for (int i = 0; i < tokens.size(); ++i) {
            const std::string& t = tokens.tokens[std::size_t(i)];
            bool letters = false;
            for (unsigned char c : t) letters = letters || is_alpha(c) || (c >= '0' && c <= '9') || c >= 0x80;
            st.labels.push_back(tokens.label(i));
            st.groups.push_back(letters ? 0 : 5);
        }
        return;
    }
    st.group_names = {"vowel", "consonant", "digit", "space or newline", "", "punctuation", "", "other"};
    for (int i = 0; i < tokens.size(); ++i) {
        const std::string& t = tokens.tokens[std::size_t(i)];
        int g = 7;
        if (t.size() == 1) {
            const unsigned char c = static_cast<unsigned char>(t[0]);
            if (is_alpha(c)) g = std::string_view("aeiouAEIOU").find(char(c)) != std::string_view::npos ? 0 : 1;
            else if (c >= '0' && c <= '9') g = 2;
            else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') g = 3;
            else if (c > ' ' && c < 0x7F) g = 5;
        }
        st.labels.push_back(tokens.label(i));
        st.groups.push_back(g);
    }
}

// The map's scale follows the cloud (see the word map): at once when it grows past the edge, over
// about a second when it shrinks, so points glide instead of the axes jumping every frame.
void follow_cloud(TransformerPanelState& st, const train::TransformerView& v, float plot_w, float plot_h,
                  const train::Snapshot& snap) {
    if (snap.version == st.scaled_version && plot_w == st.scaled_w && plot_h == st.scaled_h) return;
    const double now = ImGui::GetTime();
    const double since = now - st.scaled_time;
    st.scaled_version = snap.version;
    st.scaled_w = plot_w;
    st.scaled_h = plot_h;
    st.scaled_time = now;
    double target = 0;
    for (std::size_t i = 0; i < v.x.size() && i < v.y.size(); ++i)
        target = std::max({target, std::abs(double(v.x[i])) / (plot_w * 0.5), std::abs(double(v.y[i])) / (plot_h * 0.5)});
    target = std::max(target * 1.1, 1e-9);
    if (st.scaled_for != v.data || snap.step == 0 || st.units_per_pixel <= 0 || target > st.units_per_pixel) {
        st.units_per_pixel = target;
        st.scaled_for = v.data;
        return;
    }
    st.units_per_pixel += (target - st.units_per_pixel) * std::clamp(since * 1.5, 0.0, 1.0);
}

// Only the groups present, in one or more rows that fit the width.
std::vector<int> groups_present(const TransformerPanelState& st) {
    std::vector<int> present;
    for (int g = 0; g < int(st.group_names.size()); ++g)
        if (std::find(st.groups.begin(), st.groups.end(), g) != st.groups.end()) present.push_back(g);
    return present;
}

float legend_item_width(const std::string& name) {
    const float fs = ImGui::GetFontSize();
    return fs * 0.9f + ImGui::GetStyle().ItemInnerSpacing.x + TextWidth(name.c_str());
}

float legend_height(const TransformerPanelState& st, const std::vector<int>& present, float width) {
    if (present.size() <= 1) return 0;
    const float gap = ImGui::GetFontSize() * 0.8f;
    float x = 0;
    int rows = 1;
    for (int g : present) {
        const float w = legend_item_width(st.group_names[std::size_t(g)]);
        if (x > 0 && x + gap + w > width) {
            ++rows;
            x = 0;
        }
        x += (x > 0 ? gap : 0) + w;
    }
    return float(rows) * ImGui::GetTextLineHeightWithSpacing();
}

void GroupLegend(const TransformerPanelState& st, const std::vector<int>& present) {
    if (present.size() <= 1) return;
    const float fs = ImGui::GetFontSize();
    bool first = true;
    for (int g : present) {
        const std::string& name = st.group_names[std::size_t(g)];
        if (!first) SameLineIfFits(legend_item_width(name), fs * 0.8f);
        first = false;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float r = fs * 0.3f;
        ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r, group_color(g));
        ImGui::Dummy(ImVec2(fs * 0.9f, ImGui::GetTextLineHeight()));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::TextUnformatted(name.c_str());
    }
}
}  // namespace

void TokenMapPanel(PanelContext& ctx) {
    const train::TransformerView* v = transformer::transformer_view(ctx);
    if (!v) return;
    const int n = std::min({int(v->x.size()), int(v->y.size()), v->data->tokens().size()});
    if (n == 0) {
        PanelFallback(ctx, "The token map comes with the next snapshot from the trainer.");
        return;
    }
    TransformerPanelState& st = ctx.state.transformer;
    ensure_groups(st, *v);
    const float fs = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();

    char caption[220];
    std::snprintf(caption, sizeof caption,
                  "%d tokens, %d numbers each: the rows of the token embedding. This view shows %s of how they spread.",
                  n, v->shape.d_model, train::format_percent(float(v->explained)).c_str());
    transformer::MutedText(caption, avail.x);

    const std::vector<int> present = groups_present(st);
    const float legend_h = legend_height(st, present, avail.x);
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float map_h = std::max(ImGui::GetContentRegionAvail().y - legend_h - spacing, fs * 14.f);
    // The plot inside the widget, less its axes (as the word map): one scale on both axes.
    const float plot_w = std::max(avail.x - fs * 4.f, fs * 4.f), plot_h = std::max(map_h - fs * 3.5f, fs * 4.f);
    follow_cloud(st, *v, plot_w, plot_h, ctx.snap);

    WordMapOptions o;
    o.x_label = "first principal direction";
    o.y_label = "second principal direction";
    o.x_min = -st.units_per_pixel * plot_w * 0.5;
    o.x_max = st.units_per_pixel * plot_w * 0.5;
    o.y_min = -st.units_per_pixel * plot_h * 0.5;
    o.y_max = st.units_per_pixel * plot_h * 0.5;
    o.point_radius = std::max(4.f, fs * 0.28f);
    o.size = ImVec2(avail.x, map_h);
    const int hovered = WordMap("##token-map", std::span(v->x.data(), std::size_t(n)), std::span(v->y.data(), std::size_t(n)),
                                std::span(st.groups.data(), std::size_t(n)), std::span(st.labels.data(), std::size_t(n)), o);
    if (hovered >= 0 && hovered < n) {
        ImGui::BeginTooltip();
        ImGui::Text("%s  (token %d, %s)", st.labels[std::size_t(hovered)].c_str(), hovered,
                    st.group_names[std::size_t(st.groups[std::size_t(hovered)])].c_str());
        ImGui::EndTooltip();
    }
    GroupLegend(st, present);
}

}  // namespace ui
