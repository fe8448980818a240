// The image grid: small grey pictures (digits, say) with a caption under each.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/widgets/plot_axes.h"
#include "ui/widgets/plot_internal.h"

namespace ui {

using namespace plot_detail;

GridShape plot_detail::image_grid_shape(int count, float width, float gap, float min_image, int fixed_columns) {
    GridShape g;
    if (count <= 0 || width <= 0) return g;
    g.columns = fixed_columns > 0 ? fixed_columns : int(std::floor((width + gap) / (std::max(min_image, 1.f) + gap)));
    g.columns = std::clamp(g.columns, 1, count);
    g.rows = (count + g.columns - 1) / g.columns;
    g.side = std::max(1.f, std::floor((width - gap * float(g.columns - 1)) / float(g.columns)));
    return g;
}

int plot_detail::image_grid_index_at(const GridShape& g, int count, float gap, float caption_h, ImVec2 local) {
    if (count <= 0 || g.rows <= 0 || g.side <= 0 || local.x < 0 || local.y < 0) return -1;
    const float pitch_x = g.side + gap, pitch_y = g.side + caption_h + gap;
    const int c = int(std::floor(local.x / pitch_x)), r = int(std::floor(local.y / pitch_y));
    if (c >= g.columns || r >= g.rows) return -1;
    if (local.x - float(c) * pitch_x >= g.side || local.y - float(r) * pitch_y >= g.side + caption_h) return -1;  // a gap
    const int i = r * g.columns + c;
    return i < count ? i : -1;
}

namespace {
// One image as grey cells; a run of pixels of one shade (in 32 steps) is one rectangle, so a digit
// on black costs a few dozen quads, not 784.
void draw_grey_cells(ImDrawList* dl, ImVec2 p0, ImVec2 p1, std::span<const float> px, int width, int height) {
    const float cw = (p1.x - p0.x) / float(width), ch = (p1.y - p0.y) / float(height);
    dl->AddRectFilled(p0, p1, IM_COL32(0, 0, 0, 255));
    for (int r = 0; r < height; ++r) {
        int c = 0;
        while (c < width) {
            const float v = std::clamp(px[std::size_t(r * width + c)], 0.f, 1.f);
            const int shade = int(std::lround(v * 31.f));
            int end = c + 1;
            while (end < width && int(std::lround(std::clamp(px[std::size_t(r * width + end)], 0.f, 1.f) * 31.f)) == shade) ++end;
            if (shade > 0) {
                const int g = shade * 255 / 31;
                dl->AddRectFilled(ImVec2(p0.x + cw * float(c), p0.y + ch * float(r)),
                                  ImVec2(p0.x + cw * float(end), p0.y + ch * float(r + 1)), IM_COL32(g, g, g, 255));
            }
            c = end;
        }
    }
}
}  // namespace

int ImageGrid(const char* id, std::span<const float> pixels, int count, int width, int height,
               std::span<const std::string> captions, std::span<const ImU32> caption_colors,
               const ImageGridOptions& options) {
    const std::size_t per_image = std::size_t(std::max(width, 0)) * std::size_t(std::max(height, 0));
    if (per_image == 0) count = 0;
    else count = std::clamp(count, 0, int(pixels.size() / per_image));  // malformed input draws what is there
    const float font = ImGui::GetFontSize();
    const float gap = std::round(font * 0.5f);
    const float avail = options.width > 0 ? options.width : ImGui::GetContentRegionAvail().x;
    const bool has_captions = !captions.empty();
    const float caption_h = has_captions ? ImGui::GetTextLineHeight() + font * 0.15f : 0.f;
    const GridShape g = image_grid_shape(count, avail, gap, options.min_image > 0 ? options.min_image : font * 4.f,
                                         options.columns);
    const float cell_h = g.side + caption_h;
    const float total_h = count > 0 ? float(g.rows) * cell_h + float(g.rows - 1) * gap : font * 2.f;
    ImRect bb;
    if (!begin_widget(id, ImVec2(avail, total_h), total_h, bb)) return -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (count == 0) {
        no_data_note(dl, bb);
        return -1;
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int hovered = ImGui::IsItemHovered()
                            ? image_grid_index_at(g, count, gap, caption_h, ImVec2(mouse.x - bb.Min.x, mouse.y - bb.Min.y))
                            : -1;
    const int clicked = hovered >= 0 && ImGui::IsItemClicked() ? hovered : -1;
    for (int i = 0; i < count; ++i) {
        const int r = i / g.columns, c = i % g.columns;
        const ImVec2 p0(bb.Min.x + float(c) * (g.side + gap), bb.Min.y + float(r) * (cell_h + gap));
        const ImVec2 p1(p0.x + g.side, p0.y + g.side);
        if (options.draw_image) options.draw_image(dl, p0, p1, i);
        else draw_grey_cells(dl, p0, p1, pixels.subspan(std::size_t(i) * per_image, per_image), width, height);
        dl->AddRect(p0, p1, kFrameBorder);
        if (has_captions && i < int(captions.size())) {
            const std::string text = shorten_to_width(captions[std::size_t(i)], g.side);
            const ImU32 color = i < int(caption_colors.size()) ? caption_colors[std::size_t(i)] : text_color();
            draw_text(dl, ImVec2(p0.x + (g.side - text_size(text).x) * 0.5f, p1.y + font * 0.1f), color, text);
        }
    }
    if (hovered >= 0) {
        ImGui::BeginTooltip();
        if (has_captions && hovered < int(captions.size())) ImGui::Text("image %d: %s", hovered + 1, captions[std::size_t(hovered)].c_str());
        else ImGui::Text("image %d", hovered + 1);
        ImGui::EndTooltip();
    }
    return clicked;
}

}  // namespace ui
