#pragma once
// What a student draws on the lesson-5 canvas, and the 28x28 digit an MNIST network sees of it.
//
//     strokes (canvas units) --rasterise_drawing--> GreyImage (112x112, anti-aliased)
//                            --prepare_like_mnist--> 784 floats, prepared as LeCun prepared MNIST
//
// The preparation follows the MNIST page (http://yann.lecun.com/exdb/mnist/): the ink's bounding
// box is scaled, aspect ratio kept, so that its longer side is 20 pixels, with anti-aliasing; then
// it is placed in the 28x28 image with its centre of mass at the centre. "The centre" needs a
// convention, and the digits themselves settle it: with pixel (col, row) indexed from 0, the mean
// centre of mass of the installed MNIST test digits is (14.01, 14.01) and every one of them lies
// within half a pixel of (14, 14). So MNIST shifted by whole pixels to put the centre of mass on
// pixel index 14, and so does this. In continuous coordinates, where pixel i covers [i, i+1] and has
// its centre at i + 0.5, that is the point (14.5, 14.5): half a pixel right of and below the
// image's geometric middle (14, 14), which is pixel index 13.5.
//
// Output pixels follow data::MnistSet: row-major, 0 background, 1 ink, values in [0, 1].
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/idx.h"

namespace data {

// Canvas coordinates: x to the right, y downward (as on screen and in ImGui), the canvas the square
// [0, side] x [0, side] in whatever unit the caller draws in, the widget's pixels say.
struct CanvasPoint {
    float x = 0;
    float y = 0;
};

// One stroke of the pen, from press to release: a polyline. A single point is a dot.
using Stroke = std::vector<CanvasPoint>;

// The pen's width as a fraction of the canvas side. MNIST strokes are about 3 pixels wide in a digit
// 20 pixels tall (the installed ones: 3.2); a digit drawn over 70-80% of the canvas with this pen
// comes out 2.6-2.9 pixels wide, the pen's round ends counted in its height.
inline constexpr float kDefaultPenWidth = 0.12f;

struct DigitDrawing {
    float side = 1.0f;                   // the canvas side, in the units of the points
    float pen_width = kDefaultPenWidth;  // a fraction of `side`, so resizing the widget keeps the look
    std::vector<Stroke> strokes;         // points outside the canvas are allowed and cut off
};

// A square grey picture: row-major, pixel (x, y) at pixels[y * side + x], 0 background, 1 ink.
struct GreyImage {
    int side = 0;
    std::vector<float> pixels;
    float at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * side + x]; }
};

// Four times MNIST's 28: a digit over most of the canvas is 80-100 pixels here and is scaled down,
// never up, on its way to 20. A drawing smaller than a fifth of the canvas is scaled up (bilinear).
inline constexpr int kWorkingSide = 112;

// Pixel (x, y) covers [x, x+1] x [y, y+1]; its value is the pen's coverage at its centre with a
// one-pixel soft edge: clamp(pen_radius + 0.5 - distance to the nearest segment, 0, 1), so a stroke
// carries exactly its width of ink across it. Overlapping strokes take the maximum, never more than
// 1. Only pixels inside the canvas are written; points that are not finite are skipped.
GreyImage rasterise_drawing(const DigitDrawing& drawing, int side_pixels = kWorkingSide);

inline constexpr int kMnistDigitBox = 20;       // the longer side of the ink's box after scaling
inline constexpr int kMnistCentreOfMass = 14;   // pixel index, both axes (see the top of the file)
// Fainter than half a grey level of a byte: MNIST would have stored it as 0, so it is not ink when
// the bounding box is measured.
inline constexpr float kInkThreshold = 0.5f / 255.0f;

using MnistPixels = std::array<float, kMnistPixels>;

// MNIST's preparation of any grey picture (values outside [0, 1] are clamped, NaN is background):
//   1. the bounding box of the pixels above kInkThreshold;
//   2. scaled by 20 / its longer side into a 20x20 box, centred there along its shorter side; each
//      box pixel is the exact area average of the source over the box pixel's footprint, which is
//      area-averaging when shrinking, and when enlarging a footprint of one source pixel, which is
//      bilinear interpolation;
//   3. the box placed in 28x28 shifted by whole pixels, so the centre of mass lands within half a
//      pixel of index (14, 14); whole pixels keep the box's 20 pixels from spreading over 21. Ink of
//      a very lopsided digit that would fall off the edge is cut, as it was for MNIST.
// No ink gives all zeros.
MnistPixels prepare_like_mnist(const GreyImage& image);

// rasterise_drawing at kWorkingSide, then prepare_like_mnist.
MnistPixels digit_from_drawing(const DigitDrawing& drawing);

struct StrokesResult {
    std::optional<std::vector<Stroke>> strokes;  // set on success, in canvas units
    std::string error;                           // set on failure
};

// Strokes from the compact text of the `--stroke` option, coordinates as fractions 0-1 of the
// canvas (x right, y down), points separated by blanks, strokes by ';':
//
//     "0.3,0.2 0.7,0.2 0.45,0.85; 0.35,0.5 0.6,0.5"    <- a seven with a bar
//
// Blanks around a comma are allowed ("0.3, 0.2"); empty strokes (";;", a trailing ';') are skipped.
// Points are multiplied by `side`. Errors name the stroke, the point and the token:
// `stroke 2, point 1 "0.5": expected x,y`, `stroke 1, point 2 "1.5,0.2": x must be between 0 and 1`.
StrokesResult parse_strokes(std::string_view text, float side = 1.0f);

}  // namespace data
