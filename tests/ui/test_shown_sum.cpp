// Sums written out on screen add up as displayed (the perceptron rule panel, lesson 1).
#include <doctest/doctest.h>

#include <cmath>

#include "ui/panels/shown_sum.h"

using ui::decimals_that_add_up;
using ui::rounded_to;

TEST_CASE("a written-out score gets the decimals it needs to add up as shown") {
    // At two decimals these read 0.16·1 + 0.10·1 + (−0.21) = 0.04, which a class can check is 0.05.
    const double inputs[] = {1, 1, 1};
    const double weights[] = {0.156, 0.0955, -0.2085};
    const double score = weights[0] + weights[1] + weights[2];
    REQUIRE(rounded_to(score, 2) == doctest::Approx(0.04));
    const int d = decimals_that_add_up(inputs, weights, 0.0, score);
    CHECK(d > 2);
    double shown = 0;
    for (int i = 0; i < 3; ++i) shown += inputs[i] * rounded_to(weights[i], d);
    CHECK(rounded_to(shown, d) == doctest::Approx(rounded_to(score, d)));
}

TEST_CASE("a sum that already adds up at two decimals keeps two") {
    const double inputs[] = {1, 0, 1};
    const double weights[] = {0.9, -0.8, 0.3};
    CHECK(decimals_that_add_up(inputs, weights, 0.0, 1.2) == 2);
}

TEST_CASE("an update line counts its exactly shown change: w ← w + η·e·x") {
    const double one[] = {1};
    const double before[] = {-0.0414};
    // -0.04 + 0.1 = 0.06, but the new weight -0.0414 + 0.1 = 0.0586 shows as 0.06: adds up at two.
    CHECK(decimals_that_add_up(one, before, 0.1, -0.0414 + 0.1) == 2);
    const double before2[] = {0.0449};
    // 0.04 + 0.001 = 0.041 would show as 0.05 at two decimals (0.0459): needs three.
    CHECK(decimals_that_add_up(one, before2, 0.001, 0.0459) >= 3);
}
