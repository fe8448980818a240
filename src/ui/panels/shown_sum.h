#pragma once
// Sums written out with their numbers must add up as displayed: 0.16 + 0.10 − 0.21 shown as
// "= 0.04" (the exact values do add to 0.044) reads as an arithmetic mistake to a class. These pick
// how many decimals to show so that the rounded terms add up to the rounded result.
#include <cmath>
#include <span>

namespace ui {

inline double rounded_to(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

// One written-out line: result = sum of coefficient[i] * value[i] + exact, where each value and the
// result are shown rounded, and the coefficients and `exact` are shown as they are (an input of 0
// or 1, a learning rate times an error). The fewest decimals, from `at_least` up to 6, at which the
// line adds up as shown.
inline int decimals_that_add_up(std::span<const double> coefficients, std::span<const double> values, double exact,
                                double result, int at_least = 2) {
    for (int d = at_least; d < 6; ++d) {
        double shown = exact;
        for (std::size_t i = 0; i < values.size() && i < coefficients.size(); ++i)
            shown += coefficients[i] * rounded_to(values[i], d);
        if (std::abs(rounded_to(shown, d) - rounded_to(result, d)) < 0.5 * std::pow(10.0, -d)) return d;
    }
    return 6;
}

}  // namespace ui
