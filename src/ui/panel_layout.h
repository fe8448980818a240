#pragma once
// Where the panels of a step go in the area right of the lesson, for any screen and text size.
//
// The first panel is the main one (the plane, the landscape...): it takes the left part, about as
// wide as the area is tall; the others share a column on the right, each at least its minimum
// height. When the column's minimums add up to more than the area's height, the whole area
// scrolls (with a visible scrollbar) instead of squeezing a panel below its readable size. When
// the area is too narrow for two columns, the panels stack one above the other, full width, and
// the area scrolls. No panel is ever narrower or shorter than its minimum unless the area itself is.
#include <span>
#include <vector>

namespace ui {

struct PanelSpec {
    float weight = 1.f;       // share of the column's height
    float min_width = 0.f;    // pixels
    float min_height = 0.f;   // pixels
    float square_extra = 0.f; // a square main panel (the plane) is this much wider than tall
};

struct PanelRect {
    float x = 0, y = 0, w = 0, h = 0;  // relative to the area's top-left corner
};

struct PanelArrangement {
    std::vector<PanelRect> rects;   // one per spec, in order
    float content_height = 0.f;     // > the area's height when the area must scroll
    bool stacked = false;           // one column, full width
    bool scrolls = false;
};

// `scrollbar`: the width a vertical scrollbar takes when the area must scroll.
PanelArrangement arrange_panels(std::span<const PanelSpec> panels, float width, float height, float gap,
                                float scrollbar);

}  // namespace ui
