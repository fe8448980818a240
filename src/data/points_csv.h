#pragma once
// Two-dimensional points a user brings in a CSV file, one `x,y,label` row per point:
//
//     x,y,label          <- optional header: a first row whose first field is not a number
//     # a comment        <- lines starting with # are skipped, and so are blank lines
//     0.5, -1.25, 1
//
// x and y are finite numbers, the label is 0 or 1. A file needs at least two points and both
// labels, and holds at most 10,000 points. Errors name the file and line in words meant for a
// teacher: `points.csv:7: the label must be 0 or 1, got "2"`.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "data/toy2d.h"

namespace data {

inline constexpr std::size_t kMaxCsvPoints = 10'000;

struct PointsCsvResult {
    std::optional<Dataset2D> data;  // set on success, with bounds from fit_bounds
    std::string error;              // set on failure
};

// `file_name` only labels the messages.
PointsCsvResult parse_points_csv(std::string_view text, const std::string& file_name);

PointsCsvResult read_points_csv(const std::string& path);

}  // namespace data
