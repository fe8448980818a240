// The field plot: a scalar field over a rectangle with contours, a colorbar and paths over it.
#include "ui/widgets/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/widgets/colorbar.h"
#include "ui/widgets/plot_axes.h"

namespace ui {

using namespace plot_detail;

namespace plot_detail {

std::vector<double> contour_levels(double lo, double hi, bool log, int count) {
    if (count <= 0 || !finite(lo) || !finite(hi) || !(lo < hi) || (log && !(lo > 0))) return {};
    std::vector<std::vector<double>> candidates;
    // Strictly inside: a level at the very minimum or maximum would outline a single point.
    auto inside = [&](std::vector<double> v) {
        const double eps_lo = log ? lo * 1e-9 : (hi - lo) * 1e-9, eps_hi = log ? hi * 1e-9 : (hi - lo) * 1e-9;
        v.erase(std::remove_if(v.begin(), v.end(), [&](double x) { return !(x > lo + eps_lo && x < hi - eps_hi); }), v.end());
        return v;
    };
    auto linear_candidates = [&] {
        for (int target = 1; target <= 2 * count + 2; ++target) candidates.push_back(inside(nice_ticks(lo, hi, target)));
    };
    if (!log) {
        linear_candidates();
    } else {
        const double a = std::log10(lo), b = std::log10(hi);
        const int k0 = int(std::floor(a)) - 1, k1 = int(std::ceil(b)) + 1;
        // m x 10^k, computed as m / 10^-k for negative k so that 0.001 is exactly 0.001.
        auto value = [](int m, int k) { return k >= 0 ? m * std::pow(10.0, k) : m / std::pow(10.0, -k); };
        static const std::vector<int> kMantissas[] = {{1}, {1, 3}, {1, 2, 5}};
        for (const std::vector<int>& ms : kMantissas) {
            std::vector<double> v;
            for (int k = k0; k <= k1; ++k)
                for (int m : ms) v.push_back(value(m, k));
            candidates.push_back(inside(std::move(v)));
        }
        for (int stride : {2, 3, 5, 10, 20, 50, 100}) {
            std::vector<double> v;
            for (int k = k0; k <= k1; ++k)
                if (((k % stride) + stride) % stride == 0) v.push_back(value(1, k));
            candidates.push_back(inside(std::move(v)));
        }
        if (b - a < 1.0) linear_candidates();  // within a decade: plain nice steps read better
    }
    const std::vector<double>* best = nullptr;
    for (const std::vector<double>& c : candidates) {
        if (c.empty()) continue;
        const int d = std::abs(int(c.size()) - count);
        const int bd = best ? std::abs(int(best->size()) - count) : 0;
        if (!best || d < bd || (d == bd && c.size() < best->size())) best = &c;
    }
    return best ? *best : std::vector<double>{};
}

std::vector<int> subsample_indices(int n, int count) {
    std::vector<int> idx;
    if (n <= 0) return idx;
    count = std::max(count, 2);
    if (n <= count) {
        for (int i = 0; i < n; ++i) idx.push_back(i);
        return idx;
    }
    for (int j = 0; j < count; ++j) idx.push_back(int((int64_t(j) * (n - 1) + (count - 1) / 2) / (count - 1)));
    return idx;
}

GridSize flat_draw_size(int rows, int cols, float width_px, float height_px, float min_cell_px, int max_cells) {
    GridSize g;
    if (rows <= 0 || cols <= 0) return g;
    min_cell_px = std::max(min_cell_px, 1e-3f);
    max_cells = std::max(max_cells, 1);
    g.rows = std::clamp(int(height_px / min_cell_px), 1, rows);
    g.cols = std::clamp(int(width_px / min_cell_px), 1, cols);
    if (int64_t(g.rows) * g.cols > max_cells) {
        // The longer side gives way first, down to the shorter one's length; then both.
        const int side = std::max(1, int(std::sqrt(double(max_cells))));
        if (g.cols >= g.rows) {
            g.cols = std::max(max_cells / g.rows, std::min(g.rows, side));
            if (int64_t(g.rows) * g.cols > max_cells) g.rows = g.cols = side;
        } else {
            g.rows = std::max(max_cells / g.cols, std::min(g.cols, side));
            if (int64_t(g.rows) * g.cols > max_cells) g.rows = g.cols = side;
        }
        g.rows = std::min(g.rows, rows);
        g.cols = std::min(g.cols, cols);
    }
    return g;
}

std::vector<std::vector<ImVec2>> join_segments(std::span<const Segment> segments, float tolerance) {
    std::vector<std::vector<ImVec2>> lines;
    const size_t n = segments.size();
    if (n == 0) return lines;
    const double inv = 1.0 / std::max(double(tolerance), 1e-9);
    auto key = [&](float x, float y) {
        const auto qx = uint64_t(int64_t(std::llround(double(x) * inv))), qy = uint64_t(int64_t(std::llround(double(y) * inv)));
        return qx * 0x9E3779B97F4A7C15ull ^ (qy + 0x632BE59BD9B4E019ull + (qx << 6) + (qx >> 2));
    };
    // End point -> (segment, which end), in a flat table sorted by key.
    struct End {
        uint64_t key;
        uint32_t seg;
        uint8_t which;
    };
    std::vector<End> ends;
    ends.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
        const Segment& s = segments[i];
        if (!finite(s.x0) || !finite(s.y0) || !finite(s.x1) || !finite(s.y1)) continue;
        ends.push_back({key(s.x0, s.y0), uint32_t(i), 0});
        ends.push_back({key(s.x1, s.y1), uint32_t(i), 1});
    }
    std::sort(ends.begin(), ends.end(), [](const End& a, const End& b) { return a.key < b.key; });
    std::vector<char> used(n, 1);
    for (const End& e : ends) used[e.seg] = 0;
    // An unused segment with an end at `k`: marks it used and returns its other end.
    auto take = [&](uint64_t k, ImVec2& other) {
        auto it = std::lower_bound(ends.begin(), ends.end(), k, [](const End& a, uint64_t v) { return a.key < v; });
        for (; it != ends.end() && it->key == k; ++it) {
            if (used[it->seg]) continue;
            used[it->seg] = 1;
            const Segment& s = segments[it->seg];
            other = it->which == 0 ? ImVec2(s.x1, s.y1) : ImVec2(s.x0, s.y0);
            return true;
        }
        return false;
    };
    std::vector<ImVec2> back;
    for (size_t i = 0; i < n; ++i) {
        if (used[i]) continue;
        used[i] = 1;
        const Segment& s = segments[i];
        std::vector<ImVec2> line = {ImVec2(s.x0, s.y0), ImVec2(s.x1, s.y1)};
        const uint64_t start = key(s.x0, s.y0);
        ImVec2 p;
        while (take(key(line.back().x, line.back().y), p)) {
            line.push_back(p);
            if (key(p.x, p.y) == start) break;  // closed
        }
        if (key(line.back().x, line.back().y) != start || line.size() < 4) {
            // Open: grow the other way from the first point too.
            back.clear();
            ImVec2 q = line.front();
            while (take(key(q.x, q.y), p)) {
                back.push_back(p);
                q = p;
            }
            line.insert(line.begin(), back.rbegin(), back.rend());
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace plot_detail

// ---- Field plot ------------------------------------------------------------------------------------
namespace {

constexpr int kMaxSmoothSide = 128;     // vertices per side of a smooth field's mesh
// Mesh density. Under llvmpipe every triangle costs CPU time: a vertex every 3 px made the gallery's
// full redraw ~20 ms slower, every 8 px ~4 ms, and looks the same (colours are blended between vertices,
// contours come from every sample).
constexpr float kSmoothVertexPx = 8.f;  // smooth: vertices at least this far apart
constexpr float kFlatCellPx = 4.f;      // flat: a cell's least width and height on screen
constexpr int kMaxFlatCells = 4096;     // quads of a flat field (4 vertices each)
constexpr ImU32 kContourColor = IM_COL32(255, 255, 255, 85);

// Where the samples of one axis sit: sample i at lo + i * step (the middle when there is one), its
// cell reaching half a step either side.
struct SampleAxis {
    double lo = 0, step = 1;
    int n = 0;
    SampleAxis(double a, double b, int count) : n(count) {
        if (!finite(a) || !finite(b)) a = 0, b = 1;
        if (b < a) std::swap(a, b);
        if (count >= 2) {
            if (b == a) b = a + 1;
            lo = a;
            step = (b - a) / (count - 1);
        } else {  // one sample: its cell is [a, b] (or a unit around it)
            const double w = b > a ? b - a : 1.0;
            lo = 0.5 * (a + b);
            step = w;
        }
    }
    double at(double i) const { return lo + i * step; }            // sample (fractional) index -> data
    double edge(int i) const { return lo + (i - 0.5) * step; }      // left edge of cell i; edge(n) closes the last
    double index(double v) const { return (v - lo) / step; }        // data -> fractional index
};

// Readable coordinates in a tooltip: enough decimals for the axis' span.
std::string format_coord(double v, double span) {
    if (!finite(v)) return format_value(v);
    const double a = std::fabs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e7)) return format_value(v, 4);
    const int decimals = std::clamp(int(std::ceil(-std::log10(std::max(span, 1e-300)))) + 3, 0, 8);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

// Smooth field: one vertex per (sub-sampled) sample, colours blended across each cell; written in bands
// of at most 65535 vertices so that 16-bit indices always reach.
void draw_smooth_field(ImDrawList* dl, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                       const SampleAxis& ay, const Frame& f, const ColorScale& cs) {
    const std::vector<int> ci = plot_detail::subsample_indices(cols, std::min(kMaxSmoothSide, int(f.plot.GetWidth() / kSmoothVertexPx) + 1));
    const std::vector<int> ri = plot_detail::subsample_indices(rows, std::min(kMaxSmoothSide, int(f.plot.GetHeight() / kSmoothVertexPx) + 1));
    const int nc = int(ci.size()), nr = int(ri.size());
    if (nc < 2 || nr < 2) return;
    std::vector<float> px(static_cast<size_t>(nc)), py(static_cast<size_t>(nr));
    for (int j = 0; j < nc; ++j) px[size_t(j)] = f.x.to_px(ax.at(ci[size_t(j)]));
    for (int i = 0; i < nr; ++i) py[size_t(i)] = f.y.to_px(ay.at(ri[size_t(i)]));
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const int band = std::max(2, std::min(nr, 65535 / nc));  // vertex rows per PrimReserve
    for (int i0 = 0; i0 < nr - 1; i0 += band - 1) {
        const int i1 = std::min(nr - 1, i0 + band - 1);
        const int vr = i1 - i0 + 1;
        dl->PrimReserve((vr - 1) * (nc - 1) * 6, vr * nc);
        const unsigned base = dl->_VtxCurrentIdx;  // after PrimReserve: it may have opened a new command
        for (int i = i0; i <= i1; ++i) {
            const size_t row = size_t(ri[size_t(i)]) * size_t(cols);
            for (int j = 0; j < nc; ++j)
                dl->PrimWriteVtx(ImVec2(px[size_t(j)], py[size_t(i)]), uv, cs.color(values[row + size_t(ci[size_t(j)])]));
        }
        for (int i = 0; i < vr - 1; ++i)
            for (int j = 0; j < nc - 1; ++j) {
                const unsigned a = base + unsigned(i * nc + j), b = a + 1, c = a + unsigned(nc), d = c + 1;
                dl->PrimWriteIdx(ImDrawIdx(a));
                dl->PrimWriteIdx(ImDrawIdx(b));
                dl->PrimWriteIdx(ImDrawIdx(d));
                dl->PrimWriteIdx(ImDrawIdx(a));
                dl->PrimWriteIdx(ImDrawIdx(d));
                dl->PrimWriteIdx(ImDrawIdx(c));
            }
    }
}

// Flat field: one quad per cell, cells averaged in blocks when they would be under two pixels (or too
// many), and neighbours of the same colour in a row merged into one quad.
void draw_flat_field(ImDrawList* dl, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                     const SampleAxis& ay, const Frame& f, const ColorScale& cs,
                     const decltype(FieldPlotOptions::draw_colors)& draw_colors) {
    const plot_detail::GridSize g =
        plot_detail::flat_draw_size(rows, cols, f.plot.GetWidth(), f.plot.GetHeight(), kFlatCellPx, kMaxFlatCells);
    if (g.rows == 0 || g.cols == 0) return;
    // Averaged where it is seen: in the colour scale's units (log10 on a log scale).
    std::vector<float> t(size_t(rows) * size_t(cols));
    for (size_t k = 0; k < t.size(); ++k) t[k] = cs.t(values[k]);
    std::vector<float> blocks;
    const std::vector<float>* tb = &t;
    if (g.rows != rows || g.cols != cols) {
        plot_detail::downsample_grid(t, rows, cols, g.rows, g.cols, blocks);
        tb = &blocks;
    }
    std::vector<float> xe(size_t(g.cols) + 1), ye(size_t(g.rows) + 1);  // block edges in pixels
    for (int j = 0; j <= g.cols; ++j) xe[size_t(j)] = std::round(f.x.to_px(ax.edge(int(int64_t(j) * cols / g.cols))));
    for (int i = 0; i <= g.rows; ++i) ye[size_t(i)] = std::round(f.y.to_px(ay.edge(int(int64_t(i) * rows / g.rows))));
    if (draw_colors) {
        std::vector<ImU32> colors(size_t(g.rows) * size_t(g.cols));
        for (size_t k = 0; k < colors.size(); ++k) colors[k] = cs.color_at((*tb)[k]);
        draw_colors(dl, ImVec2(std::min(xe.front(), xe.back()), std::min(ye.front(), ye.back())),
                    ImVec2(std::max(xe.front(), xe.back()), std::max(ye.front(), ye.back())), colors, g.rows, g.cols, false);
        return;
    }
    std::vector<ImU32> row_colors(static_cast<size_t>(g.cols));
    for (int i = 0; i < g.rows; ++i) {
        int runs = 0;
        for (int j = 0; j < g.cols; ++j) {
            row_colors[size_t(j)] = cs.color_at((*tb)[size_t(i) * size_t(g.cols) + size_t(j)]);
            if (j == 0 || row_colors[size_t(j)] != row_colors[size_t(j - 1)]) ++runs;
        }
        dl->PrimReserve(runs * 6, runs * 4);
        const float y0 = std::min(ye[size_t(i)], ye[size_t(i + 1)]), y1 = std::max(ye[size_t(i)], ye[size_t(i + 1)]);
        for (int j = 0; j < g.cols;) {
            int k = j + 1;
            while (k < g.cols && row_colors[size_t(k)] == row_colors[size_t(j)]) ++k;
            dl->PrimRect(ImVec2(xe[size_t(j)], y0), ImVec2(xe[size_t(k)], y1), row_colors[size_t(j)]);
            j = k;
        }
    }
}

// Word-at-a-time multiply-xor hash (tens of microseconds for a 128 x 128 field).
uint64_t hash_bytes(const void* data, size_t n, uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    h = (h ^ tail ^ n) * kMul;
    return h ^ (h >> 32);
}

// Contour lines in grid units, per widget, kept while the field and the levels stay the same: a lesson's
// loss landscape is fixed while the optimizers' paths move, and marching squares over 128 x 128 samples
// at 8 levels costs about a millisecond.
struct ContourCache {
    uint64_t key = 0;
    std::vector<std::vector<ImVec2>> lines;
};

const std::vector<std::vector<ImVec2>>& contour_lines(ImGuiID id, std::span<const float> values, int rows, int cols,
                                                      const ColorScale& cs, std::span<const double> levels) {
    static std::unordered_map<ImGuiID, ContourCache> cache;
    const bool log = cs.range.log;
    const float floor_value = float(cs.a - 1.0);
    uint64_t key = hash_bytes(values.data(), values.size_bytes(), 1469598103934665603ull);
    const double params[4] = {double(rows), double(cols), log ? 1.0 : 0.0, double(floor_value)};
    key = hash_bytes(params, sizeof params, key);
    key = hash_bytes(levels.data(), levels.size_bytes(), key);
    if (cache.size() > 64 && !cache.count(id)) cache.clear();  // widgets come and go: start afresh now and then
    ContourCache& c = cache[id];
    if (c.key == key && key != 0) return c.lines;
    c.key = key;
    c.lines.clear();
    // Contoured in the colour scale's units, so that lines and colours agree between samples.
    std::vector<float> field(size_t(rows) * size_t(cols));
    for (size_t k = 0; k < field.size(); ++k) {
        const float v = values[k];
        field[k] = !log ? v : (v > 0 ? float(std::log10(v)) : (std::isnan(v) ? v : floor_value));
    }
    for (double level : levels) {
        const float lv = float(log ? std::log10(level) : level);
        for (std::vector<ImVec2>& line : plot_detail::join_segments(contour_segments(field, rows, cols, lv), 1e-3f))
            c.lines.push_back(std::move(line));
    }
    return c.lines;
}

// Contour lines at `levels`, joined into polylines (no doubled-up joints where a line is translucent).
void draw_contours(ImDrawList* dl, ImGuiID id, std::span<const float> values, int rows, int cols, const SampleAxis& ax,
                   const SampleAxis& ay, const Frame& f, const ColorScale& cs, std::span<const double> levels) {
    if (levels.empty() || rows < 2 || cols < 2) return;
    const float x0 = f.x.to_px(ax.at(0)), sx = f.x.to_px(ax.at(1)) - x0;
    const float y0 = f.y.to_px(ay.at(0)), sy = f.y.to_px(ay.at(1)) - y0;
    std::vector<ImVec2> pts;
    for (const std::vector<ImVec2>& line : contour_lines(id, values, rows, cols, cs, levels)) {
        // Points at least 3 px apart (and the last): contours are smooth, vertices are not free.
        pts.clear();
        for (size_t i = 0; i < line.size(); ++i) {
            const ImVec2 q(x0 + line[i].x * sx, y0 + line[i].y * sy);
            if (!pts.empty() && i + 1 < line.size()) {
                const float dx = q.x - pts.back().x, dy = q.y - pts.back().y;
                if (dx * dx + dy * dy < 9.f) continue;
            }
            pts.push_back(q);
        }
        bool closed = false;
        if (pts.size() > 3 && std::fabs(pts.front().x - pts.back().x) < 0.01f && std::fabs(pts.front().y - pts.back().y) < 0.01f) {
            pts.pop_back();
            closed = true;
        }
        dl->AddPolyline(pts.data(), int(pts.size()), kContourColor, closed ? ImDrawFlags_Closed : 0, 2.f);
    }
}

// A path's visible pieces in screen space, clipped to the data rectangle, and where it left for good.
struct PathGeometry {
    std::vector<std::vector<ImVec2>> pieces;
    bool has_start = false, has_end = false, start_inside = false, end_inside = false;
    ImVec2 start, end;             // first and last finite points (screen)
    bool exits = false;            // the last finite point is outside and the path crossed the edge
    ImVec2 exit_at, exit_dir;      // where it last left the rectangle, and which way (unit)
};

PathGeometry path_geometry(const FieldPath& p, const Frame& f) {
    PathGeometry g;
    const double xlo = f.x.range.lo, xhi = f.x.range.hi, ylo = f.y.range.lo, yhi = f.y.range.hi;
    auto inside = [&](double x, double y) { return x >= xlo && x <= xhi && y >= ylo && y <= yhi; };
    auto screen = [&](double x, double y) { return ImVec2(f.x.to_px(x), f.y.to_px(y)); };
    const size_t n = std::min(p.x.size(), p.y.size());
    bool have_prev = false;
    double px = 0, py = 0;
    std::vector<ImVec2>* piece = nullptr;
    for (size_t i = 0; i < n; ++i) {
        const double x = p.x[i], y = p.y[i];
        if (!finite(x) || !finite(y)) continue;
        if (!g.has_start) {
            g.has_start = true;
            g.start_inside = inside(x, y);
            g.start = screen(x, y);
        }
        g.has_end = true;
        g.end_inside = inside(x, y);
        if (g.end_inside) g.end = screen(x, y);
        if (!have_prev) {
            have_prev = true;
            px = x;
            py = y;
            if (g.end_inside) {
                g.pieces.emplace_back(1, screen(x, y));
                piece = &g.pieces.back();
            }
            continue;
        }
        double ax = px, ay = py, bx = x, by = y;
        if (plot_detail::clip_segment(ax, ay, bx, by, xlo, xhi, ylo, yhi)) {
            const ImVec2 sa = screen(ax, ay), sb = screen(bx, by);
            const bool continues = piece && !piece->empty() && std::fabs(piece->back().x - sa.x) < 0.5f &&
                                   std::fabs(piece->back().y - sa.y) < 0.5f && (ax == px && ay == py);
            if (!continues) {
                g.pieces.emplace_back(1, sa);
                piece = &g.pieces.back();
            }
            // Decimated: kept points at least a pixel and a half apart. A point closer than that to the
            // one kept before it is provisional, replaced by the next (so the true end is always there).
            const size_t m = piece->size();
            if (m >= 2) {
                const ImVec2 last = (*piece)[m - 1], anchor = (*piece)[m - 2];
                const float dx = last.x - anchor.x, dy = last.y - anchor.y;
                if (dx * dx + dy * dy < 2.25f) piece->back() = sb;
                else piece->push_back(sb);
            } else {
                piece->push_back(sb);
            }
            if (bx != x || by != y) {  // cut short: it leaves the rectangle here
                g.exits = true;
                g.exit_at = sb;
                // The direction in data units, in pixels (the screen positions of far points are clamped).
                const double ddx = (x - px) / (xhi - xlo) * (double(f.x.p1) - f.x.p0);
                const double ddy = (y - py) / (yhi - ylo) * (double(f.y.p1) - f.y.p0);
                const double len = std::hypot(ddx, ddy);
                g.exit_dir = len > 0 && finite(len) ? ImVec2(float(ddx / len), float(ddy / len)) : ImVec2(1, 0);
                piece = nullptr;
            }
        } else {
            piece = nullptr;
        }
        px = x;
        py = y;
    }
    if (g.end_inside) g.exits = false;
    return g;
}

}  // namespace

void FieldPlot(const char* id, std::span<const float> values, int rows, int cols, std::span<const FieldPath> paths,
               const FieldPlotOptions& options) {
    rows = std::max(rows, 0);
    cols = std::max(cols, 0);
    if (size_t(rows) * size_t(cols) > values.size()) rows = cols > 0 ? int(values.size() / size_t(cols)) : 0;  // malformed input
    if (rows == 0) cols = 0;
    const size_t n_cells = size_t(rows) * size_t(cols);
    values = values.first(n_cells);
    ImRect bb;
    if (!begin_widget(id, options.size, default_plot_height(), bb)) return;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    const float pad = std::round(font * 0.35f);

    // Sample positions and the rectangle they fill: a smooth field ends at the outer samples, flat cells
    // half a cell beyond them.
    const bool smooth = options.smooth && rows >= 2 && cols >= 2;
    const SampleAxis ax(options.x_min, options.x_max, std::max(cols, 1)), ay(options.y_min, options.y_max, std::max(rows, 1));
    AxisRange xr, yr;
    if (smooth) {
        xr.lo = ax.at(0), xr.hi = ax.at(cols - 1);
        yr.lo = ay.at(0), yr.hi = ay.at(rows - 1);
    } else {
        xr.lo = ax.edge(0), xr.hi = ax.edge(std::max(cols, 1));
        yr.lo = ay.edge(0), yr.hi = ay.edge(std::max(rows, 1));
    }

    const ColorScale cs(values, options.colormap, options.v_min, options.v_max, options.log_scale);
    const std::vector<double> levels =
        n_cells > 0 ? plot_detail::contour_levels(cs.range.lo, cs.range.hi, cs.range.log, options.contour_count)
                    : std::vector<double>{};

    // Layout: the colorbar's labels (which depend on the plot's height) set the right margin.
    float top, bottom;
    frame_margins(options.x_label, true, top, bottom);
    const Colorbar cbar(cs.range, std::max(bb.GetHeight() - top - bottom, 4.f));
    FrameOptions fo;
    fo.right = cbar.width();
    fo.integer_y = options.integer_y_ticks;
    fo.y_names = options.y_tick_names;
    fo.y_names_first = options.y_min;
    fo.title_row = true;
    const Frame f = layout_frame(bb, xr, yr, options.x_label, options.y_label, fo);
    // The field covers the whole plot: a background and grid under it would be drawn for nothing,
    // and a software renderer pays for every pixel.
    if (n_cells == 0) draw_frame_back(dl, f);

    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    if (n_cells == 0) {
        no_data_note(dl, f.plot);
    } else {
        if (smooth && options.draw_colors) {
            std::vector<ImU32> colors(values.size());
            for (std::size_t i = 0; i < values.size(); ++i) colors[i] = cs.color(values[i]);
            options.draw_colors(dl, ImVec2(f.x.to_px(ax.at(0)), f.y.to_px(ay.at(rows - 1))),
                                ImVec2(f.x.to_px(ax.at(cols - 1)), f.y.to_px(ay.at(0))), colors, rows, cols, true);
        } else if (smooth) {
            draw_smooth_field(dl, values, rows, cols, ax, ay, f, cs);
        }
        if (!smooth) draw_flat_field(dl, values, rows, cols, ax, ay, f, cs, options.draw_colors);
        draw_contours(dl, ImGui::GetItemID(), values, rows, cols, ax, ay, f, cs, levels);
    }
    dl->PopClipRect();
    draw_frame_axes(dl, bb, f, options.x_label, options.y_label);

    // Paths: a dark outline under each line so that it stands out on any colour, markers at both ends,
    // an arrowhead where a path left the plot for good.
    std::vector<LegendEntry> entries;
    for (size_t pi = 0; pi < paths.size(); ++pi)
        if (!paths[pi].label.empty())
            entries.push_back({paths[pi].label, paths[pi].color ? paths[pi].color : palette_color(int(pi)), false});
    Legend legend(f.plot, std::move(entries));
    const float th = std::round(std::max(3.f, font * 0.2f));
    const float start_r = std::round(font * 0.3f), end_r = std::round(font * 0.5f);
    std::vector<PathGeometry> geoms;
    dl->PushClipRect(f.plot.Min, f.plot.Max, true);
    for (size_t pi = 0; pi < paths.size(); ++pi) {
        const ImU32 col = paths[pi].color ? paths[pi].color : palette_color(int(pi));
        geoms.push_back(path_geometry(paths[pi], f));
        const PathGeometry& g = geoms.back();
        for (int pass = 0; pass < 2; ++pass) {
            const ImU32 c = pass == 0 ? kOutline : col;
            const float w = pass == 0 ? th + 3.f : th;
            for (const std::vector<ImVec2>& piece : g.pieces) {
                for (size_t i = 1; i < piece.size(); ++i) {
                    // Segment by segment (polyline joins spike on a zig-zagging descent), each with square
                    // caps half its width long, so that the turns have no notches.
                    ImVec2 a = piece[i - 1], b = piece[i];
                    const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
                    if (len > 0) {
                        const float ex = dx / len * w * 0.5f, ey = dy / len * w * 0.5f;
                        a = ImVec2(a.x - ex, a.y - ey);
                        b = ImVec2(b.x + ex, b.y + ey);
                    }
                    dl->AddLine(a, b, c, w);
                    if (pass == 1 && legend.visible) legend.cover_segment(piece[i - 1], piece[i]);
                }
            }
        }
        if (g.has_start && g.start_inside && !(g.has_end && g.end_inside && g.start.x == g.end.x && g.start.y == g.end.y)) {
            dl->AddCircleFilled(g.start, start_r + 2.f, kOutline, 16);
            dl->AddCircleFilled(g.start, start_r, col, 16);
            legend.cover_point(g.start, start_r);
        }
        if (g.has_end && g.end_inside) {
            dl->AddCircleFilled(g.end, end_r + 2.f, kOutline, 20);
            dl->AddCircleFilled(g.end, end_r, col, 20);
            dl->AddCircle(g.end, end_r, IM_COL32(255, 255, 255, 235), 20, 2.f);
            legend.cover_point(g.end, end_r);
        } else if (g.exits) {
            // Arrowhead at the edge, pointing the way the path went.
            const float len = std::round(font * 0.9f), half = std::round(font * 0.45f);
            const ImVec2 d = g.exit_dir, nrm(-d.y, d.x);
            const ImVec2 tip = g.exit_at;
            const ImVec2 b0(tip.x - d.x * len + nrm.x * half, tip.y - d.y * len + nrm.y * half);
            const ImVec2 b1(tip.x - d.x * len - nrm.x * half, tip.y - d.y * len - nrm.y * half);
            dl->AddTriangleFilled(tip, b0, b1, col);
            dl->AddTriangle(tip, b0, b1, kOutline, 2.f);
            legend.cover_point(tip, len);
        }
    }
    dl->PopClipRect();
    legend.draw(dl, f.plot);

    // Colorbar with the contour levels on it; its title shortened rather than run into the y title.
    std::string title = options.colorbar_label;
    if (!title.empty()) {
        const float taken = options.y_label.empty() ? 0.f : text_size(options.y_label).x + pad * 2.f;
        title = shorten_to_width(title, std::max(bb.GetWidth() - taken - pad, font * 2.f));
    }
    cbar.draw(dl, bb, f.plot, options.colormap, title, levels);

    // Hover: the position, the field there, and a path's step when one is under the mouse.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (!(hovered && f.plot.Contains(mouse))) return;
    const double mx = f.x.from_px(mouse.x), my = f.y.from_px(mouse.y);
    double shown_x = mx, shown_y = my, value = std::numeric_limits<double>::quiet_NaN();
    bool exact = false;  // the position of a flat cell's sample rather than the mouse
    if (n_cells > 0) {
        auto at = [&](int r, int c) { return double(values[size_t(r) * size_t(cols) + size_t(c)]); };
        if (smooth) {
            const double u = std::clamp(ax.index(mx), 0.0, double(cols - 1)), v = std::clamp(ay.index(my), 0.0, double(rows - 1));
            const int c0 = std::min(int(u), cols - 2), r0 = std::min(int(v), rows - 2);
            const double fu = u - c0, fv = v - r0;
            value = (1 - fv) * ((1 - fu) * at(r0, c0) + fu * at(r0, c0 + 1)) + fv * ((1 - fu) * at(r0 + 1, c0) + fu * at(r0 + 1, c0 + 1));
            if (!finite(value)) value = at(int(std::lround(v)), int(std::lround(u)));
        } else {
            const int c = std::clamp(int(std::floor(ax.index(mx) + 0.5)), 0, cols - 1);
            const int r = std::clamp(int(std::floor(ay.index(my) + 0.5)), 0, rows - 1);
            value = at(r, c);
            shown_x = ax.at(c);
            shown_y = ay.at(r);
            exact = true;
            const ImVec2 a(std::round(f.x.to_px(ax.edge(c))), std::round(f.y.to_px(ay.edge(r + 1))));
            const ImVec2 b(std::round(f.x.to_px(ax.edge(c + 1))), std::round(f.y.to_px(ay.edge(r))));
            if (b.x - a.x >= 3.f && b.y - a.y >= 3.f) {
                dl->PushClipRect(f.plot.Min, f.plot.Max, true);
                dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(0, 0, 0, 255), 0.f, 0, 4.f);
                dl->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0.f, 0, 2.f);
                dl->PopClipRect();
            }
        }
    }
    // The nearest path point within reach of the mouse.
    int hit_path = -1;
    size_t hit_step = 0;
    float hit_d2 = (font * 0.7f) * (font * 0.7f);
    for (size_t pi = 0; pi < paths.size(); ++pi) {
        const size_t n = std::min(paths[pi].x.size(), paths[pi].y.size());
        for (size_t i = 0; i < n; ++i) {
            const double x = paths[pi].x[i], y = paths[pi].y[i];
            if (!finite(x) || !finite(y)) continue;
            const float dx = f.x.to_px(x) - mouse.x, dy = f.y.to_px(y) - mouse.y;
            if (dx * dx + dy * dy <= hit_d2) {
                hit_d2 = dx * dx + dy * dy;
                hit_path = int(pi);
                hit_step = i;
            }
        }
    }
    ImGui::BeginTooltip();
    const std::string xname = options.x_label.empty() ? "x" : options.x_label;
    const std::string yname = options.y_label.empty() ? "y" : options.y_label;
    const std::string vname = options.colorbar_label.empty() ? "value" : options.colorbar_label;
    const std::string xs = exact ? format_value(shown_x, 6) : format_coord(shown_x, xr.hi - xr.lo);
    const std::string ys = exact ? format_value(shown_y, 6) : format_coord(shown_y, yr.hi - yr.lo);
    ImGui::Text("%s: %s", xname.c_str(), xs.c_str());
    ImGui::Text("%s: %s", yname.c_str(), ys.c_str());
    if (n_cells > 0) ImGui::Text("%s: %s", vname.c_str(), format_value(value, 4).c_str());
    if (hit_path >= 0) {
        const FieldPath& p = paths[size_t(hit_path)];
        const std::string name = p.label.empty() ? std::string("path ").append(std::to_string(hit_path + 1)) : p.label;
        tooltip_swatch_line(p.color ? p.color : palette_color(hit_path),
                            name + ", step " + std::to_string(hit_step) + " at (" +
                                format_coord(p.x[hit_step], xr.hi - xr.lo) + ", " + format_coord(p.y[hit_step], yr.hi - yr.lo) + ")");
    }
    ImGui::EndTooltip();
}

}  // namespace ui
