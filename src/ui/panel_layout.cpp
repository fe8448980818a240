#include "ui/panel_layout.h"

#include <algorithm>
#include <numeric>

namespace ui {

namespace {
// Heights for the column's panels: shares of `height` by weight, but never below a minimum. Those
// whose share falls short get their minimum and the rest is shared again among the others.
std::vector<float> column_heights(std::span<const PanelSpec> panels, float height) {
    const std::size_t n = panels.size();
    std::vector<float> h(n, 0.f);
    std::vector<char> fixed(n, 0);
    for (std::size_t round = 0; round <= n; ++round) {
        float free = height, weight = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (fixed[i]) free -= h[i];
            else weight += panels[i].weight;
        }
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (fixed[i]) continue;
            h[i] = weight > 0 ? std::max(0.f, free) * panels[i].weight / weight : 0.f;
            if (h[i] < panels[i].min_height) {
                h[i] = panels[i].min_height;
                fixed[i] = 1;
                changed = true;
            }
        }
        if (!changed) break;
    }
    return h;
}

float total(const std::vector<float>& v, float gap) {
    return v.empty() ? 0.f : std::accumulate(v.begin(), v.end(), 0.f) + gap * float(v.size() - 1);
}
}  // namespace

PanelArrangement arrange_panels(std::span<const PanelSpec> panels, float width, float height, float gap,
                                float scrollbar) {
    PanelArrangement a;
    const std::size_t n = panels.size();
    if (n == 0) return a;
    a.content_height = height;

    if (n == 1) {
        const float h = std::max(height, panels[0].min_height);
        a.scrolls = h > height + 0.5f;
        a.rects.push_back({0, 0, a.scrolls ? width - scrollbar : width, h});
        a.content_height = h;
        return a;
    }

    const PanelSpec& main = panels[0];
    const std::span<const PanelSpec> column = panels.subspan(1);
    float column_min_width = 0;
    for (const PanelSpec& p : column) column_min_width = std::max(column_min_width, p.min_width);

    // Side by side: the main panel about square, the column what is left (at least its minimum).
    float main_w = std::min(height + main.square_extra, width * 0.56f);
    main_w = std::min(main_w, width - gap - column_min_width - scrollbar);
    if (main_w >= main.min_width) {
        std::vector<float> heights = column_heights(column, height - gap * float(column.size() - 1));
        a.scrolls = total(heights, gap) > height + 0.5f || height < main.min_height;
        const float column_w = width - main_w - gap - (a.scrolls ? scrollbar : 0.f);
        if (column_w >= column_min_width) {
            const float main_h = std::max(height, main.min_height);
            a.rects.push_back({0, 0, main_w, main_h});
            float y = 0;
            for (float h : heights) {
                a.rects.push_back({main_w + gap, y, column_w, h});
                y += h + gap;
            }
            a.content_height = std::max(main_h, y - gap);
            a.scrolls = a.content_height > height + 0.5f;
            return a;
        }
    }

    // Too narrow for two columns: one above the other, full width, the area scrolling. The main
    // panel fills the area's height, what the class sees before anyone scrolls; the others about
    // half of it each.
    a.stacked = true;
    a.scrolls = true;
    const float w = width - scrollbar;
    float y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const PanelSpec& p = panels[i];
        const float wanted = i == 0 ? height : (height - gap) * 0.5f;
        const float h = std::max(p.min_height, wanted);
        a.rects.push_back({0, y, w, h});
        y += h + gap;
    }
    a.content_height = y - gap;
    return a;
}

}  // namespace ui
