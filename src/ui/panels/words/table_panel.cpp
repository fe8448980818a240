// The table being trained: one row of numbers per word. A step changes only the rows of the words
// its batch saw (their centre words here; their context and negative words in the output table):
// the rest of the table stays dark, like a city at night with a few districts lit.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/gl/image_cache.h"
#include "ui/panels/words/words_common.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr double kRefreshSeconds = 0.1;  // while training, a new picture at most ten times a second
constexpr float kNight = 0.2f;           // brightness of the rows the last step left alone

// The table as a picture of `rows` lines (several words share a line when the table is taller
// than the room for it; the line is lit when any of them was touched), one column per number.
void make_picture(WordsPanelState& st, const train::WordsView& v, int rows) {
    const nn::EmbeddingTable& t = *v.embeddings;
    const int words = int(t.rows()), cols = int(t.cols());
    rows = std::clamp(rows, 1, std::max(1, words));
    std::vector<float> magnitudes(t.data(), t.data() + t.size());
    for (float& m : magnitudes) m = std::abs(m);
    // The colour scale: the largest 2% of the numbers get the full colour.
    const std::size_t k = std::min(magnitudes.size() - 1, std::size_t(double(magnitudes.size()) * 0.98));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + std::ptrdiff_t(k), magnitudes.end());
    const float scale = std::max(magnitudes[k], 1e-6f);
    std::vector<std::uint8_t> lit(std::size_t(words), 0);
    for (int w : v.touched)
        if (w >= 0 && w < words) lit[std::size_t(w)] = 1;
    st.picture.assign(std::size_t(rows * cols), 0);
    for (int r = 0; r < rows; ++r) {
        const int w0 = int(std::int64_t(r) * words / rows), w1 = std::max(w0 + 1, int(std::int64_t(r + 1) * words / rows));
        bool any_lit = false;
        for (int w = w0; w < w1; ++w) any_lit = any_lit || lit[std::size_t(w)];
        const float bright = any_lit ? 1.f : kNight;
        for (int c = 0; c < cols; ++c) {
            float value = 0;
            for (int w = w0; w < w1; ++w) value += t(w, c);
            value /= float(w1 - w0);
            const ImU32 col = colormap_color(Colormap::Diverging, std::clamp(0.5f + 0.5f * value / scale, 0.f, 1.f));
            const auto channel = [&](int shift) { return std::uint32_t(float((col >> shift) & 0xFF) * bright); };
            st.picture[std::size_t(r * cols + c)] =
                IM_COL32(channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT), 255);
        }
    }
    st.picture_rows = rows;
    st.picture_cols = cols;
    st.picture_scale = scale;
    st.pictured = v.embeddings;
    ++st.picture_version;
}
}  // namespace

void EmbeddingTablePanel(PanelContext& ctx) {
    const train::WordsView* v = words::words_view(ctx);
    if (!v) return;
    WordsPanelState& st = ctx.state.words;
    const data::Vocabulary& vocab = v->corpus->vocab;
    const int words = vocab.size();
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    const int lit = int(v->touched.size());
    std::string caption;
    if (ctx.snap.step == 0) {
        caption = "Step 0: " + train::format_count(words) + " rows of " + std::to_string(v->embeddings->cols()) +
                  " random numbers. Each step will change only the rows of the words it reads.";
    } else {
        caption = "Step " + train::format_count((long long)ctx.snap.step) + " touched " + train::format_count(lit) +
                  " of the " + train::format_count(words) + " rows (" + train::format_percent(float(lit) / float(std::max(1, words))) +
                  "): the words its batch read, lit. The others did not change.";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(caption, width);
    ImGui::PopStyleColor();

    // The picture above, the count over the steps below when there is room for both.
    const float avail_h = ImGui::GetContentRegionAvail().y;
    const bool with_plot = avail_h > fs * 16.f;
    const float plot_h = with_plot ? std::max(fs * 7.f, avail_h * 0.32f) : 0.f;
    const float picture_h = std::max(fs * 4.f, avail_h - plot_h - (with_plot ? ImGui::GetStyle().ItemSpacing.y : 0.f));
    const int rows = std::max(1, std::min(words, int(picture_h)));
    const bool changed = v->embeddings != st.pictured || rows != st.picture_rows;
    const bool due = ctx.snap.state != train::RunState::Running || ImGui::GetTime() - st.picture_made_at >= kRefreshSeconds ||
                     rows != st.picture_rows || !st.pictured;
    if (changed && due) {
        make_picture(st, *v, rows);
        st.picture_made_at = ImGui::GetTime();
    }
    // Narrow enough to leave the key beside it; a column per number stays several pixels wide.
    const float picture_w = std::min(width * 0.55f, std::max(fs * 6.f, float(st.picture_cols) * fs * 0.6f));
    // A strip left of the picture marks the lit rows in yellow, at least two pixels high each, so
    // that a single row of a tall table still shows from the back of the room.
    const float strip_w = std::round(fs * 0.6f), strip_gap = std::round(fs * 0.2f);
    const ImVec2 s0 = ImGui::GetCursorScreenPos();
    const ImVec2 p0(s0.x + strip_w + strip_gap, s0.y);
    const ImVec2 p1(p0.x + picture_w, p0.y + picture_h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(s0, ImVec2(s0.x + strip_w, p1.y), IM_COL32(30, 31, 38, 255));
    for (int w : v->touched) {
        if (w < 0 || w >= words) continue;
        const float y0 = p0.y + picture_h * float(w) / float(words), y1 = p0.y + picture_h * float(w + 1) / float(words);
        dl->AddRectFilled(ImVec2(s0.x, std::floor(y0)), ImVec2(s0.x + strip_w, std::max(std::floor(y0) + 2.f, y1)),
                          IM_COL32(255, 215, 60, 255));
    }
    constexpr std::uint64_t kKey = 0x5441424C45000000ull;  // "TABLE"
    if (ImTextureID tex = ctx.images.image(kKey, st.picture_version, st.picture_cols, st.picture_rows, st.picture))
        dl->AddImage(tex, p0, p1);
    ImGui::InvisibleButton("##table", ImVec2(strip_w + strip_gap + picture_w, picture_h));
    if (ImGui::IsItemHovered() && words > 0) {
        const float t = (ImGui::GetIO().MousePos.y - p0.y) / std::max(1.f, picture_h);
        const int w = std::clamp(int(t * float(words)), 0, words - 1);
        const bool was_lit = std::binary_search(v->touched.begin(), v->touched.end(), w);
        ImGui::SetTooltip("row %d: \"%s\"%s", w + 1, vocab.words[std::size_t(w)].c_str(),
                          was_lit ? ", touched by the last step" : "");
    }
    // Beside the picture when there is room: what its colours and its yellow marks mean.
    const float beside = width - picture_w - strip_w - strip_gap - fs;
    if (beside > fs * 6.f) {
        ImGui::SameLine(0, fs);
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        TextWrappedAtSpaces("One row per word, most frequent at the top; one column per number. Orange: positive, "
                            "blue: negative. Yellow on the left: the rows the last step touched.",
                            beside);
        ImGui::PopStyleColor();
        ImGui::EndGroup();
    }

    if (with_plot) {
        const std::vector<double> ends = {v->rows_changed.empty() ? 0.0 : v->rows_changed.step.front(),
                                          v->rows_changed.empty() ? 1.0 : std::max(v->rows_changed.step.back(), 1.0)};
        const std::vector<float> all(2, float(words));
        LineSeries changed_rows{"rows touched per step", v->rows_changed.step, v->rows_changed.value, kTrainCurveColor, 3.f};
        LineSeries vocabulary{"rows in the table", ends, all, IM_COL32(160, 160, 160, 255), 2.f};
        const LineSeries lines[] = {changed_rows, vocabulary};
        LinePlotOptions o;
        o.x_label = "training step";
        o.y_label = "rows";
        o.y_min = 0;
        o.y_max = double(words) * 1.08;
        o.size = ImVec2(width, plot_h);
        PlotLines("##rows-changed", lines, o);
    }
}

}  // namespace ui
