#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "data/digit_canvas.h"

namespace {

using data::CanvasPoint;
using data::DigitDrawing;
using data::MnistPixels;
using data::Stroke;

constexpr float kSide = 300.0f;       // a widget 300 pixels wide
constexpr float kVisibleInk = 0.05f;  // what the tests count as ink in a prepared digit

// A drawing on a canvas of kSide from points given as fractions of the canvas.
DigitDrawing drawing_of(const std::vector<std::vector<CanvasPoint>>& fraction_strokes) {
    DigitDrawing drawing;
    drawing.side = kSide;
    for (const auto& stroke : fraction_strokes) {
        Stroke scaled;
        for (const CanvasPoint& p : stroke) scaled.push_back({p.x * kSide, p.y * kSide});
        drawing.strokes.push_back(scaled);
    }
    return drawing;
}

DigitDrawing one() { return drawing_of({{{0.5f, 0.15f}, {0.5f, 0.85f}}}); }
DigitDrawing seven() { return drawing_of({{{0.2f, 0.15f}, {0.8f, 0.15f}, {0.4f, 0.85f}}}); }

// A small circle in the top-left corner: centre (0.2, 0.2), radius 0.08 of the canvas.
DigitDrawing corner_circle() {
    std::vector<CanvasPoint> circle;
    for (int i = 0; i <= 48; ++i) {
        const float angle = 2 * std::numbers::pi_v<float> * i / 48;
        circle.push_back({0.2f + 0.08f * std::cos(angle), 0.2f + 0.08f * std::sin(angle)});
    }
    return drawing_of({circle});
}

struct InkBox {
    int width = 0;
    int height = 0;
};

InkBox ink_box(const MnistPixels& digit) {
    int x_min = 28, x_max = -1, y_min = 28, y_max = -1;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            if (digit[y * 28 + x] > kVisibleInk) {
                x_min = std::min(x_min, x), x_max = std::max(x_max, x);
                y_min = std::min(y_min, y), y_max = std::max(y_max, y);
            }
    if (x_max < 0) return {};
    return {x_max - x_min + 1, y_max - y_min + 1};
}

double total_ink(const MnistPixels& digit) {
    double sum = 0;
    for (float v : digit) sum += v;
    return sum;
}

// Centre of mass in pixel indices (pixel (x, y) at index x, y), the convention of data::kMnistCentreOfMass.
// Within half a pixel, as whole-pixel shifts allow (a symmetric digit's lands exactly half-way).
void check_centred(const MnistPixels& digit) {
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) mass += digit[y * 28 + x], mx += digit[y * 28 + x] * x, my += digit[y * 28 + x] * y;
    REQUIRE(mass > 0);
    CHECK(std::abs(mx / mass - data::kMnistCentreOfMass) <= 0.5 + 1e-6);
    CHECK(std::abs(my / mass - data::kMnistCentreOfMass) <= 0.5 + 1e-6);
}

void check_in_unit_range(const MnistPixels& digit) {
    for (float v : digit) {
        REQUIRE(std::isfinite(v));
        REQUIRE(v >= 0.0f);
        REQUIRE(v <= 1.0f);
    }
}

void check_like_mnist(const MnistPixels& digit) {
    check_in_unit_range(digit);
    CHECK(total_ink(digit) > 10);
    const InkBox box = ink_box(digit);
    CAPTURE(box.width);
    CAPTURE(box.height);
    CHECK(std::max(box.width, box.height) <= 20);
    CHECK(std::max(box.width, box.height) >= 19);
    check_centred(digit);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string parse_error(const std::string& text) {
    const data::StrokesResult r = data::parse_strokes(text);
    CHECK_FALSE(r.strokes.has_value());
    return r.error;
}

}  // namespace

TEST_CASE("a vertical stroke, a one, fills the 20-pixel box in height, thin, with its mass at the centre") {
    const MnistPixels digit = data::digit_from_drawing(one());
    check_like_mnist(digit);
    const InkBox box = ink_box(digit);
    CHECK(box.height == 20);
    CHECK(box.width <= 5);
}

TEST_CASE("a seven and a small circle in a corner come out scaled to the box and centred") {
    SUBCASE("seven") { check_like_mnist(data::digit_from_drawing(seven())); }
    SUBCASE("circle in a corner") {
        const MnistPixels digit = data::digit_from_drawing(corner_circle());
        check_like_mnist(digit);
        // A ring: scaled up to the box, round (as wide as tall) and hollow in the middle.
        const InkBox box = ink_box(digit);
        CHECK(std::abs(box.width - box.height) <= 1);
        CHECK(digit[14 * 28 + 14] < 0.2f);
    }
}

TEST_CASE("the default pen draws strokes about as wide as MNIST's, about 3 pixels") {
    // The installed MNIST ones carry 3.2 pixels of ink per row across their middle.
    const MnistPixels digit = data::digit_from_drawing(one());
    for (int y = 10; y < 18; ++y) {
        double row_ink = 0;
        for (int x = 0; x < 28; ++x) row_ink += digit[y * 28 + x];
        CAPTURE(y);
        CHECK(row_ink > 2.4);
        CHECK(row_ink < 3.6);
    }
}

TEST_CASE("the preparation keeps the aspect ratio: a horizontal bar stays a flat bar") {
    const MnistPixels digit = data::digit_from_drawing(drawing_of({{{0.1f, 0.5f}, {0.9f, 0.5f}}}));
    check_in_unit_range(digit);
    const InkBox box = ink_box(digit);
    CHECK(box.width == 20);
    CHECK(box.height <= 5);
    check_centred(digit);
}

TEST_CASE("the same digit drawn large or small, anywhere, prepares to nearly the same picture") {
    DigitDrawing small_seven = seven();
    for (Stroke& stroke : small_seven.strokes)
        for (CanvasPoint& p : stroke) p = {0.5f * p.x + 0.45f * kSide, 0.5f * p.y + 0.4f * kSide};
    small_seven.pen_width /= 2;  // the same pen relative to the digit
    const MnistPixels large = data::digit_from_drawing(seven());
    const MnistPixels small = data::digit_from_drawing(small_seven);
    double difference = 0;
    for (int i = 0; i < data::kMnistPixels; ++i) difference += std::abs(large[i] - small[i]);
    // Two different digits differ by more than their ink; resampling 45 or 90 pixels to 20 by a little.
    CHECK(difference / total_ink(large) < 0.15);
}

TEST_CASE("an empty canvas, or ink only outside it, prepares to all zeros") {
    DigitDrawing empty;
    empty.side = kSide;
    SUBCASE("no strokes") {}
    SUBCASE("strokes of no points") { empty.strokes = {Stroke{}, Stroke{}}; }
    SUBCASE("a stroke wholly outside the canvas") { empty.strokes = {{{-200, -200}, {-100, -50}}}; }
    SUBCASE("points that are not numbers") {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        empty.strokes = {{{nan, 10}, {10, std::numeric_limits<float>::infinity()}}};
    }
    const MnistPixels digit = data::digit_from_drawing(empty);
    for (float v : digit) REQUIRE(v == 0.0f);
}

TEST_CASE("a single dot becomes a round blob filling the box at the centre") {
    const MnistPixels digit = data::digit_from_drawing(drawing_of({{{0.7f, 0.7f}}}));
    check_like_mnist(digit);
    const InkBox box = ink_box(digit);
    CHECK(box.width == box.height);
    CHECK(digit[14 * 28 + 14] > 0.9f);  // solid in the middle
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) REQUIRE(std::abs(digit[y * 28 + x] - digit[x * 28 + y]) < 1e-5f);  // round
}

TEST_CASE("the rasteriser anti-aliases: a line carries its pen width of ink across it, with grey edges") {
    DigitDrawing line = drawing_of({{{0.1f, 0.5f}, {0.9f, 0.5f}}});
    const data::GreyImage image = data::rasterise_drawing(line, 112);
    REQUIRE(image.side == 112);
    REQUIRE(image.pixels.size() == 112u * 112u);
    double column_ink = 0;
    int greys = 0;
    for (int y = 0; y < 112; ++y) {
        const float v = image.at(56, y);
        CHECK(v >= 0.0f);
        CHECK(v <= 1.0f);
        column_ink += v;
        greys += v > 0.0f && v < 1.0f;
    }
    CHECK(column_ink == doctest::Approx(data::kDefaultPenWidth * 112).epsilon(0.01));
    CHECK(greys >= 2);
    CHECK(image.at(56, 56) == 1.0f);
    CHECK(image.at(56, 10) == 0.0f);
}

TEST_CASE("strokes partly outside the canvas are cut at its edge, not squeezed in") {
    // The same line from far outside and from just outside: the part inside is the same.
    const data::GreyImage from_far = data::rasterise_drawing(drawing_of({{{-5.0f, 0.5f}, {0.5f, 0.5f}}}), 112);
    const data::GreyImage from_near = data::rasterise_drawing(drawing_of({{{-0.2f, 0.5f}, {0.5f, 0.5f}}}), 112);
    CHECK(from_far.pixels == from_near.pixels);
    CHECK(from_far.at(0, 56) == 1.0f);

    // A diagonal from a thousand canvases away lands where it should.
    const data::GreyImage diagonal = data::rasterise_drawing(drawing_of({{{-1000.0f, -1000.0f}, {1000.0f, 1000.0f}}}), 112);
    CHECK(diagonal.at(56, 56) == 1.0f);
    CHECK(diagonal.at(0, 0) == 1.0f);
    CHECK(diagonal.at(111, 0) == 0.0f);

    // Coordinates near the float limit: where such a line crosses the canvas is beyond double
    // precision, but nothing is read or written outside the image and every value stays in [0, 1].
    DigitDrawing wild;
    wild.side = kSide;
    wild.strokes = {{{-1e30f, -1e30f}, {1e30f, 1e30f}}, {{3e38f, 0}, {0, 3e38f}}, {{-3e38f, -3e38f}}};
    const data::GreyImage image = data::rasterise_drawing(wild, 112);
    REQUIRE(image.pixels.size() == 112u * 112u);
    for (float v : image.pixels) REQUIRE((v >= 0.0f && v <= 1.0f));
    check_in_unit_range(data::prepare_like_mnist(image));
}

TEST_CASE("a grey picture with values outside [0, 1] or NaN is prepared from its clamped ink") {
    data::GreyImage image;
    image.side = 40;
    image.pixels.assign(40 * 40, std::numeric_limits<float>::quiet_NaN());
    for (int y = 5; y < 35; ++y)
        for (int x = 10; x < 25; ++x) image.pixels[y * 40 + x] = 7.0f;  // a 15x30 block
    const MnistPixels digit = data::prepare_like_mnist(image);
    check_in_unit_range(digit);
    const InkBox box = ink_box(digit);
    CHECK(box.height == 20);
    CHECK(box.width == 10);  // aspect ratio kept: 15 * 20/30
    CHECK(total_ink(digit) == doctest::Approx(200).epsilon(0.001));
    check_centred(digit);
}

TEST_CASE("strokes parse from the command-line text, as fractions times the canvas side") {
    const data::StrokesResult r = data::parse_strokes("0.5,0.1 0.5,0.9; 0.3, 0.5  0.7 ,0.5 ;", 200.0f);
    REQUIRE_MESSAGE(r.strokes.has_value(), r.error);
    const std::vector<Stroke>& strokes = *r.strokes;
    REQUIRE(strokes.size() == 2);
    REQUIRE(strokes[0].size() == 2);
    REQUIRE(strokes[1].size() == 2);
    CHECK(strokes[0][0].x == doctest::Approx(100));
    CHECK(strokes[0][0].y == doctest::Approx(20));
    CHECK(strokes[0][1].y == doctest::Approx(180));
    CHECK(strokes[1][0].x == doctest::Approx(60));
    CHECK(strokes[1][1].x == doctest::Approx(140));
    CHECK(strokes[1][1].y == doctest::Approx(100));

    const data::StrokesResult dot = data::parse_strokes("0,1");
    REQUIRE(dot.strokes.has_value());
    CHECK(dot.strokes->size() == 1);
    CHECK((*dot.strokes)[0].size() == 1);
}

TEST_CASE("malformed stroke text is refused with the stroke, the point and the token named") {
    std::string error = parse_error("0.5,0.1 0.5,0.9; 0.3,0.5 0.7");
    CHECK(contains(error, "stroke 2, point 2 \"0.7\""));
    CHECK(contains(error, "expected x,y"));

    error = parse_error("0.5,abc");
    CHECK(contains(error, "stroke 1, point 1 \"0.5,abc\""));
    CHECK(contains(error, "y is not a number"));

    error = parse_error("0.2,0.2 1.5,0.2");
    CHECK(contains(error, "point 2 \"1.5,0.2\""));
    CHECK(contains(error, "x must be between 0 and 1"));

    CHECK(contains(parse_error("0.1,0.2,0.3"), "\"0.1,0.2,0.3\": expected x,y"));
    CHECK(contains(parse_error(",0.5"), "x is missing"));
    CHECK(contains(parse_error("nan,0.5"), "x must be between 0 and 1"));
    CHECK(contains(parse_error("0.5,-0.1"), "y must be between 0 and 1"));
    CHECK(contains(parse_error(""), "no points"));
    CHECK(contains(parse_error(" ; ;"), "no points"));
}
