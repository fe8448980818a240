#pragma once
// The level set of a sampled field, as line segments: marching squares on a grid.
#include <vector>

namespace ui {

struct Segment {
    float x0, y0, x1, y1;  // in grid units: x = column, y = row (sample centres at integers)
};

// values: rows x cols, row-major. Returns the segments where the field crosses `level`,
// interpolated linearly along the cell edges.
std::vector<Segment> contour_segments(const std::vector<float>& values, int rows, int cols, float level);

}  // namespace ui
