#include <doctest/doctest.h>

#include <vector>

#include "ui/panels/digits/digits_common.h"

using namespace ui::digits;

TEST_CASE("digit model: 784-16-16-10 has 13,002 parameters, and the sum says where they come from") {
    const std::vector<int> small = {784, 16, 16, 10};
    const ParameterSum p = parameter_sum(small);
    CHECK(p.total == 13002);
    CHECK(p.sum == "784×16+16 + 16×16+16 + 16×10+10");
    CHECK(with_commas(p.total) == "13,002");
    CHECK(shape_text(small) == "784 → 16 → 16 → 10");
    const std::vector<int> wide = {784, 128, 64, 10};
    CHECK(parameter_sum(wide).total == 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);  // 109,386
    CHECK(with_commas(parameter_sum(wide).total) == "109,386");
}

TEST_CASE("digit text: thousands separators, and percentages that never claim certainty") {
    CHECK(with_commas(0) == "0");
    CHECK(with_commas(999) == "999");
    CHECK(with_commas(1000) == "1,000");
    CHECK(with_commas(60000) == "60,000");
    CHECK(with_commas(1234567) == "1,234,567");
    CHECK(with_commas(-2500) == "-2,500");
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
