// The attention matrix: queries down, keys across, square cells, labels left and on top; the
// causal mask drawn as removed cells.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/widgets/colorbar.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

namespace {
struct Margins {
    float left = 0, top = 0;
};

Margins margins_of(const AttentionMatrixOptions& o) {
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    Margins m;
    if (o.draw_row_labels)
        for (const std::string& l : o.row_labels) m.left = std::max(m.left, text_size(l).x);
    if (m.left > 0) m.left += pad;
    if (o.draw_col_labels && !o.col_labels.empty()) m.top = std::round(font * 1.1f);
    return m;
}

std::string two_decimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    if (s == "-0.00") s = "0.00";
    return s;
}
}  // namespace

ImVec2 attention_matrix_size(int rows, int cols, const AttentionMatrixOptions& o, ImVec2 avail) {
    const Margins m = margins_of(o);
    const float cell = std::max(2.f, std::min((avail.x - m.left) / float(std::max(cols, 1)),
                                              (avail.y - m.top) / float(std::max(rows, 1))));
    return ImVec2(std::floor(m.left + cell * float(cols)), std::floor(m.top + cell * float(rows)));
}

int AttentionMatrix(const char* id, std::span<const float> values, int rows, int cols,
                    const AttentionMatrixOptions& options) {
    rows = std::max(rows, 0);
    cols = std::max(cols, 0);
    if (std::size_t(rows) * std::size_t(cols) > values.size()) return -1;  // malformed input
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const Margins m = margins_of(options);
    ImVec2 size = options.size;
    if (size.x <= 0 || size.y <= 0) {
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        size = attention_matrix_size(rows, cols, options, ImVec2(avail.x, std::max(avail.y, font * 6.f)));
    }
    ImRect bb;
    if (!begin_widget(id, size, size.y, bb)) return -1;
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (rows == 0 || cols == 0) {
        no_data_note(dl, bb);
        return -1;
    }
    const float cell = std::max(1.f, std::min((bb.GetWidth() - m.left) / float(cols), (bb.GetHeight() - m.top) / float(rows)));
    const ImVec2 g0(std::round(bb.Min.x + m.left), std::round(bb.Min.y + m.top));
    const ImVec2 g1(g0.x + cell * float(cols), g0.y + cell * float(rows));
    const auto is_masked = [&](int r, int c) { return options.masked && c > r; };

    // The colour range of the cells that are shown (a masked cell has no value to show).
    std::vector<float> shown;
    shown.reserve(values.size());
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (!is_masked(r, c)) shown.push_back(values[std::size_t(r * cols + c)]);
    const ColorScale scale(shown, options.colormap, options.v_min, options.v_max, false);

    const auto written = [&](double v) { return options.format ? options.format(v) : two_decimals(v); };
    const float gap = cell >= 8.f ? 1.f : 0.f;
    bool values_fit = options.show_values && cell >= font * 1.1f;
    for (int r = 0; values_fit && r < rows; ++r)
        for (int c = 0; values_fit && c < cols; ++c)
            if (!is_masked(r, c) && text_size(written(values[std::size_t(r * cols + c)])).x + font * 0.25f > cell - gap)
                values_fit = false;
    const std::string minus_inf = "-\xE2\x88\x9E";  // "-∞"
    const bool inf_fits = values_fit && text_size(minus_inf).x + font * 0.25f <= cell - gap;

    dl->AddRectFilled(g0, g1, kPlotBg);
    for (int r = 0; r < rows; ++r) {
        const float ya = std::round(g0.y + cell * float(r)), yb = std::round(g0.y + cell * float(r + 1));
        for (int c = 0; c < cols; ++c) {
            const float xa = std::round(g0.x + cell * float(c)), xb = std::round(g0.x + cell * float(c + 1));
            if (is_masked(r, c)) {
                // Removed: a dark cell crossed by one diagonal stroke, so it reads as "not there".
                dl->AddRectFilled(ImVec2(xa, ya), ImVec2(xb - gap, yb - gap), IM_COL32(34, 35, 42, 255));
                if (cell >= 10.f)
                    dl->AddLine(ImVec2(xa + 2, yb - gap - 2), ImVec2(xb - gap - 2, ya + 2), IM_COL32(90, 90, 100, 255), 1.f);
                if (inf_fits) {
                    const ImVec2 sz = text_size(minus_inf);
                    draw_text(dl, ImVec2(0.5f * (xa + xb - gap - sz.x), 0.5f * (ya + yb - gap - sz.y)),
                              IM_COL32(150, 150, 160, 255), minus_inf);
                }
                continue;
            }
            const double v = values[std::size_t(r * cols + c)];
            const ImU32 col = scale.color(v);
            dl->AddRectFilled(ImVec2(xa, ya), ImVec2(xb - gap, yb - gap), col);
            if (values_fit && finite(v)) {
                const std::string text = written(v);
                const ImVec2 sz = text_size(text);
                const ImU32 tc = luminance(col) > 0.45f ? IM_COL32(10, 10, 15, 255) : IM_COL32(250, 250, 250, 255);
                draw_text(dl, ImVec2(0.5f * (xa + xb - gap - sz.x), 0.5f * (ya + yb - gap - sz.y)), tc, text);
            }
        }
    }
    if (options.highlight_row >= 0 && options.highlight_row < rows) {
        const float ya = std::round(g0.y + cell * float(options.highlight_row));
        dl->AddRect(ImVec2(g0.x - 2, ya - 2), ImVec2(g1.x + 1, ya + cell + 1), IM_COL32(0, 0, 0, 255), 0.f, 0, 4.f);
        dl->AddRect(ImVec2(g0.x - 1, ya - 1), ImVec2(g1.x, ya + cell), IM_COL32(255, 235, 80, 255), 0.f, 0, 2.f);
    }

    // Labels: every k-th when a line of text is taller than a row, or wider than a column.
    if (options.draw_row_labels && !options.row_labels.empty()) {
        const int k = std::max(1, int(std::ceil(font * 1.02f / cell)));
        for (int r = 0; r < rows && r < int(options.row_labels.size()); r += k) {
            const std::string& text = options.row_labels[std::size_t(r)];
            const ImVec2 sz = text_size(text);
            const ImU32 tc = r == options.highlight_row ? IM_COL32(255, 235, 80, 255) : text_color();
            draw_text(dl, ImVec2(g0.x - pad - sz.x, g0.y + cell * (float(r) + 0.5f) - sz.y * 0.5f), tc, text);
        }
    }
    if (options.draw_col_labels && !options.col_labels.empty()) {
        float widest = 0;
        for (const std::string& l : options.col_labels) widest = std::max(widest, text_size(l).x);
        const int k = std::max(1, int(std::ceil((widest + font * 0.4f) / cell)));
        dl->PushClipRect(ImVec2(g0.x - font, bb.Min.y), ImVec2(bb.Max.x, g0.y), true);
        for (int c = 0; c < cols && c < int(options.col_labels.size()); c += k) {
            const std::string& text = options.col_labels[std::size_t(c)];
            const ImVec2 sz = text_size(text);
            draw_text(dl, ImVec2(g0.x + cell * (float(c) + 0.5f) - sz.x * 0.5f, bb.Min.y), text_color(), text);
        }
        dl->PopClipRect();
    }

    // Hover: the cell outlined and named; a click chooses its row.
    int chosen = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= g0.x && mouse.y >= g0.y && mouse.x < g1.x && mouse.y < g1.y) {
        const int c = std::clamp(int((mouse.x - g0.x) / cell), 0, cols - 1);
        const int r = std::clamp(int((mouse.y - g0.y) / cell), 0, rows - 1);
        const ImVec2 a(g0.x + cell * float(c), g0.y + cell * float(r));
        dl->AddRect(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
        ImGui::BeginTooltip();
        const std::string q = r < int(options.row_labels.size()) ? options.row_labels[std::size_t(r)] : std::to_string(r);
        const std::string key = c < int(options.col_labels.size()) ? options.col_labels[std::size_t(c)] : std::to_string(c);
        ImGui::Text("query %d \"%s\", key %d \"%s\"", r + 1, q.c_str(), c + 1, key.c_str());
        if (is_masked(r, c))
            ImGui::TextUnformatted("masked: a later token, which this query may not see");
        else
            ImGui::TextUnformatted(format_value(values[std::size_t(r * cols + c)], 4).c_str());
        ImGui::EndTooltip();
        if (clicked) chosen = r;
    }
    return chosen;
}

}  // namespace ui
