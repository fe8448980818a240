// The word map: hundreds of labelled points, labelled only where a label has room.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "ui/widgets/plot.h"
#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

ImU32 group_color(int group) {
    // Okabe-Ito's eight, then eight more of other hues and lightness, all readable on dark grey.
    static constexpr std::array<ImU32, 16> kColors = {
        IM_COL32(0xE6, 0x9F, 0x00, 255), IM_COL32(0x56, 0xB4, 0xE9, 255), IM_COL32(0x00, 0x9E, 0x73, 255),
        IM_COL32(0xF0, 0xE4, 0x42, 255), IM_COL32(0x3D, 0x8B, 0xFF, 255), IM_COL32(0xD5, 0x5E, 0x00, 255),
        IM_COL32(0xCC, 0x79, 0xA7, 255), IM_COL32(0xA0, 0xA0, 0xA0, 255), IM_COL32(0x9C, 0xE0, 0x6B, 255),
        IM_COL32(0xFF, 0x8A, 0x8A, 255), IM_COL32(0xB3, 0x8C, 0xFF, 255), IM_COL32(0x5F, 0xE0, 0xD0, 255),
        IM_COL32(0xFF, 0xC8, 0x8A, 255), IM_COL32(0xE0, 0x4C, 0x8C, 255), IM_COL32(0x8A, 0xB4, 0x5A, 255),
        IM_COL32(0xD8, 0xD8, 0xF0, 255),
    };
    const int n = int(kColors.size());
    return kColors[std::size_t(((group % n) + n) % n)];
}

namespace {
// A label with a dark shadow below and right, readable over the dots: a fourth of the plots'
// eight-sided halo, which matters at a hundred labels a frame on a software renderer.
void draw_label(ImDrawList* dl, ImVec2 pos, ImU32 col, const std::string& s) {
    pos = ImVec2(std::floor(pos.x), std::floor(pos.y));
    // One or two pixels: further apart, the two copies read as two texts, not one with a shadow.
    const float d = std::clamp(std::round(ImGui::GetFontSize() * 0.06f), 1.f, 2.f);
    draw_text(dl, ImVec2(pos.x + d, pos.y + d), IM_COL32(0, 0, 0, 230), s);
    draw_text(dl, pos, col, s);
}
}  // namespace

int WordMap(const char* id, std::span<const float> x, std::span<const float> y, std::span<const int> groups,
            std::span<const std::string> labels, const WordMapOptions& options) {
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return -1;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    const std::size_t n = std::min(x.size(), y.size());
    const float radius = std::max(options.point_radius, 2.f);
    const auto shown = [&](std::size_t i) { return finite(x[i]) && finite(y[i]); };
    const auto faint = [&](std::size_t i) { return i < options.faint.size() && options.faint[i]; };
    const auto color_of = [&](std::size_t i) { return group_color(i < groups.size() ? groups[i] : 0); };

    Extent ex, ey;
    for (std::size_t i = 0; i < n; ++i)
        if (shown(i)) {
            ex.add(x[i]);
            ey.add(y[i]);
        }
    const AxisRange xr = fit_range(options.x_min, options.x_max, false, ex.lo, ex.hi, 0.07);
    const AxisRange yr = fit_range(options.y_min, options.y_max, false, ey.lo, ey.hi, 0.09);
    const Frame f = draw_frame(dl, bb, xr, yr, options.x_label, options.y_label);
    if (ex.empty()) no_data_note(dl, f.plot);
    const auto at = [&](std::size_t i) { return ImVec2(f.x.to_px(x[i]), f.y.to_px(y[i])); };

    std::vector<bool> ringed(n, false);
    for (int i : options.ringed)
        if (i >= 0 && std::size_t(i) < n) ringed[std::size_t(i)] = true;

    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    // Without anti-aliased edges an octagon is 6 triangles instead of 22; at this size its edge
    // shows no stair-steps from the back of a room.
    const ImDrawListFlags saved_flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    // Faint words under the others, ringed words on top.
    for (int pass = 0; pass < 3; ++pass)
        for (std::size_t i = 0; i < n; ++i) {
            if (!shown(i) || (pass == 0) != faint(i) || (pass == 2) != ringed[i]) continue;
            if (pass == 1 && (faint(i) || ringed[i])) continue;
            const ImVec2 p = at(i);
            ImU32 c = color_of(i);
            if (faint(i)) c = (c & 0x00FFFFFFu) | (IM_COL32_A_MASK & IM_COL32(0, 0, 0, 70));
            // Hundreds of dots redrawn with every snapshot while training, by a software renderer
            // on a school laptop: each a plain octagon (6 triangles; ImGui's anti-aliased circle
            // with an outline takes about 70, and the frame time showed it).
            const float r = ringed[i] ? radius * 1.4f : radius;
            dl->AddCircleFilled(p, r, c, 8);
            if (ringed[i]) dl->AddCircle(p, r + 3.f, IM_COL32(255, 255, 255, 255), 0, 2.5f);
        }
    dl->Flags = saved_flags;

    // Labels, most important first; a label that would cover one already placed (or a ringed
    // point) is left out: the tooltip names every word.
    std::vector<std::size_t> order;
    std::vector<bool> queued(n, false);
    const auto queue = [&](std::size_t i) {
        if (i < n && !queued[i] && i < labels.size() && !labels[i].empty() && shown(i) && !faint(i)) {
            queued[i] = true;
            order.push_back(i);
        }
    };
    for (std::size_t i = 0; i < n; ++i)
        if (ringed[i]) queue(i);
    for (int i : options.label_first)
        if (i >= 0) queue(std::size_t(i));
    for (std::size_t i = 0; i < n; ++i) queue(i);

    // The rings first: no label may cover a ringed word (except its own label, beside it).
    std::vector<ImRect> placed;
    std::vector<std::size_t> ring_index(n, std::size_t(-1));
    for (std::size_t i = 0; i < n; ++i)
        if (ringed[i] && shown(i)) {
            const ImVec2 p = at(i);
            const float r = radius * 1.4f + 3.f;
            ring_index[i] = placed.size();
            placed.emplace_back(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r));
        }
    const float gap = std::max(1.f, font * 0.1f);
    for (std::size_t i : order) {
        const ImVec2 p = at(i);
        const ImVec2 sz = text_size(labels[i]);
        const std::size_t own_ring = ring_index[i];
        // A ringed word's label clears its ring.
        const float off = (ringed[i] ? radius * 1.4f + 3.f : radius) + font * 0.15f;
        const ImVec2 candidates[] = {
            ImVec2(p.x + off, p.y - sz.y * 0.5f),         // right
            ImVec2(p.x - off - sz.x, p.y - sz.y * 0.5f),  // left
            ImVec2(p.x - sz.x * 0.5f, p.y - off - sz.y),  // above
            ImVec2(p.x - sz.x * 0.5f, p.y + off),         // below
        };
        for (const ImVec2& c : candidates) {
            const ImRect r(c, ImVec2(c.x + sz.x, c.y + sz.y));
            if (r.Min.x < f.plot.Min.x + 1 || r.Max.x > f.plot.Max.x - 1 || r.Min.y < f.plot.Min.y + 1 ||
                r.Max.y > f.plot.Max.y - 1)
                continue;
            ImRect padded = r;
            padded.Expand(gap);
            bool free = true;
            for (std::size_t k = 0; k < placed.size(); ++k)
                if (k != own_ring && padded.Overlaps(placed[k])) {
                    free = false;
                    break;
                }
            if (!free) continue;
            placed.push_back(r);
            draw_label(dl, c, ringed[i] ? IM_COL32(255, 255, 255, 255) : text_color(), labels[i]);
            break;
        }
    }
    dl->PopClipRect();

    int hovered_word = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && f.plot.Contains(mouse)) {
        float best_d2 = (radius + font * 0.5f) * (radius + font * 0.5f);
        for (std::size_t i = 0; i < n; ++i) {
            if (!shown(i)) continue;
            const ImVec2 p = at(i);
            const float d2 = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
            if (d2 <= best_d2) {
                best_d2 = d2;
                hovered_word = int(i);
            }
        }
        if (hovered_word >= 0) dl->AddCircle(at(std::size_t(hovered_word)), radius + 4.f, IM_COL32(255, 255, 255, 255), 0, 2.5f);
    }
    return hovered_word;
}

}  // namespace ui
