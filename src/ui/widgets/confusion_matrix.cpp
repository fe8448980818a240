// The confusion matrix: for each true class (a row), how its examples were classified.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "ui/widgets/plot_axes.h"
#include "ui/widgets/plot_internal.h"

namespace ui {

using namespace plot_detail;

namespace {
constexpr ImU32 kSelectedCell = IM_COL32(255, 80, 190, 255);  // a pink that no viridis fill (nor the white diagonal) resembles
}  // namespace

std::vector<float> plot_detail::row_shares(std::span<const int> counts, int classes) {
    std::vector<float> shares(std::size_t(classes) * std::size_t(classes), 0.f);
    for (int r = 0; r < classes; ++r) {
        long total = 0;
        for (int c = 0; c < classes; ++c) total += std::max(0, counts[std::size_t(r * classes + c)]);
        if (total == 0) continue;
        for (int c = 0; c < classes; ++c)
            shares[std::size_t(r * classes + c)] = float(std::max(0, counts[std::size_t(r * classes + c)])) / float(total);
    }
    return shares;
}

MatrixCell plot_detail::matrix_cell_at(float side, int classes, ImVec2 local) {
    if (classes <= 0 || !(side > 0) || local.x < 0 || local.y < 0) return {};
    const int c = int(std::floor(local.x / side)), r = int(std::floor(local.y / side));
    if (r >= classes || c >= classes) return {};
    return {r, c};
}

MatrixCell ConfusionMatrix(const char* id, std::span<const int> counts, int classes, std::span<const std::string> labels,
                     const ConfusionMatrixOptions& options) {
    if (classes < 0 || std::size_t(classes) * std::size_t(classes) > counts.size()) classes = 0;  // malformed input
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);
    const auto label = [&](int i) { return i < int(labels.size()) ? labels[std::size_t(i)] : std::to_string(i); };
    float label_w = 0;
    for (int i = 0; i < classes; ++i) label_w = std::max(label_w, text_size(label(i)).x);
    const float avail = options.size.x > 0 ? options.size.x : ImGui::GetContentRegionAvail().x;
    const float line = ImGui::GetTextLineHeight();
    const float top = line + pad;                     // the row title
    const float bottom = pad + line + pad + line;     // column labels, then the column title
    const float left = label_w + pad * 2.f;
    float side = classes > 0 ? std::floor((avail - left - pad) / float(classes)) : 0.f;
    if (options.size.y > 0 && classes > 0) side = std::min(side, std::floor((options.size.y - top - bottom) / float(classes)));
    side = std::max(side, 4.f);
    const float grid = side * float(classes);
    const float height = options.size.y > 0 ? options.size.y : top + grid + bottom;
    ImRect bb;
    if (!begin_widget(id, ImVec2(avail, height), height, bb)) return {};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (classes == 0) {
        no_data_note(dl, bb);
        return {};
    }
    const std::vector<float> shares = row_shares(counts, classes);
    const ImVec2 g0(bb.Min.x + left, bb.Min.y + top);
    draw_text(dl, ImVec2(bb.Min.x, bb.Min.y), kMutedText, shorten_to_width(options.row_title + " ↓", avail));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const MatrixCell hover = ImGui::IsItemHovered() ? matrix_cell_at(side, classes, ImVec2(mouse.x - g0.x, mouse.y - g0.y))
                                                    : MatrixCell{};
    const MatrixCell clicked = hover.valid() && ImGui::IsItemClicked() ? hover : MatrixCell{};
    const int hover_r = hover.row, hover_c = hover.col;
    for (int r = 0; r < classes; ++r) {
        const std::string rl = label(r);
        draw_text(dl, ImVec2(g0.x - pad - text_size(rl).x, g0.y + side * (float(r) + 0.5f) - line * 0.5f), text_color(), rl);
        for (int c = 0; c < classes; ++c) {
            const ImVec2 p0(g0.x + side * float(c), g0.y + side * float(r));
            const ImVec2 p1(p0.x + side - 1.f, p0.y + side - 1.f);
            const int n = counts[std::size_t(r * classes + c)];
            const float share = shares[std::size_t(r * classes + c)];
            // An empty cell stays dark and blank, so the few mistakes stand out.
            const ImU32 fill = n > 0 ? colormap_color(Colormap::Viridis, std::sqrt(share)) : kPlotBg;
            dl->AddRectFilled(p0, p1, fill);
            if (n > 0) {
                // The count in the cell: at the plot's text size, or a size smaller when that is
                // what fits (the diagonal's three digits), else only in the tooltip.
                const std::string text = std::to_string(n);
                const ImU32 ink = luminance(fill) > 0.5f ? IM_COL32(15, 15, 20, 255) : IM_COL32(240, 240, 245, 255);
                for (const float scale : {1.f, 0.75f}) {
                    const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(font * scale, FLT_MAX, 0.f, text.c_str());
                    if (ts.x > side - 4.f || ts.y > side - 2.f) continue;
                    dl->AddText(ImGui::GetFont(), font * scale,
                                ImVec2(std::floor(p0.x + (side - ts.x) * 0.5f), std::floor(p0.y + (side - ts.y) * 0.5f)), ink,
                                text.c_str());
                    break;
                }
            }
        }
        // The right answers, on the diagonal.
        dl->AddRect(ImVec2(g0.x + side * float(r), g0.y + side * float(r)),
                    ImVec2(g0.x + side * float(r + 1) - 1.f, g0.y + side * float(r + 1) - 1.f), IM_COL32_WHITE, 0.f, 0, 2.f);
    }
    // The chosen cell, over its neighbours' fill.
    if (options.selected_row >= 0 && options.selected_row < classes && options.selected_col >= 0 && options.selected_col < classes) {
        const ImVec2 p0(g0.x + side * float(options.selected_col), g0.y + side * float(options.selected_row));
        const float t = std::max(2.f, std::round(font * 0.15f));
        dl->AddRect(ImVec2(p0.x - t * 0.5f, p0.y - t * 0.5f), ImVec2(p0.x + side - 1.f + t * 0.5f, p0.y + side - 1.f + t * 0.5f),
                    kSelectedCell, 0.f, 0, t);
    }
    // Column labels: every k-th when they would run together.
    float widest = 0;
    for (int c = 0; c < classes; ++c) widest = std::max(widest, text_size(label(c)).x);
    const int stride = std::max(1, int(std::ceil((widest + pad) / side)));
    for (int c = 0; c < classes; c += stride) {
        const std::string cl = label(c);
        draw_text(dl, ImVec2(g0.x + side * (float(c) + 0.5f) - text_size(cl).x * 0.5f, g0.y + grid + pad), text_color(), cl);
    }
    const std::string title = shorten_to_width(options.col_title + " →", grid + left);
    draw_text(dl, ImVec2(g0.x + (grid - text_size(title).x) * 0.5f, g0.y + grid + pad + line + pad), kMutedText, title);
    if (hover_r >= 0) {
        long total = 0;
        for (int c = 0; c < classes; ++c) total += counts[std::size_t(hover_r * classes + c)];
        ImGui::BeginTooltip();
        ImGui::Text("%s %s, %s %s: %d of %ld (%.1f%%)", options.row_title.c_str(), label(hover_r).c_str(),
                    options.col_title.c_str(), label(hover_c).c_str(), counts[std::size_t(hover_r * classes + hover_c)],
                    total, 100.0 * double(shares[std::size_t(hover_r * classes + hover_c)]));
        ImGui::EndTooltip();
    }
    return clicked;
}

}  // namespace ui
