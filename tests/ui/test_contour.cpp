#include <doctest/doctest.h>

#include <cmath>

#include "ui/widgets/contour.h"

TEST_CASE("contour of a linear ramp is the straight line where it crosses the level") {
    // v = column / 4 on a 5x5 grid: crosses 0.5 at column 2 exactly, on every row.
    std::vector<float> v(25);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 5; ++c) v[r * 5 + c] = float(c) / 4.f + 1e-4f * float(r == 0);
    const auto segs = ui::contour_segments(v, 5, 5, 0.55f);
    REQUIRE(segs.size() == 4);  // one per row of cells
    for (const auto& s : segs) {
        CHECK(s.x0 == doctest::Approx(2.2).epsilon(1e-3));
        CHECK(s.x1 == doctest::Approx(2.2).epsilon(1e-3));
        CHECK(std::abs(s.y1 - s.y0) == doctest::Approx(1.0));
    }
}

TEST_CASE("contour of a field that never reaches the level is empty") {
    std::vector<float> v(16, 0.2f);
    CHECK(ui::contour_segments(v, 4, 4, 0.5f).empty());
    CHECK(ui::contour_segments(v, 1, 16, 0.5f).empty());  // too small to have cells
}

TEST_CASE("contour around a single high sample closes into a diamond") {
    std::vector<float> v(9, 0.f);
    v[4] = 1.f;  // centre of a 3x3 grid
    const auto segs = ui::contour_segments(v, 3, 3, 0.5f);
    CHECK(segs.size() == 4);
    for (const auto& s : segs) {
        CHECK(std::abs(s.x0 - 1.f) + std::abs(s.y0 - 1.f) == doctest::Approx(0.5));
        CHECK(std::abs(s.x1 - 1.f) + std::abs(s.y1 - 1.f) == doctest::Approx(0.5));
    }
}
