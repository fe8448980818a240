#pragma once
// Tiny two-dimensional data sets for the first lessons: each point is (x, y) with a 0/1 label.
#include <optional>
#include <string_view>
#include <vector>

#include "nn/tensor.h"

namespace data {

enum class Toy2D { And, Or, Xor };

inline constexpr Toy2D kAllToy2D[] = {Toy2D::And, Toy2D::Or, Toy2D::Xor};

std::string_view toy2d_name(Toy2D d);                       // "and", "or", "xor"
std::optional<Toy2D> toy2d_from_name(std::string_view name);

struct Dataset2D {
    nn::Matrix x;             // [n, 2]
    std::vector<int> labels;  // n labels, 0 or 1
    // The square of the plane worth drawing: data plus a margin.
    float x_min = -0.5f, x_max = 1.5f, y_min = -0.5f, y_max = 1.5f;
};

// The four corners of the unit square, labelled by the logic gate.
Dataset2D make_toy2d(Toy2D d);

}  // namespace data
