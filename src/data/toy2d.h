#pragma once
// Small two-dimensional data sets for the first lessons: each point is (x, y) with a 0/1 label.
// The logic gates are the four corners of the unit square; the generated sets are the shapes of
// TensorFlow Playground and scikit-learn, drawn in [-1, 1]^2 from a seed.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "nn/tensor.h"

namespace data {

enum class Toy2D { And, Or, Xor, Circles, Spiral, Moons, XorGrid, Blobs };

inline constexpr Toy2D kAllToy2D[] = {Toy2D::And,    Toy2D::Or,    Toy2D::Xor,     Toy2D::Circles,
                                      Toy2D::Spiral, Toy2D::Moons, Toy2D::XorGrid, Toy2D::Blobs};

// "and", "or", "xor", "circles", "spiral", "moons", "xor_grid", "blobs"
std::string_view toy2d_name(Toy2D d);
std::optional<Toy2D> toy2d_from_name(std::string_view name);

// And, Or and Xor: four fixed corners, nothing to generate.
bool is_logic_gate(Toy2D d);

struct Dataset2D {
    nn::Matrix x;             // [n, 2]
    std::vector<int> labels;  // n labels, 0 or 1
    // The square of the plane worth drawing: data plus a margin.
    float x_min = -0.5f, x_max = 1.5f, y_min = -0.5f, y_max = 1.5f;
};

struct Toy2DOptions {
    int points = 200;        // clamped to [4, 5000]
    float noise = 0.1f;      // standard deviation of the jitter on each coordinate, clamped to [0, 1]
    std::uint64_t seed = 1;  // the same seed gives the same points, bit for bit
};

// The four corners of the unit square, labelled by the logic gate. A generated set is drawn with
// the default options.
Dataset2D make_toy2d(Toy2D d);

// Gates: the same four corners (options ignored). Generated sets: options.points points, the two
// classes as balanced as possible and interleaved (label 0, 1, 0, 1, ...), bounds [-1.5, 1.5]^2 or
// a wider symmetric square when noise throws points out of it.
Dataset2D make_toy2d(Toy2D d, const Toy2DOptions& options);

// Square bounds that cover every point with a margin: [-1.5, 1.5]^2 when the points fit in it
// comfortably, otherwise a square around the points with round limits. For data the user loads.
void fit_bounds(Dataset2D& d);

struct TrainTestSplit {
    Dataset2D train, test;
};

// Shuffles the points with the seed and puts round(n * test_fraction) of them in test
// (test_fraction clamped to [0, 0.9]). With a fraction above 0 and at least two points, each side
// gets at least one point. Both sides keep the bounds of `all`, so plots of train and test match.
TrainTestSplit split_train_test(const Dataset2D& all, float test_fraction, std::uint64_t seed);

}  // namespace data
