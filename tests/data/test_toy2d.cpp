#include <doctest/doctest.h>

#include "data/toy2d.h"

TEST_CASE("logic gate data sets label the corners of the unit square") {
    const auto a = data::make_toy2d(data::Toy2D::And);
    const auto o = data::make_toy2d(data::Toy2D::Or);
    const auto x = data::make_toy2d(data::Toy2D::Xor);
    CHECK(a.labels == std::vector<int>{0, 0, 0, 1});
    CHECK(o.labels == std::vector<int>{0, 1, 1, 1});
    CHECK(x.labels == std::vector<int>{0, 1, 1, 0});
    CHECK(x.x(3, 0) == 1.f);
    CHECK(x.x(3, 1) == 1.f);
}

TEST_CASE("data set names round-trip and unknown names are refused") {
    for (data::Toy2D d : data::kAllToy2D) CHECK(data::toy2d_from_name(data::toy2d_name(d)) == d);
    CHECK_FALSE(data::toy2d_from_name("nand").has_value());
}
