#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "train/format.h"

using train::format_number;
using train::TrailingZeros;

TEST_CASE("format: plain notation between 0.0001 and 10000, compact scientific outside") {
    CHECK(format_number(7.6252, 4) == "7.625");
    CHECK(format_number(0.69314, 4) == "0.6931");
    CHECK(format_number(563.0, 4) == "563");
    CHECK(format_number(5630.0, 4) == "5630");
    CHECK(format_number(0.00012346, 4) == "0.0001235");
    CHECK(format_number(9909717434368.0, 4) == "9.9e+12");
    CHECK(format_number(56300.0, 4) == "5.6e+04");
    CHECK(format_number(0.0000123, 4) == "1.2e-05");
    CHECK(format_number(-5630000.0, 4) == "-5.6e+06");
    // Rounding that crosses a boundary is judged after rounding.
    CHECK(format_number(9999.7, 4) == "1.0e+04");
    CHECK(format_number(0.99996, 4) == "1");
}

TEST_CASE("format: trailing zeros kept on request, so a changing figure keeps its width") {
    CHECK(format_number(0.5, 4, TrailingZeros::Keep) == "0.5000");
    CHECK(format_number(563.0, 4, TrailingZeros::Keep) == "563.0");
    CHECK(format_number(0.5, 4, TrailingZeros::Trim) == "0.5");
    CHECK(train::format_loss(7.6252) == "7.625");
    CHECK(train::format_loss(0.6931) == "0.6931");
    CHECK(train::format_loss(1.0) == "1.000");
}

TEST_CASE("format: zero, NaN and infinities say what they are") {
    CHECK(format_number(0.0) == "0");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(std::nan("")) == "NaN");
    CHECK(format_number(std::numeric_limits<double>::infinity()) == "\xE2\x88\x9E");
    CHECK(format_number(-std::numeric_limits<double>::infinity()) == "-\xE2\x88\x9E");
}

TEST_CASE("format: compact numbers are never wider than eight characters") {
    for (double v = 1e-30; v < 1e30; v *= 7.3) {
        const std::string s = format_number(v, 4);
        if (v >= 1e4 || v < 1e-4) CHECK(s.size() <= 7);
        CHECK(format_number(-v, 4).size() <= 10);  // plain 0.0001235 and its sign at most
    }
}

TEST_CASE("format: a learning rate reads as the slider's %.3g over the slider's range") {
    for (double v = 0.0001; v <= 100.0; v *= 1.0137) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g", float(v));
        CHECK_MESSAGE(train::format_learning_rate(float(v)) == buf, "at ", v);
    }
    CHECK(train::format_learning_rate(100.f) == "100");
    CHECK(train::format_learning_rate(38.1f) == "38.1");
    CHECK(train::format_learning_rate(0.0001f) == "0.0001");
}

TEST_CASE("format: percentages with one decimal") {
    CHECK(train::format_percent(0.5) == "50.0%");
    CHECK(train::format_percent(0.9876) == "98.8%");
    CHECK(train::format_percent(1.0) == "100.0%");
    CHECK(train::format_percent(std::nan("")) == "NaN%");
}

TEST_CASE("format: counts with thousands separated") {
    CHECK(train::format_count(0) == "0");
    CHECK(train::format_count(999) == "999");
    CHECK(train::format_count(1000) == "1,000");
    CHECK(train::format_count(60000) == "60,000");
    CHECK(train::format_count(1234567) == "1,234,567");
    CHECK(train::format_count(-2500) == "-2,500");
}
