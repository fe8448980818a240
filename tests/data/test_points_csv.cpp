#include <doctest/doctest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "data/points_csv.h"

namespace {

std::string error_of(std::string_view text) {
    const data::PointsCsvResult result = data::parse_points_csv(text, "points.csv");
    CHECK_FALSE(result.data.has_value());
    return result.error;
}

// A scratch directory of its own, removed at the end of the test.
struct ScratchDirectory {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "nnscope_test_points_csv";
    ScratchDirectory() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~ScratchDirectory() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("a points file with a header, comments, blank lines, spaces and CRLF line ends loads") {
    const std::string text =
        "\xEF\xBB\xBF"  // the byte order mark a spreadsheet writes
        "# points for lesson 3\r\n"
        "x, y, label\r\n"
        "\r\n"
        "  0.5 , -1.25 , 1\r\n"
        "# the next point is on the origin\r\n"
        "0,0,0\r\n"
        "\t\r\n"
        "+2e-1,.75,0\r\n"
        "-1,1,1";  // no line end after the last row
    const data::PointsCsvResult result = data::parse_points_csv(text, "points.csv");
    INFO(result.error);
    REQUIRE(result.data.has_value());
    CHECK(result.error.empty());
    const data::Dataset2D& d = *result.data;
    REQUIRE(d.x.rows() == 4);
    CHECK(d.labels == std::vector<int>{1, 0, 0, 1});
    CHECK(d.x(0, 0) == 0.5f);
    CHECK(d.x(0, 1) == -1.25f);
    CHECK(d.x(1, 0) == 0.f);
    CHECK(d.x(2, 0) == 0.2f);
    CHECK(d.x(2, 1) == 0.75f);
    CHECK(d.x(3, 0) == -1.f);
    CHECK(d.x(3, 1) == 1.f);
    // Every point is inside [-1.5, 1.5]^2 with room to spare, so that is the square drawn.
    CHECK(d.x_min == -1.5f);
    CHECK(d.x_max == 1.5f);
    CHECK(d.y_min == -1.5f);
    CHECK(d.y_max == 1.5f);
}

TEST_CASE("a points file without a header starts with its first point") {
    const data::PointsCsvResult result = data::parse_points_csv("0.1,0.2,0\n0.3,0.4,1\n", "p.csv");
    REQUIRE(result.data.has_value());
    REQUIRE(result.data->x.rows() == 2);
    CHECK(result.data->x(0, 0) == 0.1f);
    CHECK(result.data->labels == std::vector<int>{0, 1});
    CHECK(result.data->x_min == -1.5f);  // small data keeps the standard square
    CHECK(result.data->x_max == 1.5f);
    CHECK(result.data->y_max == 1.5f);
}

TEST_CASE("each kind of bad row is reported with its line and what was expected") {
    const std::string good = "x,y,label\n0,0,0\n1,1,1\n";  // lines 1-3
    CHECK(error_of(good + "0.5,0.5\n") == "points.csv:4: expected 3 fields (x,y,label), got 2");
    CHECK(error_of(good + "0.5,0.5,1,7\n") == "points.csv:4: expected 3 fields (x,y,label), got 4");
    CHECK(error_of(good + "\n# note\n\n0,1,2\n") == "points.csv:7: the label must be 0 or 1, got \"2\"");
    CHECK(error_of(good + "0,1,-1\n") == "points.csv:4: the label must be 0 or 1, got \"-1\"");
    CHECK(error_of(good + "0,1,1.0\n") == "points.csv:4: the label must be 0 or 1, got \"1.0\"");
    CHECK(error_of(good + "0,1,yes\n") == "points.csv:4: the label must be 0 or 1, got \"yes\"");
    CHECK(error_of(good + "0,1,\n") == "points.csv:4: the label is empty; expected 0 or 1");
    CHECK(error_of(good + "0,0,0\n0,0,0\n# c\n\n0,0,0\nabc,1,0\n") == "points.csv:9: x is not a number: \"abc\"");
    CHECK(error_of(good + "1.5.2,1,0\n") == "points.csv:4: x is not a number: \"1.5.2\"");
    CHECK(error_of(good + "0x10,1,0\n") == "points.csv:4: x is not a number: \"0x10\"");
    CHECK(error_of(good + "1,-,0\n") == "points.csv:4: y is not a number: \"-\"");
    CHECK(error_of(good + ",1,0\n") == "points.csv:4: x is empty; expected a number");
    CHECK(error_of(good + "1,nan,0\n") == "points.csv:4: y must be an ordinary number, got \"nan\"");
    CHECK(error_of(good + "-inf,0,0\n") == "points.csv:4: x must be an ordinary number, got \"-inf\"");
    CHECK(error_of(good + "1e400,0,0\n") == "points.csv:4: x is too large or too small to use: \"1e400\"");
    CHECK(error_of(good + "0,1e39,0\n") == "points.csv:4: y is too large or too small to use: \"1e39\"");
    CHECK(error_of(good + "0,0,0\r\n0,1\r\n") == "points.csv:5: expected 3 fields (x,y,label), got 2");
}

TEST_CASE("a file saved with semicolons gets a hint about the separator") {
    CHECK(error_of("x;y;label\n0.5;1.5;1\n") ==
          "points.csv:2: expected 3 fields (x,y,label), got 1 (separate the fields with commas, not semicolons)");
    CHECK(error_of("x;y;label\n0,5;1,5;1\n") ==
          "points.csv:2: y is not a number: \"5;1\" (separate the fields with commas, not semicolons)");
    CHECK(error_of("x\ty\tlabel\n0.5\t1.5\t1\n") ==
          "points.csv:2: expected 3 fields (x,y,label), got 1 (separate the fields with commas, not tabs)");
}

TEST_CASE("a header is recognised only in the first row") {
    CHECK(error_of("x,y,label\n0,0,0\nx,y,label\n1,1,1\n") == "points.csv:3: x is not a number: \"x\"");
    // Comments and blank lines may come before the header.
    const auto result = data::parse_points_csv("# made by hand\n\nx,y,label\n0,0,0\n1,1,1\n", "p.csv");
    CHECK(result.data.has_value());
}

TEST_CASE("files without enough points or with one class are refused, saying why") {
    CHECK(error_of("") == "points.csv: no points (no rows of x,y,label)");
    CHECK(error_of("# nothing yet\n\n") == "points.csv: no points (no rows of x,y,label)");
    CHECK(error_of("x,y,label\n") == "points.csv: no points (only a header)");
    CHECK(error_of("x,y,label\n# todo\n") == "points.csv: no points (only a header)");
    CHECK(error_of("x,y,label\n0,0,1\n") == "points.csv: only 1 point; at least 2 are needed, with labels 0 and 1");
    CHECK(error_of("0,0,1\n1,1,1\n2,2,1\n") ==
          "points.csv: every point has label 1; a classifier needs points of both labels, 0 and 1");
    CHECK(error_of("x,y,label\n0,0,0\n1,1,0\n") ==
          "points.csv: every point has label 0; a classifier needs points of both labels, 0 and 1");
}

TEST_CASE("at most 10,000 points are loaded") {
    std::string text = "x,y,label\n";
    for (std::size_t i = 0; i < data::kMaxCsvPoints; ++i) text += std::to_string(i % 7) + ",0.5," + std::to_string(i % 2) + "\n";
    const auto full = data::parse_points_csv(text, "points.csv");
    REQUIRE(full.data.has_value());
    CHECK(full.data->x.rows() == 10'000);

    text += "1,1,1\n";  // point 10,001 on line 10,002
    CHECK(error_of(text) == "points.csv:10002: too many points; a file can hold at most 10000");
}

TEST_CASE("points far from the origin get bounds around them") {
    const auto result = data::parse_points_csv("x,y,label\n100,50,0\n300,60,1\n200,250,0\n", "p.csv");
    REQUIRE(result.data.has_value());
    const data::Dataset2D& d = *result.data;
    CHECK(d.x_min < 100.f);
    CHECK(d.x_max > 300.f);
    CHECK(d.y_min < 50.f);
    CHECK(d.y_max > 250.f);
    CHECK(d.x_max - d.x_min == doctest::Approx(d.y_max - d.y_min));
    CHECK(d.x_max - d.x_min < 300.f);  // a margin, not a square from the origin
}

TEST_CASE("read_points_csv reads a file and names it in errors") {
    ScratchDirectory scratch;
    const auto good_path = scratch.path / "good.csv";
    std::ofstream(good_path) << "x,y,label\n0,0,0\n1,1,1\n";
    const auto good = data::read_points_csv(good_path.string());
    INFO(good.error);
    REQUIRE(good.data.has_value());
    CHECK(good.data->labels == std::vector<int>{0, 1});
    CHECK(good.data->x(1, 0) == 1.f);

    const auto bad_path = scratch.path / "bad.csv";
    std::ofstream(bad_path) << "x,y,label\n0,0,0\n1,1,3\n";
    CHECK(data::read_points_csv(bad_path.string()).error == "bad.csv:3: the label must be 0 or 1, got \"3\"");
}

TEST_CASE("read_points_csv on a missing file or a folder says which and why") {
    ScratchDirectory scratch;
    const std::string missing = (scratch.path / "missing.csv").string();
    const auto result = data::read_points_csv(missing);
    CHECK_FALSE(result.data.has_value());
    CHECK(result.error == missing + ": cannot read the file: " + std::strerror(ENOENT));

    const auto folder = data::read_points_csv(scratch.path.string());
    CHECK_FALSE(folder.data.has_value());
    CHECK(folder.error == scratch.path.string() + ": cannot read the file: " + std::strerror(EISDIR));
}
