// The heatmap: a matrix of coloured cells with row and column labels and a colorbar.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/widgets/colorbar.h"
#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

void Heatmap(const char* id, std::span<const float> values, int rows, int cols, const HeatmapOptions& options) {
    rows = std::max(rows, 0);
    cols = std::max(cols, 0);
    if (size_t(rows) * size_t(cols) > values.size()) rows = cols > 0 ? int(values.size() / size_t(cols)) : 0;  // malformed input
    const size_t n_cells = size_t(rows) * size_t(cols);
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const bool has_row_labels = !options.row_labels.empty() && rows > 0;
    const bool has_col_labels = !options.col_labels.empty() && cols > 0;

    const bool log = options.log_scale;
    double max_abs = 0;
    for (size_t i = 0; i < n_cells; ++i)
        if (finite(values[i])) max_abs = std::max(max_abs, std::fabs(double(values[i])));
    const ColorScale cs(values.first(n_cells), options.colormap, options.v_min, options.v_max, log);
    const AxisRange& cr = cs.range;
    auto color_of = [&](double v) { return cs.color(v); };
    // Cell text: the same number of decimals across the matrix.
    auto cell_text = [&](double v) -> std::string {
        if (v == 0) return "0";
        if (log || max_abs >= 1e4 || max_abs < 0.1) return format_value(v, 2);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.*f", max_abs >= 100 ? 0 : max_abs >= 10 ? 1 : 2, v);
        return buf;
    };

    float row_label_w = 0;
    for (int r = 0; has_row_labels && r < rows && r < int(options.row_labels.size()); ++r)
        row_label_w = std::max(row_label_w, text_size(options.row_labels[size_t(r)]).x);
    std::vector<float> col_label_w;
    for (int c = 0; has_col_labels && c < cols && c < int(options.col_labels.size()); ++c)
        col_label_w.push_back(text_size(options.col_labels[size_t(c)]).x);

    const float top = options.colorbar_label.empty() ? std::round(font * 0.6f) : std::round(font * 1.6f + pad);
    const float label_row_h = std::round(font * 1.05f);
    auto bottom_for = [&](int label_rows) {
        return has_col_labels ? std::round(pad * 0.5f + label_row_h * float(label_rows) + pad) : std::round(font * 0.6f);
    };

    // Default height: square-ish cells, within reason.
    float default_h;
    {
        const float avail_w = options.size.x > 0 ? options.size.x : ImGui::GetContentRegionAvail().x;
        const float grid_w = std::max(avail_w - row_label_w - font * 6.f, 10.f);
        const float cell = cols > 0 ? grid_w / float(cols) : font;
        const float grid_h = std::clamp(float(rows) * std::min(cell, font * 1.5f), font * 5.f, font * 20.f);
        default_h = std::round(grid_h + top + bottom_for(1));
    }
    ImRect bb;
    if (!begin_widget(id, options.size, default_h, bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Layout for one or two rows of column labels: grid rectangle and colorbar ticks (3-5 labels that
    // fit the bar's height; the widest label sets the right margin).
    ImRect grid;
    Colorbar cbar_layout;
    auto layout = [&](int label_rows) {
        grid.Min.y = bb.Min.y + top;
        grid.Max.y = std::max(grid.Min.y + 4.f, bb.Max.y - bottom_for(label_rows));
        cbar_layout = Colorbar(cr, grid.GetHeight());
        const float right = cbar_layout.width();
        const float left = has_row_labels ? std::min(row_label_w + pad * 1.5f, bb.GetWidth() * 0.35f) : 0.f;
        grid.Min.x = bb.Min.x + std::round(left);
        grid.Max.x = std::max(grid.Min.x + 4.f, bb.Max.x - std::round(right));
    };

    // Column labels: all in one row; else staggered over two rows; else every k-th.
    auto col_label_x = [&](int c) {
        const float cell_w = grid.GetWidth() / float(cols);
        const float w = col_label_w[size_t(c)];
        return std::clamp(grid.Min.x + cell_w * (float(c) + 0.5f) - w * 0.5f, bb.Min.x, std::max(bb.Min.x, bb.Max.x - w));
    };
    auto labels_fit = [&](int k, bool stagger) {
        float last_right[2] = {-1e30f, -1e30f};
        for (int c = 0, i = 0; c < int(col_label_w.size()); c += k, ++i) {
            const int row = stagger ? i % 2 : 0;
            const float x = col_label_x(c);
            if (x < last_right[row] + font * 0.5f) return false;
            last_right[row] = x + col_label_w[size_t(c)];
        }
        return true;
    };
    int label_rows = 1, stride = 1;
    layout(1);
    if (has_col_labels && !labels_fit(1, false)) {
        bool staggered = false;
        if (labels_fit(1, true)) {
            layout(2);
            // Worth it unless the lost height would thin out the row labels.
            const float need_h = has_row_labels ? float(rows) * font * 1.05f : font * 3.f;
            staggered = labels_fit(1, true) && grid.GetHeight() >= std::min(need_h, font * 3.f) &&
                        (!has_row_labels || grid.GetHeight() >= need_h);
            if (!staggered) layout(1);
        }
        if (staggered) {
            label_rows = 2;
        } else {
            while (stride < cols && !labels_fit(stride, false)) ++stride;
        }
    }
    const float gw = grid.GetWidth(), gh = grid.GetHeight();
    if (rows == 0 || cols == 0) {
        dl->AddRectFilled(grid.Min, grid.Max, kPlotBg);
        no_data_note(dl, grid);
    } else {
        // Cells, or blocks of cells averaged together when there are more cells than pixels (and at
        // most ~40k rectangles whatever the matrix).
        int draw_rows = std::min(rows, std::max(1, int(gh)));
        int draw_cols = std::min(cols, std::max(1, int(gw)));
        if (double(draw_rows) * draw_cols > 40000.0) {
            const double k = std::sqrt(double(draw_rows) * draw_cols / 40000.0);
            draw_rows = std::max(1, int(draw_rows / k));
            draw_cols = std::max(1, int(draw_cols / k));
        }
        const float cw = gw / float(draw_cols), ch = gh / float(draw_rows);
        const float gap = (cw >= 10.f && ch >= 10.f) ? 1.f : 0.f;
        const bool blocks = draw_rows != rows || draw_cols != cols;
        // Values in every cell or in none: only when the widest one fits.
        const auto written = [&](double v) { return options.format ? options.format(v) : cell_text(v); };
        bool show_values = options.show_values && !blocks && cw - gap >= font * 1.2f && ch - gap >= font;
        for (size_t i = 0; show_values && i < n_cells; ++i)
            if (finite(values[i]) && text_size(written(values[i])).x + font * 0.3f > cw - gap - 1.f) show_values = false;
        dl->AddRectFilled(grid.Min, grid.Max, gap > 0 ? kPlotBg : kMissingCell);
        std::vector<float> means;  // block means, when cells are merged
        if (blocks) plot_detail::downsample_grid(values, rows, cols, draw_rows, draw_cols, means);
        for (int br = 0; br < draw_rows; ++br) {
            const float ya = std::round(grid.Min.y + ch * float(br)), yb = std::round(grid.Min.y + ch * float(br + 1));
            for (int bc = 0; bc < draw_cols; ++bc) {
                const float xa = std::round(grid.Min.x + cw * float(bc)), xb = std::round(grid.Min.x + cw * float(bc + 1));
                const double v = blocks ? double(means[size_t(br) * size_t(draw_cols) + size_t(bc)])
                                        : double(values[size_t(br) * size_t(cols) + size_t(bc)]);
                const ImU32 col = color_of(v);
                dl->AddRectFilled(ImVec2(xa, ya), ImVec2(xb - gap, yb - gap), col);
                if (show_values && finite(v)) {
                    const std::string text = written(v);
                    const ImVec2 sz = text_size(text);
                    {
                        ImU32 tc = luminance(col) > 0.45f ? IM_COL32(10, 10, 15, 255) : IM_COL32(250, 250, 250, 255);
                        if (v == 0) tc = (tc & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 120);  // quiet zeros (masks)
                        draw_text(dl, ImVec2(0.5f * (xa + xb - gap - sz.x), 0.5f * (ya + yb - gap - sz.y)), tc, text);
                    }
                }
            }
        }

        // Row labels (every k-th when rows are shorter than a line of text).
        const float cell_h = gh / float(rows), cell_w = gw / float(cols);
        if (has_row_labels) {
            const int k = std::max(1, int(std::ceil(font * 1.05f / cell_h)));
            dl->PushClipRect(bb.Min, ImVec2(grid.Min.x, bb.Max.y), true);
            for (int r = 0; r < rows && r < int(options.row_labels.size()); r += k) {
                const std::string& text = options.row_labels[size_t(r)];
                const ImVec2 sz = text_size(text);
                const float y = std::clamp(grid.Min.y + cell_h * (float(r) + 0.5f) - sz.y * 0.5f, bb.Min.y, bb.Max.y - sz.y);
                draw_text(dl, ImVec2(grid.Min.x - pad - sz.x, y), text_color(), text);
            }
            dl->PopClipRect();
        }
        if (has_col_labels) {
            dl->PushClipRect(bb.Min, bb.Max, true);
            for (int c = 0, i = 0; c < int(col_label_w.size()); c += stride, ++i) {
                const int row = label_rows == 2 ? i % 2 : 0;
                const float y = grid.Max.y + pad * 0.5f + label_row_h * float(row);
                if (row == 1) {  // a faint leader from the column to its lower label
                    const float cx = std::round(grid.Min.x + cell_w * (float(c) + 0.5f));
                    dl->AddLine(ImVec2(cx, grid.Max.y + 1), ImVec2(cx, y + 2), kGridColor, 2.f);
                }
                draw_text(dl, ImVec2(col_label_x(c), y), text_color(), options.col_labels[size_t(c)]);
            }
            dl->PopClipRect();
        }

        if (options.overlay) {
            dl->PushClipRect(bb.Min, bb.Max, true);
            options.overlay(dl, grid.Min, grid.Max);
            dl->PopClipRect();
        }

        // Hover: outline the cell and report it.
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        if (hovered && grid.Contains(mouse)) {
            const int c = std::clamp(int((mouse.x - grid.Min.x) / cell_w), 0, cols - 1);
            const int r = std::clamp(int((mouse.y - grid.Min.y) / cell_h), 0, rows - 1);
            const ImVec2 a(grid.Min.x + cell_w * float(c), grid.Min.y + cell_h * float(r));
            const ImVec2 b(a.x + std::max(cell_w, 3.f), a.y + std::max(cell_h, 3.f));
            dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(0, 0, 0, 255), 0.f, 0, 4.f);
            dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
            const double v = values[size_t(r) * size_t(cols) + size_t(c)];
            ImGui::BeginTooltip();
            ImGui::Text("row %d, col %d: %s", r, c, format_value(v, 4).c_str());
            const bool rl = r < int(options.row_labels.size()), cl = c < int(options.col_labels.size());
            if (rl || cl) {
                const std::string names = std::string(rl ? options.row_labels[size_t(r)] : "") + (rl && cl ? "  /  " : "") +
                                          (cl ? options.col_labels[size_t(c)] : "");
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kMutedText));
                ImGui::TextUnformatted(names.c_str());
                ImGui::PopStyleColor();
            }
            ImGui::EndTooltip();
        }
    }

    cbar_layout.draw(dl, bb, grid, options.colormap, options.colorbar_label, {});
}

}  // namespace ui
