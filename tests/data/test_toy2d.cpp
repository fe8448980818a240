#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>
#include <vector>

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

namespace {

constexpr data::Toy2D kGenerated[] = {data::Toy2D::Circles, data::Toy2D::Spiral, data::Toy2D::Moons,
                                      data::Toy2D::XorGrid, data::Toy2D::Blobs};

int count_label(const data::Dataset2D& d, int label) {
    return static_cast<int>(std::count(d.labels.begin(), d.labels.end(), label));
}

bool same_points(const data::Dataset2D& a, const data::Dataset2D& b) {
    return a.labels == b.labels && a.x.rows() == b.x.rows() && (a.x.array() == b.x.array()).all();
}

float radius(const data::Dataset2D& d, int i) { return std::hypot(d.x(i, 0), d.x(i, 1)); }

// A data set whose point i is (i, -i) with label i % 2, so every point can be traced through a split.
data::Dataset2D numbered_points(int n) {
    data::Dataset2D d;
    d.x.resize(n, 2);
    for (int i = 0; i < n; ++i) {
        d.x(i, 0) = static_cast<float>(i);
        d.x(i, 1) = static_cast<float>(-i);
        d.labels.push_back(i % 2);
    }
    d.x_min = -7.f, d.x_max = 7.f, d.y_min = -3.f, d.y_max = 3.f;
    return d;
}

}  // namespace

TEST_CASE("every data set has its name, and only the gates are logic gates") {
    CHECK(data::toy2d_name(data::Toy2D::XorGrid) == "xor_grid");
    CHECK(data::toy2d_from_name("spiral") == data::Toy2D::Spiral);
    CHECK(data::toy2d_from_name("blobs") == data::Toy2D::Blobs);
    CHECK(std::size(data::kAllToy2D) == 8);
    CHECK(data::is_logic_gate(data::Toy2D::And));
    CHECK(data::is_logic_gate(data::Toy2D::Xor));
    for (data::Toy2D d : kGenerated) CHECK_FALSE(data::is_logic_gate(d));
}

TEST_CASE("logic gates ignore the generation options") {
    const auto corners = data::make_toy2d(data::Toy2D::Xor);
    const auto with_options = data::make_toy2d(data::Toy2D::Xor, {.points = 500, .noise = 0.5f, .seed = 9});
    CHECK(same_points(corners, with_options));
    CHECK(with_options.x_min == -0.5f);
    CHECK(with_options.x_max == 1.5f);
}

TEST_CASE("generated sets have the asked size, both labels in balance, and follow their seed") {
    for (data::Toy2D d : kGenerated) {
        CAPTURE(data::toy2d_name(d));
        for (int points : {4, 7, 200, 301}) {
            CAPTURE(points);
            const auto set = data::make_toy2d(d, {.points = points, .noise = 0.1f, .seed = 42});
            REQUIRE(set.x.rows() == points);
            REQUIRE(set.x.cols() == 2);
            REQUIRE(set.labels.size() == static_cast<std::size_t>(points));
            CHECK(count_label(set, 0) == (points + 1) / 2);
            CHECK(count_label(set, 1) == points / 2);
            CHECK(set.x.allFinite());
            CHECK(same_points(set, data::make_toy2d(d, {.points = points, .noise = 0.1f, .seed = 42})));
            CHECK_FALSE(same_points(set, data::make_toy2d(d, {.points = points, .noise = 0.1f, .seed = 43})));
        }
    }
}

TEST_CASE("the point count is clamped to 4..5000 and a generated set defaults to 200 points") {
    CHECK(data::make_toy2d(data::Toy2D::Moons, {.points = 1}).x.rows() == 4);
    CHECK(data::make_toy2d(data::Toy2D::Moons, {.points = -3}).x.rows() == 4);
    CHECK(data::make_toy2d(data::Toy2D::Moons, {.points = 100000}).x.rows() == 5000);
    CHECK(data::make_toy2d(data::Toy2D::Spiral).x.rows() == 200);
}

TEST_CASE("clean generated sets lie in [-1, 1]^2 and are drawn in [-1.5, 1.5]^2") {
    for (data::Toy2D d : kGenerated) {
        if (d == data::Toy2D::Blobs) continue;  // Gaussian clusters have tails even without noise
        CAPTURE(data::toy2d_name(d));
        const auto set = data::make_toy2d(d, {.points = 1000, .noise = 0.f, .seed = 3});
        CHECK(set.x.cwiseAbs().maxCoeff() <= 1.f);
        CHECK(set.x_min == -1.5f);
        CHECK(set.x_max == 1.5f);
        CHECK(set.y_min == -1.5f);
        CHECK(set.y_max == 1.5f);
    }
}

TEST_CASE("noisy points widen the drawing square to a symmetric multiple of 0.5 that covers them") {
    const auto set = data::make_toy2d(data::Toy2D::Circles, {.points = 2000, .noise = 1.f, .seed = 5});
    const float farthest = set.x.cwiseAbs().maxCoeff();
    REQUIRE(farthest > 1.5f);  // with noise 1, 4000 coordinates certainly reach past 1.5
    CHECK(set.x_max > farthest);
    CHECK(set.x_min == -set.x_max);
    CHECK(set.y_min == set.x_min);
    CHECK(set.y_max == set.x_max);
    CHECK(std::fmod(set.x_max, 0.5f) == 0.f);
    CHECK(set.x_max - 0.5f <= farthest + 0.1f);  // the smallest such square, not just any
}

TEST_CASE("clean circles: every inner point is nearer the centre than every ring point") {
    const auto set = data::make_toy2d(data::Toy2D::Circles, {.points = 1000, .noise = 0.f, .seed = 11});
    float inner_farthest = 0.f, ring_nearest = 10.f;
    for (int i = 0; i < set.x.rows(); ++i) {
        if (set.labels[static_cast<std::size_t>(i)] == 1)
            inner_farthest = std::max(inner_farthest, radius(set, i));
        else
            ring_nearest = std::min(ring_nearest, radius(set, i));
    }
    CHECK(inner_farthest <= 0.5f);
    CHECK(ring_nearest >= 0.7f - 1e-6f);
}

TEST_CASE("clean xor_grid: the label is the sign of x*y, with a gap around the axes") {
    const auto set = data::make_toy2d(data::Toy2D::XorGrid, {.points = 1000, .noise = 0.f, .seed = 8});
    int quadrant_counts[4] = {};
    for (int i = 0; i < set.x.rows(); ++i) {
        const float x = set.x(i, 0), y = set.x(i, 1);
        CHECK(set.labels[static_cast<std::size_t>(i)] == (x * y > 0 ? 1 : 0));
        CHECK(std::abs(x) >= 0.05f);
        CHECK(std::abs(y) >= 0.05f);
        ++quadrant_counts[(x > 0 ? 1 : 0) + (y > 0 ? 2 : 0)];
    }
    for (int count : quadrant_counts) CHECK(count > 200);  // all four quadrants filled, about 250 each
}

TEST_CASE("clean moons lie on sklearn's two half circles") {
    const auto set = data::make_toy2d(data::Toy2D::Moons, {.points = 400, .noise = 0.f, .seed = 2});
    for (int i = 0; i < set.x.rows(); ++i) {
        // Undo the centring and scaling to get back sklearn's coordinates.
        const double x = set.x(i, 0) * 1.5 + 0.5, y = set.x(i, 1) * 1.5 + 0.25;
        if (set.labels[static_cast<std::size_t>(i)] == 0) {
            CHECK(std::hypot(x, y) == doctest::Approx(1.0).epsilon(1e-5));
            CHECK(y >= -1e-6);
        } else {
            CHECK(std::hypot(x - 1, y - 0.5) == doctest::Approx(1.0).epsilon(1e-5));
            CHECK(y <= 0.5 + 1e-6);
        }
    }
}

TEST_CASE("clean spiral arms wind outward, one the other turned half a turn") {
    const auto set = data::make_toy2d(data::Toy2D::Spiral, {.points = 200, .noise = 0.f, .seed = 1});
    // Points alternate label 0, 1; pair k holds the k-th point of each arm.
    for (int i = 0; i + 3 < set.x.rows(); i += 2) {
        CHECK(radius(set, i + 2) > radius(set, i));
        CHECK(set.x(i + 1, 0) == doctest::Approx(-set.x(i, 0)).epsilon(1e-5));
        CHECK(set.x(i + 1, 1) == doctest::Approx(-set.x(i, 1)).epsilon(1e-5));
    }
    CHECK(radius(set, 198) > 0.99f);
    CHECK(radius(set, 0) < 0.01f);
}

TEST_CASE("blobs sit around (-0.5,-0.5) and (0.5,0.5) with spread 0.25, widened by the noise") {
    for (float noise : {0.f, 0.3f}) {
        CAPTURE(noise);
        const auto set = data::make_toy2d(data::Toy2D::Blobs, {.points = 4000, .noise = noise, .seed = 4});
        const double expected_spread = std::sqrt(0.25 * 0.25 + noise * noise);
        for (int label : {0, 1}) {
            CAPTURE(label);
            double sum = 0, sum_sq = 0;
            int n = 0;
            for (int i = 0; i < set.x.rows(); ++i) {
                if (set.labels[static_cast<std::size_t>(i)] != label) continue;
                for (int c = 0; c < 2; ++c) {
                    sum += set.x(i, c);
                    sum_sq += set.x(i, c) * set.x(i, c);
                    ++n;
                }
            }
            const double mean = sum / n;
            const double spread = std::sqrt(sum_sq / n - mean * mean);
            CHECK(mean == doctest::Approx(label == 1 ? 0.5 : -0.5).epsilon(0.04));
            CHECK(spread == doctest::Approx(expected_spread).epsilon(0.05));
        }
    }
}

TEST_CASE("noise is clamped to [0, 1]") {
    const data::Toy2DOptions negative{.points = 100, .noise = -2.f, .seed = 6};
    const data::Toy2DOptions zero{.points = 100, .noise = 0.f, .seed = 6};
    CHECK(same_points(data::make_toy2d(data::Toy2D::Moons, negative), data::make_toy2d(data::Toy2D::Moons, zero)));
    const data::Toy2DOptions huge{.points = 100, .noise = 50.f, .seed = 6};
    const data::Toy2DOptions one{.points = 100, .noise = 1.f, .seed = 6};
    CHECK(same_points(data::make_toy2d(data::Toy2D::Moons, huge), data::make_toy2d(data::Toy2D::Moons, one)));
}

TEST_CASE("fit_bounds keeps small data in [-1.5, 1.5]^2 and squares larger data with a margin") {
    data::Dataset2D unit = data::make_toy2d(data::Toy2D::And);
    data::fit_bounds(unit);
    CHECK(unit.x_min == -1.5f);
    CHECK(unit.x_max == 1.5f);
    CHECK(unit.y_min == -1.5f);
    CHECK(unit.y_max == 1.5f);

    data::Dataset2D far;
    far.x.resize(3, 2);
    far.x << 100, 0,  //
        200, 10,      //
        150, 5;
    far.labels = {0, 1, 0};
    data::fit_bounds(far);
    CHECK(far.x_max - far.x_min == doctest::Approx(far.y_max - far.y_min));
    CHECK(far.x_min < 100.f);
    CHECK(far.x_max > 200.f);
    CHECK(far.y_min < 0.f);
    CHECK(far.y_max > 10.f);
    CHECK(far.x_min > 80.f);  // a margin, not a blow-up to include the origin
    CHECK(far.x_max < 220.f);
    CHECK((far.x_min + far.x_max) / 2 == doctest::Approx(150.f));
    CHECK((far.y_min + far.y_max) / 2 == doctest::Approx(5.f));

    data::Dataset2D just_outside;
    just_outside.x.resize(2, 2);
    just_outside.x << -2, 0,  //
        2, 1;
    just_outside.labels = {0, 1};
    data::fit_bounds(just_outside);
    CHECK(just_outside.x_min < -2.f);
    CHECK(just_outside.x_max > 2.f);
    CHECK(just_outside.x_max - just_outside.x_min == doctest::Approx(just_outside.y_max - just_outside.y_min));
}

TEST_CASE("a train/test split puts every point on exactly one side, in the asked proportion") {
    const auto all = numbered_points(200);
    const auto split = data::split_train_test(all, 0.25f, 7);
    REQUIRE(split.test.x.rows() == 50);
    REQUIRE(split.train.x.rows() == 150);
    REQUIRE(split.test.labels.size() == 50);
    REQUIRE(split.train.labels.size() == 150);

    std::vector<int> times_seen(200, 0);
    for (const data::Dataset2D* side : {&split.train, &split.test}) {
        for (int i = 0; i < side->x.rows(); ++i) {
            const int id = static_cast<int>(side->x(i, 0));
            REQUIRE(id >= 0);
            REQUIRE(id < 200);
            ++times_seen[static_cast<std::size_t>(id)];
            CHECK(side->x(i, 1) == -side->x(i, 0));                        // rows stay whole
            CHECK(side->labels[static_cast<std::size_t>(i)] == id % 2);  // labels travel with them
        }
        CHECK(side->x_min == -7.f);
        CHECK(side->x_max == 7.f);
        CHECK(side->y_min == -3.f);
        CHECK(side->y_max == 3.f);
    }
    CHECK(std::all_of(times_seen.begin(), times_seen.end(), [](int t) { return t == 1; }));

    // Shuffled: the test side is not simply the first 50 points.
    int first_fifty_in_test = 0;
    for (int i = 0; i < split.test.x.rows(); ++i) first_fifty_in_test += split.test.x(i, 0) < 50.f;
    CHECK(first_fifty_in_test < 30);
}

TEST_CASE("a train/test split is decided by its seed") {
    const auto all = numbered_points(100);
    const auto a = data::split_train_test(all, 0.3f, 1);
    const auto b = data::split_train_test(all, 0.3f, 1);
    const auto c = data::split_train_test(all, 0.3f, 2);
    CHECK(same_points(a.test, b.test));
    CHECK(same_points(a.train, b.train));
    CHECK_FALSE(same_points(a.test, c.test));
}

TEST_CASE("split sizes: rounding, clamping, and at least one point on each side") {
    const auto sizes = [](int n, float fraction) {
        const auto split = data::split_train_test(numbered_points(n), fraction, 3);
        return std::pair{static_cast<int>(split.train.x.rows()), static_cast<int>(split.test.x.rows())};
    };
    CHECK(sizes(10, 0.f) == std::pair{10, 0});
    CHECK(sizes(10, 0.2f) == std::pair{8, 2});
    CHECK(sizes(10, 0.26f) == std::pair{7, 3});     // round(2.6)
    CHECK(sizes(10, 0.01f) == std::pair{9, 1});     // a positive fraction tests at least one point
    CHECK(sizes(10, 5.f) == std::pair{1, 9});       // clamped to 0.9
    CHECK(sizes(10, -1.f) == std::pair{10, 0});     // clamped to 0
    CHECK(sizes(3, 0.9f) == std::pair{1, 2});       // round(2.7) = 3 would leave nothing to train on
    CHECK(sizes(2, 0.5f) == std::pair{1, 1});
    CHECK(sizes(1, 0.9f) == std::pair{1, 0});       // one point: it trains
}
