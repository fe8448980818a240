#include "data/digit_canvas.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <utility>

namespace data {

namespace {

// Geometry in doubles: a point far off the canvas (1e38, a wild mouse event) times the pixel scale
// would overflow a float, and the squared lengths below square it again.
struct PixelPoint {
    double x = 0;
    double y = 0;
};

double distance_to_segment(PixelPoint p, PixelPoint a, PixelPoint b) {
    const double abx = b.x - a.x, aby = b.y - a.y;
    const double length_squared = abx * abx + aby * aby;
    double t = 0;  // a dot is a segment of length 0: its nearest point is a
    if (length_squared > 0) t = std::clamp(((p.x - a.x) * abx + (p.y - a.y) * aby) / length_squared, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * abx), p.y - (a.y + t * aby));
}

// The range of pixel indices [first, last] whose centres may lie within `reach` of [low, high],
// clamped to the image before the cast, so no coordinate can overflow an int or index outside.
std::pair<int, int> pixel_span(double low, double high, double reach, int side) {
    const double last_index = side - 1;
    const double first = std::clamp(std::floor(low - reach), 0.0, last_index);
    const double last = std::clamp(std::ceil(high + reach), 0.0, last_index);
    return {static_cast<int>(first), static_cast<int>(last)};
}

void paint_segment(GreyImage& image, PixelPoint a, PixelPoint b, double pen_radius) {
    // Coverage falls from 1 to 0 over the pixel centred on the pen's edge, and is 0 beyond it.
    const double reach = pen_radius + 0.5;
    const auto [x_first, x_last] = pixel_span(std::min(a.x, b.x), std::max(a.x, b.x), reach, image.side);
    const auto [y_first, y_last] = pixel_span(std::min(a.y, b.y), std::max(a.y, b.y), reach, image.side);
    for (int y = y_first; y <= y_last; ++y) {
        for (int x = x_first; x <= x_last; ++x) {
            const double distance = distance_to_segment({x + 0.5, y + 0.5}, a, b);
            const float coverage = static_cast<float>(std::clamp(reach - distance, 0.0, 1.0));
            float& pixel = image.pixels[static_cast<std::size_t>(y) * image.side + x];
            pixel = std::max(pixel, coverage);
        }
    }
}

float ink_at(const GreyImage& image, int x, int y) {
    const float v = image.at(x, y);
    return v > 0 ? std::min(v, 1.0f) : 0.0f;  // NaN fails v > 0: background
}

// How much of source pixel i, which covers [i, i+1], lies in the footprint [low, high].
double overlap(int i, double low, double high) { return std::max(0.0, std::min(high, i + 1.0) - std::max(low, double(i))); }

std::string_view trim(std::string_view s) {
    constexpr std::string_view kBlank = " \t\r\n";
    const auto first = s.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// "0.3, 0.2" and "0.3 ,0.2" become "0.3,0.2", so a point is always one blank-free token.
std::string join_around_commas(std::string_view text) {
    std::string joined;
    joined.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != ',') {
            joined.push_back(text[i]);
            continue;
        }
        while (!joined.empty() && is_blank(joined.back())) joined.pop_back();
        joined.push_back(',');
        while (i + 1 < text.size() && is_blank(text[i + 1])) ++i;
    }
    return joined;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (;;) {
        const auto at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

std::vector<std::string_view> split_blanks(std::string_view text) {
    std::vector<std::string_view> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_blank(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && !is_blank(text[i])) ++i;
        if (i > start) tokens.push_back(text.substr(start, i - start));
    }
    return tokens;
}

// A fraction of the canvas, or why `field` is not one; `axis` is "x" or "y".
std::optional<float> read_fraction(std::string_view axis, std::string_view field, std::string& problem) {
    if (field.empty()) {
        problem = std::string(axis) + " is missing";
        return std::nullopt;
    }
    float value = 0;
    const char* end = field.data() + field.size();
    const auto [stop, error] = std::from_chars(field.data(), end, value);
    if (stop != end || error != std::errc{}) {
        problem = std::string(axis) + " is not a number";
        return std::nullopt;
    }
    if (!(value >= 0 && value <= 1)) {  // written so that NaN is refused too
        problem = std::string(axis) + " must be between 0 and 1 (a fraction of the canvas)";
        return std::nullopt;
    }
    return value;
}

}  // namespace

GreyImage rasterise_drawing(const DigitDrawing& drawing, int side_pixels) {
    GreyImage image;
    image.side = std::max(side_pixels, 0);
    image.pixels.assign(static_cast<std::size_t>(image.side) * image.side, 0.0f);
    if (image.side == 0 || !std::isfinite(drawing.side) || !(drawing.side > 0)) return image;

    const double pixels_per_unit = image.side / double(drawing.side);
    const double pen_width = std::isfinite(drawing.pen_width) ? std::clamp(double(drawing.pen_width), 0.0, 1.0) : 0.0;
    const double pen_radius = 0.5 * pen_width * image.side;
    for (const Stroke& stroke : drawing.strokes) {
        std::vector<PixelPoint> points;
        points.reserve(stroke.size());
        for (const CanvasPoint& p : stroke) {
            if (std::isfinite(p.x) && std::isfinite(p.y)) points.push_back({p.x * pixels_per_unit, p.y * pixels_per_unit});
        }
        if (points.size() == 1) paint_segment(image, points[0], points[0], pen_radius);
        for (std::size_t i = 1; i < points.size(); ++i) paint_segment(image, points[i - 1], points[i], pen_radius);
    }
    return image;
}

MnistPixels prepare_like_mnist(const GreyImage& image) {
    MnistPixels digit{};
    const int n = image.side;
    if (n <= 0 || image.pixels.size() != static_cast<std::size_t>(n) * n) return digit;

    // 1. The ink's bounding box, inclusive.
    int x_min = n, x_max = -1, y_min = n, y_max = -1;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if (!(ink_at(image, x, y) > kInkThreshold)) continue;
            x_min = std::min(x_min, x), x_max = std::max(x_max, x);
            y_min = std::min(y_min, y), y_max = std::max(y_max, y);
        }
    }
    if (x_max < 0) return digit;

    // 2. Into the 20x20 box. Box coordinate u = offset + (x - x_min) * scale, the longer side filling
    // [0, 20] exactly, the shorter centred. The footprint of box pixel u is 1/scale source pixels wide,
    // at least 1: averaging the piecewise-constant source over one pixel is bilinear interpolation.
    constexpr int B = kMnistDigitBox;
    const int width = x_max - x_min + 1, height = y_max - y_min + 1;
    const double scale = double(B) / std::max(width, height);
    const double offset_x = (B - width * scale) / 2, offset_y = (B - height * scale) / 2;
    const double half_footprint = 0.5 * std::max(1.0 / scale, 1.0);
    // Per box column (row), the source columns (rows) its footprint overlaps, with the overlaps.
    // Source pixels outside the bounding box hold no ink, so they are left out.
    struct Tap {
        int source;
        double weight;
    };
    auto taps_along = [&](double offset, int source_min, int source_max) {
        std::array<std::vector<Tap>, B> taps;
        for (int u = 0; u < B; ++u) {
            const double centre = source_min + (u + 0.5 - offset) / scale;
            const double low = centre - half_footprint, high = centre + half_footprint;
            const int first = std::max(source_min, static_cast<int>(std::floor(low)));
            const int last = std::min(source_max, static_cast<int>(std::ceil(high)));
            for (int i = first; i <= last; ++i) {
                const double w = overlap(i, low, high);
                if (w > 0) taps[u].push_back({i, w});
            }
        }
        return taps;
    };
    const auto column_taps = taps_along(offset_x, x_min, x_max);
    const auto row_taps = taps_along(offset_y, y_min, y_max);
    const double footprint_area = (2 * half_footprint) * (2 * half_footprint);

    std::array<double, B * B> box{};
    double mass = 0, moment_x = 0, moment_y = 0;
    for (int v = 0; v < B; ++v) {
        for (int u = 0; u < B; ++u) {
            double sum = 0;
            for (const Tap& row : row_taps[v])
                for (const Tap& column : column_taps[u]) sum += row.weight * column.weight * ink_at(image, column.source, row.source);
            const double value = std::min(sum / footprint_area, 1.0);
            box[v * B + u] = value;
            mass += value, moment_x += value * u, moment_y += value * v;
        }
    }
    if (!(mass > 0)) return digit;

    // 3. Into 28x28, box pixel (u, v) at (u + shift_x, v + shift_y), the centre of mass at index 14.
    const int shift_x = static_cast<int>(std::lround(kMnistCentreOfMass - moment_x / mass));
    const int shift_y = static_cast<int>(std::lround(kMnistCentreOfMass - moment_y / mass));
    for (int v = 0; v < B; ++v) {
        const int row = v + shift_y;
        if (row < 0 || row >= kMnistSide) continue;
        for (int u = 0; u < B; ++u) {
            const int column = u + shift_x;
            if (column < 0 || column >= kMnistSide) continue;
            digit[row * kMnistSide + column] = static_cast<float>(box[v * B + u]);
        }
    }
    return digit;
}

MnistPixels digit_from_drawing(const DigitDrawing& drawing) { return prepare_like_mnist(rasterise_drawing(drawing)); }

StrokesResult parse_strokes(std::string_view text, float side) {
    StrokesResult result;
    if (!std::isfinite(side) || !(side > 0)) {
        result.error = "the canvas side must be a positive number";
        return result;
    }
    const std::string joined = join_around_commas(text);
    std::vector<Stroke> strokes;
    const std::vector<std::string_view> stroke_texts = split(joined, ';');
    for (std::size_t s = 0; s < stroke_texts.size(); ++s) {
        const std::vector<std::string_view> tokens = split_blanks(stroke_texts[s]);
        if (tokens.empty()) continue;
        Stroke stroke;
        for (std::size_t p = 0; p < tokens.size(); ++p) {
            const std::string_view token = tokens[p];
            const std::string where = "stroke " + std::to_string(s + 1) + ", point " + std::to_string(p + 1) + " \"" +
                                      std::string(token) + "\": ";
            const std::vector<std::string_view> fields = split(token, ',');
            if (fields.size() != 2) {
                result.error = where + "expected x,y (two fractions 0-1 joined by one comma)";
                return result;
            }
            std::string problem;
            const std::optional<float> x = read_fraction("x", trim(fields[0]), problem);
            const std::optional<float> y = x ? read_fraction("y", trim(fields[1]), problem) : std::nullopt;
            if (!x || !y) {
                result.error = where + problem;
                return result;
            }
            stroke.push_back({*x * side, *y * side});
        }
        strokes.push_back(std::move(stroke));
    }
    if (strokes.empty()) {
        result.error = "no points; expected strokes like \"0.5,0.1 0.5,0.9; 0.3,0.5 0.7,0.5\" (fractions 0-1 of the canvas)";
        return result;
    }
    result.strokes = std::move(strokes);
    return result;
}

}  // namespace data
