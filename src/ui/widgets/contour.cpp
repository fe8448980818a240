#include "ui/widgets/contour.h"

#include <utility>

namespace ui {

std::vector<Segment> contour_segments(const std::vector<float>& values, int rows, int cols, float level) {
    std::vector<Segment> out;
    if (rows < 2 || cols < 2 || values.size() < std::size_t(rows) * cols) return out;
    const auto at = [&](int r, int c) { return values[std::size_t(r) * cols + c]; };
    // Where the field crosses `level` between two samples a (at p) and b (at q).
    const auto cross = [&](float a, float b, float px, float py, float qx, float qy) {
        const float t = (level - a) / (b - a);
        return std::pair<float, float>(px + t * (qx - px), py + t * (qy - py));
    };
    for (int r = 0; r + 1 < rows; ++r)
        for (int c = 0; c + 1 < cols; ++c) {
            const float v00 = at(r, c), v01 = at(r, c + 1), v10 = at(r + 1, c), v11 = at(r + 1, c + 1);
            // Points on the four edges where the sign changes: bottom, right, top, left.
            std::pair<float, float> p[4];
            int n = 0;
            if ((v00 > level) != (v01 > level)) p[n++] = cross(v00, v01, c, r, c + 1, r);
            if ((v01 > level) != (v11 > level)) p[n++] = cross(v01, v11, c + 1, r, c + 1, r + 1);
            if ((v11 > level) != (v10 > level)) p[n++] = cross(v11, v10, c + 1, r + 1, c, r + 1);
            if ((v10 > level) != (v00 > level)) p[n++] = cross(v10, v00, c, r + 1, c, r);
            if (n == 2) {
                out.push_back({p[0].first, p[0].second, p[1].first, p[1].second});
            } else if (n == 4) {
                // A saddle: the centre's value decides which corners are joined.
                const bool centre_above = (v00 + v01 + v10 + v11) * 0.25f > level;
                const bool corner_above = v00 > level;
                if (centre_above == corner_above) {
                    out.push_back({p[0].first, p[0].second, p[1].first, p[1].second});
                    out.push_back({p[2].first, p[2].second, p[3].first, p[3].second});
                } else {
                    out.push_back({p[0].first, p[0].second, p[3].first, p[3].second});
                    out.push_back({p[1].first, p[1].second, p[2].first, p[2].second});
                }
            }
        }
    return out;
}

}  // namespace ui
