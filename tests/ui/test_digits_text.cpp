#include <doctest/doctest.h>

#include <vector>

#include "train/format.h"
#include "ui/panels/digits/digits_common.h"

using namespace ui::digits;

TEST_CASE("digit model: 784-16-16-10 has 13,002 parameters, and the sum says where they come from") {
    const std::vector<int> small = {784, 16, 16, 10};
    const ParameterSum p = parameter_sum(small);
    CHECK(p.total == 13002);
    CHECK(p.sum == "784×16+16 + 16×16+16 + 16×10+10");
    CHECK(train::format_count(p.total) == "13,002");
    CHECK(shape_text(small) == "784 → 16 → 16 → 10");
    const std::vector<int> wide = {784, 128, 64, 10};
    CHECK(parameter_sum(wide).total == 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);  // 109,386
    CHECK(train::format_count(parameter_sum(wide).total) == "109,386");
}

TEST_CASE("digit text: percentages that never claim certainty") {
    CHECK(short_percent(0.984f) == "98%");
    CHECK(short_percent(0.9996f) == ">99%");
    CHECK(short_percent(1.f) == "100%");
    CHECK(short_percent(0.003f) == "<1%");
    CHECK(short_percent(0.f) == "0%");
}

TEST_CASE("digit captions: a right answer with its confidence, a wrong one with the true digit") {
    const auto right = sample_captions(7, 0.98f, 7);
    REQUIRE(!right.empty());
    CHECK(right.front() == "7 · 98%");
    CHECK(right.back() == "7");
    const auto wrong = sample_captions(3, 0.61f, 5);
    REQUIRE(wrong.size() >= 2);
    CHECK(wrong.front() == "wrong: 3 (is 5)");
    CHECK(wrong[1] == "3 (is 5)");
    for (const std::string& c : wrong) CHECK(c.find('5') != std::string::npos);  // every form names the true digit
}

TEST_CASE("digit grids: as many pictures as fit at the least size, then the columns that make them largest") {
    // 16 neurons in 480 x 200 px, at least 48 px, 10 px gaps, 20 px captions: 8 across, 2 down fit, and
    // 8 columns of 2 rows is the largest (51 px wide; 4 columns would be 4 rows, far too tall).
    const GridFit a = fit_pictures(16, 480, 200, 48, 1000, 10, 20);
    CHECK(a.count == 16);
    CHECK(a.columns == 8);
    CHECK(a.rows == 2);
    CHECK(a.side == doctest::Approx(51));
    CHECK(a.width() <= 480);
    CHECK(float(a.rows) * (a.side + 20) + float(a.rows - 1) * 10 <= 200);
    // A tall area: fewer columns, larger pictures.
    const GridFit b = fit_pictures(16, 480, 900, 48, 1000, 10, 20);
    CHECK(b.count == 16);
    CHECK(b.columns < a.columns);
    CHECK(b.side > a.side);
    CHECK(float(b.rows) * (b.side + 20) + float(b.rows - 1) * 10 <= 900);
    // Too few places: only what fits (and never more than asked).
    const GridFit c = fit_pictures(128, 480, 100, 48, 1000, 10, 20);
    CHECK(c.count == 8);
    CHECK(c.rows == 1);
    CHECK(fit_pictures(3, 480, 900, 48, 120, 10, 20).side == doctest::Approx(120));  // capped
    CHECK(fit_pictures(0, 480, 900, 48, 120, 10, 20).count == 0);
    // An area smaller than one picture still shows one.
    CHECK(fit_pictures(10, 30, 30, 48, 1000, 10, 20).count == 1);
}
