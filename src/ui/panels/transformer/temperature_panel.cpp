// Lesson 9's worked example: five weather words with scores (logits) the class can edit, turned into
// probabilities by a softmax at up to three temperatures side by side, each with its entropy against
// the most it can be. Then tokens drawn at the first temperature: their histogram over the
// probabilities, and the surprise of each. Needs no model: it draws with any snapshot.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "nn/sampling.h"
#include "train/format.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/plot_axes.h"  // the frame of the probability chart, which draws the draws over its bars
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr float kMinTemperature = 0.05f, kMaxTemperature = 10.f;
constexpr int kMaxTemperatures = 3;
constexpr int kMaxTopK = 5;
constexpr float kMinTopP = 0.05f;
constexpr float kMinLogit = -10.f, kMaxLogit = 10.f;
// The latest draws listed by name (a line or two on a projector).
constexpr std::size_t kLatestShown = 6;

// The weather example: the word each score belongs to, and the scores.
const char* const kWords[] = {"sunny", "cloudy", "rainy", "snowy", "windy"};
constexpr float kWeatherLogits[] = {2.0f, 1.8f, 1.2f, 0.8f, 0.6f};
constexpr int kTokens = int(std::size(kWords));

// The slider's marks: the temperatures the lesson compares, then its two ends.
struct Mark {
    float t;
    const char* label;
    bool main;  // keeps its tick even when its label does not fit
};
constexpr Mark kMarks[] = {{1.f, "1", true}, {0.5f, "0.5", true}, {2.f, "2", true}, {kMinTemperature, "0.05", false},
                           {kMaxTemperature, "10", false}};

constexpr ImU32 kKeptColor = IM_COL32(90, 180, 245, 255);
constexpr ImU32 kCutColor = IM_COL32(110, 112, 120, 255);
constexpr ImU32 kDrawnColor = IM_COL32(240, 150, 40, 255);
constexpr ImU32 kRenormalisedColor = IM_COL32(255, 255, 255, 235);
constexpr ImU32 kEvenColor = IM_COL32(255, 255, 255, 200);

// "0.5", "1", "0.05", "2.35": two decimals at most, no trailing zeros.
std::string format_temperature(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", t);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string fixed(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

// A temperature as the slider leaves it: hundredths (what is written is what is computed), and
// exactly a mark when it lands within 3% of one.
float settle_temperature(float t) {
    if (!std::isfinite(t)) t = 1.f;
    t = std::clamp(std::round(t * 100.f) / 100.f, kMinTemperature, kMaxTemperature);
    for (const Mark& m : kMarks)
        if (m.main && std::fabs(std::log(t / m.t)) < 0.03f) return m.t;
    return t;
}

void clear_draws(TemperaturePanelState& st) {
    st.rng = nn::SampleRng(st.seed);
    st.draws = nn::DrawCounts{};
    st.last.clear();
}

// The example, the temperatures and the filters from a newly loaded preset (the transformer's
// config when there is one; the defaults otherwise).
void take_preset(PanelContext& ctx, TemperaturePanelState& st) {
    if (st.generation == ctx.snap.generation && int(st.logits.size()) == kTokens && !st.temperatures.empty()) return;
    const train::TransformerConfig& c = transformer::transformer_config(ctx.snap);
    st.generation = ctx.snap.generation;
    st.logits.assign(std::begin(kWeatherLogits), std::end(kWeatherLogits));
    st.temperatures.clear();
    for (const float t : c.temperatures)
        if (std::isfinite(t) && int(st.temperatures.size()) < kMaxTemperatures)
            st.temperatures.push_back(std::clamp(t, kMinTemperature, kMaxTemperature));
    if (st.temperatures.empty()) st.temperatures.push_back(1.f);
    st.top_k = std::clamp(c.top_k, 0, kMaxTopK);
    st.top_p = std::isfinite(c.top_p) ? std::clamp(c.top_p, kMinTopP, 1.f) : 1.f;
    st.seed = ctx.snap.config.seed;
    clear_draws(st);
    st.drawn_from.clear();
}

bool filtered(const TemperaturePanelState& st) { return st.top_k > 0 || st.top_p < 1.f; }

// ---- The temperature slider ------------------------------------------------------------------

// Ticks and labels under a logarithmic slider's frame at the marks, where ImGui puts the grab's
// centre for that value. Labels that would touch a neighbour are left out (1, 0.5 and 2 first).
void SliderMarks(const ImRect& frame) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    // ImGui's slider: 2 pixels of padding, then the grab's half width, at each end.
    const float grab = std::min(ImGui::GetStyle().GrabMinSize, std::max(frame.GetWidth() - 4.f, 0.f));
    const float x0 = frame.Min.x + 2.f + grab * 0.5f, x1 = frame.Max.x - 2.f - grab * 0.5f;
    const float tick = std::round(fs * 0.3f);
    const float gap = fs * 0.5f;
    std::vector<std::pair<float, float>> taken;
    for (const Mark& m : kMarks) {
        const float r = std::log(m.t / kMinTemperature) / std::log(kMaxTemperature / kMinTemperature);
        const float x = std::round(x0 + (x1 - x0) * r);
        const float w = TextWidth(m.label);
        const float lx = std::round(std::clamp(x - w * 0.5f, frame.Min.x, std::max(frame.Min.x, frame.Max.x - w)));
        bool free = true;
        for (const auto& [a, b] : taken) free = free && (lx + w + gap <= a || lx >= b + gap);
        if (!free && !m.main) continue;
        dl->AddLine(ImVec2(x, frame.Max.y), ImVec2(x, frame.Max.y + tick), kMutedTextColor, 2.f);
        if (!free) continue;
        dl->AddText(ImVec2(lx, frame.Max.y + tick), kMutedTextColor, m.label);
        taken.emplace_back(lx, lx + w);
    }
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, frame.Max.y));
    ImGui::Dummy(ImVec2(frame.GetWidth(), tick + ImGui::GetTextLineHeight()));
}

// One temperature: its slider on a log scale with the marks under it, its value, and Remove when
// there are others. The value and the button sit right of the slider when it keeps at least
// 14 lines of text in width there; above a full-width slider otherwise.
void TemperatureRow(int i, float& t, bool removable, bool& remove, float line) {
    ImGui::PushID(i);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const std::string value = "T = " + format_temperature(t);
    const float value_w = TextWidth("T = 0.55");
    const float remove_w = removable ? ButtonWidth("Remove") + style.ItemSpacing.x : 0.f;
    // Right of the slider: a gap, the value (as wide as its widest), then a gap and Remove, each gap
    // as the SameLine calls below leave it.
    const float beside = line - style.ItemInnerSpacing.x - value_w - (removable ? style.ItemInnerSpacing.x + remove_w : 0.f);
    const bool one_line = beside >= fs * 14.f;
    if (!one_line) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(value.c_str());
        if (removable) {
            ImGui::SameLine();
            remove = ImGui::Button("Remove");
        }
    }
    ImGui::SetNextItemWidth(one_line ? std::min(beside, fs * 26.f) : line);
    if (ImGui::SliderFloat("##temperature", &t, kMinTemperature, kMaxTemperature, "", ImGuiSliderFlags_Logarithmic))
        t = settle_temperature(t);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The temperature T, on a log scale: the scores are divided by T before the softmax.\n"
                          "Ctrl+click to type a value.");
    const ImRect frame(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (one_line) {
        ValueBeside(value.c_str());
        if (removable) {
            ImGui::SameLine(0, style.ItemInnerSpacing.x + (value_w - TextWidth(value.c_str())) + style.ItemSpacing.x);
            remove = ImGui::Button("Remove");
        }
    }
    SliderMarks(frame);
    ImGui::PopID();
}

// ---- The probability chart -------------------------------------------------------------------

struct ChartData {
    std::vector<double> p;             // the softmax at this temperature
    std::vector<char> keep;            // what top-k and top-p keep (all 1 when off)
    std::vector<double> renormalised;  // the first chart, filtered: what a draw uses
    const nn::DrawCounts* draws = nullptr;  // the first chart: the draws over the bars
};

void dashed_hline(ImDrawList* dl, float x0, float x1, float y, ImU32 col) {
    const float fs = ImGui::GetFontSize();
    const float dash = std::round(fs * 0.6f), gap = std::round(fs * 0.35f);
    for (float x = x0; x < x1; x += dash + gap) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, x1), y), col, 2.f);
}

// Bars of p on a fixed 0-1 axis (so that charts side by side compare), grey where the filters cut;
// over them, narrower orange bars of the draws' frequencies and white outlines of the renormalised
// distribution; a dashed line at even odds 1/n. Every word under its bar: on two staggered rows
// when one row has no room for them all.
void ProbabilityChart(const char* id, const ChartData& d, ImVec2 size) {
    using namespace plot_detail;
    ImRect bb;
    if (!begin_widget(id, size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const int n = int(d.p.size());
    const std::string x_label = "token", y_label = "probability";
    std::vector<std::string> labels(kWords, kWords + n);

    AxisRange xr, yr;
    xr.lo = -0.5;
    xr.hi = std::max(n, 1) - 0.5;
    yr.lo = 0;
    yr.hi = 1;
    FrameOptions fo;
    fo.categories = n;
    fo.category_labels = labels;
    Frame f = layout_frame(bb, xr, yr, x_label, y_label, fo);
    bool one_row = int(f.xt.labels.size()) == n;
    for (std::size_t i = 0; one_row && i < f.xt.labels.size(); ++i) one_row = f.xt.labels[i] == labels[i];
    if (!one_row) {
        // Two rows of words: the frame laid out one text line shorter, the words placed by hand.
        const float row = std::round(fs * 1.1f);
        const ImRect inner(bb.Min, ImVec2(bb.Max.x, bb.Max.y - row));
        Frame g = layout_frame(inner, xr, yr, x_label, y_label, fo);
        const float slot = g.plot.GetWidth() / float(std::max(n, 1));
        bool fits = true;
        for (int i = 0; i + 2 < n; ++i)
            fits = fits && (TextWidth(kWords[i]) + TextWidth(kWords[i + 2])) * 0.5f + fs * 0.5f <= slot * 2.f;
        if (fits) {
            const float label_y = g.plot.Max.y + std::round(fs * 0.3f) + std::round(fs * 0.35f) * 0.5f;
            g.xt = PlacedTicks{};
            for (int i = 0; i < n; ++i) {
                const float w = TextWidth(kWords[i]);
                const float cx = g.x.to_px(double(i));
                g.xt.ticks.major.push_back(double(i));
                g.xt.labels.push_back(labels[std::size_t(i)]);
                g.xt.label_pos.push_back(ImVec2(std::round(std::clamp(cx - w * 0.5f, bb.Min.x, std::max(bb.Min.x, bb.Max.x - w))),
                                                label_y + (i % 2 ? row : 0.f)));
            }
            f = g;
        }
    }
    draw_frame_back(dl, f);

    const float slot = f.plot.GetWidth() / float(std::max(n, 1));
    const float baseline = std::round(f.y.to_px(0.0));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hover = hovered && n > 0 && f.plot.Contains(mouse) ? std::clamp(int((mouse.x - f.plot.Min.x) / slot), 0, n - 1) : -1;
    auto top_of = [&](double v) {
        float top = std::round(std::clamp(f.y.to_px(v), f.plot.Min.y, f.plot.Max.y));
        if (v > 0 && baseline - top < 2.f) top = baseline - 2.f;  // every non-zero value shows
        return top;
    };

    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    if (hover >= 0) {
        const float xa = std::round(f.plot.Min.x + slot * float(hover)), xb = std::round(f.plot.Min.x + slot * float(hover + 1));
        dl->AddRectFilled(ImVec2(xa, f.plot.Min.y), ImVec2(xb, f.plot.Max.y), IM_COL32(255, 255, 255, 24));
    }
    const bool with_draws = d.draws && d.draws->total > 0;
    for (int i = 0; i < n; ++i) {
        const std::size_t k = std::size_t(i);
        const float cx = f.x.to_px(double(i));
        const float half = std::max(1.f, slot * 0.36f);
        const bool kept = d.keep.empty() || d.keep[k];
        if (d.p[k] > 0)
            dl->AddRectFilled(ImVec2(std::round(cx - half), top_of(d.p[k])), ImVec2(std::round(cx + half), baseline),
                              kept ? kKeptColor : kCutColor);
        if (!d.renormalised.empty() && d.renormalised[k] > 0)
            dl->AddRect(ImVec2(std::round(cx - half) - 1.f, top_of(d.renormalised[k]) - 1.f),
                        ImVec2(std::round(cx + half) + 1.f, baseline + 1.f), kRenormalisedColor, 0.f, 0, 2.f);
        if (with_draws) {
            const double freq = d.draws->frequency(k);
            const float narrow = std::max(1.f, slot * 0.15f);
            if (freq > 0) {
                const ImVec2 a(std::round(cx - narrow), top_of(freq)), b(std::round(cx + narrow), baseline);
                dl->AddRectFilled(ImVec2(a.x - 2.f, a.y - 2.f), ImVec2(b.x + 2.f, b.y), kOutline);
                dl->AddRectFilled(a, b, kDrawnColor);
            }
        }
    }
    // Even odds: where every bar goes as the temperature grows.
    if (n > 0) {
        const float y = std::round(f.y.to_px(1.0 / double(n)));
        dashed_hline(dl, f.plot.Min.x, f.plot.Max.x, y, kEvenColor);
        const std::string text = "even 1/" + std::to_string(n);
        const ImVec2 sz = text_size(text);
        const float pad = std::round(fs * 0.35f);
        draw_text_halo(dl, ImVec2(std::max(f.plot.Min.x + 2.f, f.plot.Max.x - pad - sz.x), y - pad * 0.5f - sz.y), kEvenColor, text);
    }
    dl->PopClipRect();
    draw_frame_axes(dl, bb, f, x_label, y_label);

    if (hover >= 0) {
        const std::size_t k = std::size_t(hover);
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(kWords[hover]);
        ImGui::Text("p = %.4f, surprise %.2f bits", d.p[k], nn::surprise_bits(d.p[k]));
        if (!d.keep.empty() && !d.keep[k]) ImGui::TextUnformatted("cut by top-k / top-p: never drawn");
        else if (!d.renormalised.empty()) ImGui::Text("after the cut: %.4f", d.renormalised[k]);
        if (with_draws)
            ImGui::Text("drawn %s of %s times: %.4f", train::format_count(d.draws->counts[k]).c_str(),
                        train::format_count(d.draws->total).c_str(), d.draws->frequency(k));
        ImGui::EndTooltip();
    }
}

// ---- Tables ----------------------------------------------------------------------------------

struct Column {
    std::string header;
    const char* tooltip = nullptr;
    float width = 0;                   // the widest cell (the header is measured here)
    std::function<void(int row)> cell;
};

void RightAlignedText(const std::string& s, ImU32 color = 0) {
    const float w = TextWidth(s.c_str());
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    if (color) ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(s.c_str());
    if (color) ImGui::PopStyleColor();
}

// A table whose columns after the first go on as many tables, one under the other, as the width
// needs: the first column (the tokens) is repeated in each, so that nothing runs off the side.
void ChunkedTable(const char* id, const Column& key, std::span<const Column> columns, int rows) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = style.CellPadding.x * 2.f + 1.f;
    auto width_of = [](const Column& c) { return std::ceil(std::max(c.width, TextWidth(c.header.c_str()))); };
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(id);
    for (std::size_t first = 0, chunk = 0; first < columns.size(); ++chunk) {
        float used = width_of(key) + pad;
        std::size_t last = first;
        while (last < columns.size() && (last == first || used + width_of(columns[last]) + pad <= avail)) {
            used += width_of(columns[last]) + pad;
            ++last;
        }
        ImGui::PushID(int(chunk));
        if (ImGui::BeginTable("##table", int(1 + last - first),
                              ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
            ImGui::TableSetupColumn(key.header.c_str(), ImGuiTableColumnFlags_WidthFixed, width_of(key));
            for (std::size_t c = first; c < last; ++c)
                ImGui::TableSetupColumn(columns[c].header.c_str(), ImGuiTableColumnFlags_WidthFixed, width_of(columns[c]));
            ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
            for (std::size_t c = first; c <= last; ++c) {
                const Column& col = c == first ? key : columns[c - 1];
                ImGui::TableSetColumnIndex(int(c - first));
                ImGui::TableHeader(col.header.c_str());
                if (col.tooltip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", col.tooltip);
            }
            for (int r = 0; r < rows; ++r) {
                ImGui::PushID(r);
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                key.cell(r);
                for (std::size_t c = first; c < last; ++c) {
                    ImGui::TableSetColumnIndex(int(c - first + 1));
                    columns[c].cell(r);
                }
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
        first = last;
        if (first < columns.size()) ImGui::Spacing();
    }
    ImGui::PopID();
}

}  // namespace

void TemperaturePanel(PanelContext& ctx) {
    TemperaturePanelState& st = ctx.state.transformer.temperature_panel;
    take_preset(ctx, st);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const int n = kTokens;

    // ---- The layout: where the tables and the temperature sliders go ----
    const int temps = int(st.temperatures.size());
    // ---- The numbers: the scores the class edits with their probabilities, then the draws ----
    const float number_w = TextWidth("0.0000");
    const float logit_w = TextWidth("-10.00") + style.FramePadding.x * 2.f + fs * 0.5f;
    // The widest the scores table gets on one line: tokens, logits, one column per temperature.
    const float cell_pad = style.CellPadding.x * 2.f + 1.f;
    const float scores_w = std::max(TextWidth("H (bits)"), TextWidth("token")) + cell_pad + std::max(logit_w, TextWidth("logit")) +
                           cell_pad + float(temps) * (std::max(number_w, TextWidth("T = 0.55")) + cell_pad);
    const float draws_w = TextWidth("cloudy") + std::max(number_w, TextWidth("p")) + TextWidth("00.00") +
                          TextWidth("00,000") + std::max(number_w, TextWidth("share")) + cell_pad * 5.f;
    const float tables_w = std::ceil(std::max({scores_w, draws_w, ButtonWidth("Reset to the weather example")}) + fs * 0.5f);
    // The tables go right of the charts when that leaves every chart at least 13 lines of text wide
    // (so the logits the class edits stay on screen with the bars they move); below them otherwise.
    const float gap = fs;
    const bool tables_beside = width - tables_w - gap * 2.f >= float(temps) * (fs * 13.f + gap) - gap;
    const float charts_w = tables_beside ? std::floor(width - tables_w - gap * 2.f) : width;
    // As many charts side by side as are at least 13 lines of text wide; the rest below.
    const int per_row = std::clamp(int((charts_w + gap) / (fs * 13.f + gap)), 1, temps);
    const int rows = (temps + per_row - 1) / per_row;
    const float column_w = std::floor((charts_w - gap * float(per_row - 1)) / float(per_row));
    // With every chart in one row, each temperature's slider sits over its own chart.
    const bool sliders_in_columns = temps > 1 && per_row == temps;

    // ---- The temperatures (a Remove takes effect at the end of the frame) ----
    int remove = -1;
    if (!sliders_in_columns)
        for (int i = 0; i < temps; ++i) {
            bool pressed = false;
            TemperatureRow(i, st.temperatures[std::size_t(i)], temps > 1, pressed, width);
            if (pressed) remove = i;
        }

    // ---- Add, the filters and the draws: a row that wraps ----
    bool first_item = true;
    auto next_item = [&](float w) {
        if (!first_item) SameLineIfFits(w, style.ItemSpacing.x * 2.f);
        first_item = false;
    };
    if (int(st.temperatures.size()) < kMaxTemperatures) {
        next_item(ButtonWidth("Add a temperature"));
        if (ImGui::Button("Add a temperature")) {
            for (const float t : {1.f, 0.5f, 2.f, 0.2f, 5.f})
                if (std::find(st.temperatures.begin(), st.temperatures.end(), t) == st.temperatures.end()) {
                    st.temperatures.push_back(t);
                    break;
                }
        }
    }
    const float filter_w = fs * 5.f;
    {
        const std::string text = st.top_k > 0 ? "top-k " + std::to_string(st.top_k) : "top-k off";
        next_item(LabeledWidth(filter_w, "top-k off"));
        ImGui::SetNextItemWidth(filter_w);
        ImGui::SliderInt("##top-k", &st.top_k, 0, kMaxTopK, "");
        st.top_k = std::clamp(st.top_k, 0, kMaxTopK);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Top-k: draw only from the k likeliest tokens (0: off).");
        ValueBeside(text.c_str());
    }
    {
        const std::string text = st.top_p < 1.f ? "top-p " + fixed(st.top_p, 2) : "top-p off";
        next_item(LabeledWidth(filter_w, "top-p 0.55"));
        ImGui::SetNextItemWidth(filter_w);
        if (ImGui::SliderFloat("##top-p", &st.top_p, kMinTopP, 1.f, ""))
            st.top_p = std::clamp(std::round(st.top_p * 100.f) / 100.f, kMinTopP, 1.f);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Top-p: draw only from the fewest likeliest tokens whose probabilities add up to p (1: off).");
        ValueBeside(text.c_str());
    }

    // What a draw uses: the first temperature, filtered, renormalised. A change starts the draws over.
    nn::SamplingSettings settings;
    settings.temperature = st.temperatures.front();
    settings.top_k = st.top_k;
    settings.top_p = st.top_p;
    std::vector<double> q;
    nn::sampling_distribution(st.logits, settings, q);
    if (q != st.drawn_from) {
        clear_draws(st);
        st.drawn_from = q;
    }
    const struct {
        const char* label;
        long long n;
    } kDrawButtons[] = {{"Draw 1", 1}, {"Draw 100", 100}, {"Draw 1,000", 1000}};
    for (const auto& b : kDrawButtons) {
        next_item(ButtonWidth(b.label));
        if (ImGui::Button(b.label)) {
            std::vector<int> drawn;
            nn::draw_tokens(q, b.n, st.rng, st.draws, &drawn);
            st.last.insert(st.last.end(), drawn.end() - std::ptrdiff_t(std::min(drawn.size(), kLatestShown)), drawn.end());
            if (st.last.size() > kLatestShown) st.last.erase(st.last.begin(), st.last.end() - std::ptrdiff_t(kLatestShown));
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Draws at the first temperature, with top-k and top-p; the same presses give the same draws.");
    }
    next_item(ButtonWidth("Clear"));
    if (ImGui::Button("Clear")) clear_draws(st);
    ImGui::Spacing();

    // ---- The charts ----
    std::vector<ChartData> charts(static_cast<std::size_t>(temps));
    auto fill_chart = [&](int i) {
        ChartData& d = charts[std::size_t(i)];
        nn::softmax_temperature(st.logits, st.temperatures[std::size_t(i)], d.p);
        if (filtered(st)) nn::sampling_filter(d.p, st.top_k, st.top_p, d.keep);
        if (i == 0) {
            if (filtered(st)) d.renormalised = q;
            d.draws = &st.draws;
        }
    };
    for (int i = 0; i < temps; ++i) fill_chart(i);
    const std::string t1 = format_temperature(st.temperatures.front());
    const double h_max = std::log2(double(n));

    auto tables = [&](float table_area_w) {
        {
            Column key{"token", nullptr, TextWidth("H (bits)"), [&](int r) {
                           ImGui::AlignTextToFramePadding();
                           ImGui::TextUnformatted(r < n ? kWords[r] : "H (bits)");
                       }};
            std::vector<Column> columns;
            columns.push_back({"logit", "The token's score: drag, or double-click to type.", logit_w, [&](int r) {
                                   if (r >= n) return;
                                   float& z = st.logits[std::size_t(r)];
                                   ImGui::SetNextItemWidth(logit_w);
                                   if (ImGui::DragFloat("##logit", &z, 0.01f, kMinLogit, kMaxLogit, "%.2f",
                                                        ImGuiSliderFlags_AlwaysClamp))
                                       z = std::clamp(std::round(z * 100.f) / 100.f, kMinLogit, kMaxLogit);
                               }});
            for (int i = 0; i < temps; ++i)
                columns.push_back({"T = " + format_temperature(st.temperatures[std::size_t(i)]),
                                   "The probability p of each token at this temperature; last row: the entropy.", number_w,
                                   [&, i](int r) {
                                       const ChartData& d = charts[std::size_t(i)];
                                       ImGui::AlignTextToFramePadding();
                                       if (r >= n) RightAlignedText(fixed(nn::entropy_bits(d.p), 4));
                                       else
                                           RightAlignedText(fixed(d.p[std::size_t(r)], 4),
                                                            d.keep.empty() || d.keep[std::size_t(r)] ? 0 : kCutColor);
                                   }});
            ChunkedTable("probabilities", key, columns, n + 1);
        }
        if (ImGui::Button("Reset to the weather example")) st.logits.assign(std::begin(kWeatherLogits), std::end(kWeatherLogits));

        // ---- The numbers: the draws ----
        ImGui::Spacing();
        transformer::MutedText("Drawn at T\xC2\xA0=\xC2\xA0" + t1 + (filtered(st) ? ", after the cut" : "") +
                                   ": p, the surprise \xE2\x88\x92log\xE2\x82\x82\xC2\xA0p in bits, and how often each was drawn.",
                               table_area_w);
        {
            Column key{"token", nullptr, TextWidth("cloudy"), [&](int r) {
                           ImGui::TextUnformatted(kWords[r]);
                       }};
            const ImU32 muted = kMutedTextColor;
            std::vector<Column> columns;
            columns.push_back({"p", "The probability a draw uses.", number_w, [&](int r) {
                                   RightAlignedText(fixed(q[std::size_t(r)], 4), q[std::size_t(r)] > 0 ? 0 : muted);
                               }});
            columns.push_back({"bits", "Surprise: \xE2\x88\x92log2 p, in bits.", TextWidth("00.00"), [&](int r) {
                                   const double p = q[std::size_t(r)];
                                   RightAlignedText(p > 0 ? fixed(nn::surprise_bits(p), 2) : "\xE2\x88\x9E", p > 0 ? 0 : muted);
                               }});
            columns.push_back({"drawn", "How many of the draws were this token.", TextWidth("00,000"), [&](int r) {
                                   RightAlignedText(train::format_count(st.draws.counts.empty() ? 0 : st.draws.counts[std::size_t(r)]));
                               }});
            columns.push_back({"share", "The share of the draws: drawn / N.", number_w, [&](int r) {
                                   RightAlignedText(st.draws.total > 0 ? fixed(st.draws.frequency(std::size_t(r)), 4) : "-",
                                                    st.draws.total > 0 ? kDrawnColor : muted);
                               }});
            ChunkedTable("draws", key, columns, n);
        }
    };

    {  // The key, in the colours it names.
        std::vector<transformer::TextRun> runs = {{"\xE2\x96\xA0\xC2\xA0probability", kKeptColor}};
        if (filtered(st)) {
            runs.push_back({"   \xE2\x96\xA0\xC2\xA0" "cut by top-k\xC2\xA0/\xC2\xA0top-p", kCutColor});
            runs.push_back({"   \xE2\x96\xA1\xC2\xA0" "after the cut, what a draw uses", kRenormalisedColor});
        }
        if (st.draws.total > 0) runs.push_back({"   \xE2\x96\xA0\xC2\xA0" "share of the draws", kDrawnColor});
        transformer::ColoredTextWrapped(runs, width);
    }

    // Heights: the charts fill what the window shows below them, less their captions and the table
    // of scores (the logits the class edits stay on screen with the bars they move), between 9 and
    // 18 lines; measured from the window, not the scrolled cursor, so that they stay still.
    const float slider_h = sliders_in_columns ? ImGui::GetFrameHeightWithSpacing() * 2.f + ImGui::GetTextLineHeightWithSpacing() : 0.f;
    const float caption_h = slider_h + ImGui::GetTextLineHeightWithSpacing() * 3.f + fs * 0.5f + style.ItemSpacing.y * 2.f;
    const float summary_h = ImGui::GetTextLineHeightWithSpacing() * 3.f;  // the draws' summary
    const float table_h = float(n + 2) * (ImGui::GetFrameHeight() + style.CellPadding.y * 2.f) + style.ItemSpacing.y * 4.f;
    const float left = ImGui::GetWindowHeight() - style.WindowPadding.y - ImGui::GetCursorPosY();
    auto chart_height = [&](float below_h) { return std::floor((left - below_h) / float(rows) - caption_h); };
    // The table below keeps its room only while the charts stay readable (14 lines); past that the
    // charts come first and the table scrolls into view.
    float chart_h = chart_height(summary_h + (tables_beside ? 0.f : table_h));
    if (chart_h < fs * 14.f) chart_h = chart_height(summary_h);
    chart_h = std::clamp(chart_h, fs * 9.f, fs * 18.f);
    if (tables_beside) ImGui::BeginGroup();
    for (int r = 0; r < rows; ++r) {
        ImGui::PushID(r);
        const int count = std::min(per_row, temps - r * per_row);
        if (ImGui::BeginTable("##charts", per_row, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX |
                                                      ImGuiTableFlags_NoPadInnerX,
                              ImVec2(charts_w, 0))) {
            for (int c = 0; c < per_row; ++c) ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, c + 1 < per_row ? column_w + gap : column_w);
            ImGui::TableNextRow();
            for (int c = 0; c < count; ++c) {
                const int i = r * per_row + c;
                const ChartData& d = charts[std::size_t(i)];
                ImGui::TableSetColumnIndex(c);
                ImGui::PushID(c);
                if (sliders_in_columns) {
                    bool pressed = false;
                    TemperatureRow(i, st.temperatures[std::size_t(i)], true, pressed, column_w);
                    if (pressed) remove = i;
                    fill_chart(i);
                }
                ImGui::PushFont(ctx.fonts.bold);
                const std::string title = "T = " + format_temperature(st.temperatures[std::size_t(i)]) +
                                          (i == 0 && temps > 1 ? " (drawn from)" : "");
                TextWrappedAtSpaces(title, column_w);
                ImGui::PopFont();
                ProbabilityChart("##chart", d, ImVec2(column_w, chart_h));
                const double h = nn::entropy_bits(d.p);
                char text[160];
                std::snprintf(text, sizeof text,
                              "H\xC2\xA0=\xC2\xA0%.4f\xC2\xA0" "bits of max log\xE2\x82\x82(%d)\xC2\xA0=\xC2\xA0%.4f", h, n,
                              h_max);
                TextWrappedAtSpaces(text, column_w);
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Entropy: how unsure the choice is, in bits. 0: one token is certain;\n"
                                      "log2(5): all five equally likely.");
                ImGui::PushStyleColor(ImGuiCol_PlotHistogram, kKeptColor);
                ImGui::ProgressBar(float(h / h_max), ImVec2(column_w, std::round(fs * 0.5f)), "");
                ImGui::PopStyleColor();
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    }

    // ---- The draws: how many, the latest with their surprise, the mean surprise ----
    auto draws_summary = [&](float w) {
        ImGui::Spacing();
        if (st.draws.total == 0) {
            transformer::MutedText("No draws yet: Draw picks tokens at T\xC2\xA0=\xC2\xA0" + t1 +
                                       " at random with these probabilities, and counts them.",
                                   w);
        } else {
            std::string filters;
            if (st.top_k > 0) filters += " top-k\xC2\xA0" + std::to_string(st.top_k);
            if (st.top_p < 1.f) filters += std::string(filters.empty() ? " " : ", ") + "top-p\xC2\xA0" + fixed(st.top_p, 2);
            std::string text = "N\xC2\xA0=\xC2\xA0" + train::format_count(st.draws.total) + " draws at T\xC2\xA0=\xC2\xA0" + t1 +
                               (filters.empty() ? "" : "," + filters) + ". Latest:";
            for (std::size_t j = 0; j < st.last.size(); ++j) {
                const int k = st.last[j];
                text += std::string(j ? ", " : " ") + kWords[k] + "\xC2\xA0" + fixed(nn::surprise_bits(q[std::size_t(k)]), 2) +
                        "\xC2\xA0" "bits";
            }
            text += ".";
            TextWrappedAtSpaces(text, w);
            text = "Average surprise " + fixed(st.draws.mean_surprise_bits(), 2) + "\xC2\xA0" "bits; entropy " +
                   fixed(nn::entropy_bits(q), 4) + "\xC2\xA0" "bits.";
            TextWrappedAtSpaces(text, w);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("The entropy is the average surprise to expect: the more draws, the closer the two.");
        }
    };

    if (tables_beside) {
        draws_summary(charts_w);  // under the charts, in view, not under the taller tables
        ImGui::EndGroup();
        ImGui::SameLine(0.f, gap * 2.f);
        ImGui::BeginGroup();
        tables(tables_w);
        ImGui::EndGroup();
    }

    if (!tables_beside) {
        draws_summary(width);
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        tables(width);
    }
    if (remove >= 0) st.temperatures.erase(st.temperatures.begin() + remove);
}

}  // namespace ui
