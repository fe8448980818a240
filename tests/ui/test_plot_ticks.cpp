// Ticks, tick labels, colour maps, the palette and the pieces of the plot widgets that need no
// ImGui context (ranges, log ticks, decimation).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "ui/widgets/plot.h"
#include "ui/widgets/plot_internal.h"

using namespace ui;

namespace {

struct Rgb {
    int r, g, b;
};

Rgb rgb(ImU32 c) {
    return {int((c >> IM_COL32_R_SHIFT) & 0xFF), int((c >> IM_COL32_G_SHIFT) & 0xFF), int((c >> IM_COL32_B_SHIFT) & 0xFF)};
}

int alpha(ImU32 c) { return int((c >> IM_COL32_A_SHIFT) & 0xFF); }

// True when step is 1, 2 or 5 x 10^k (within rounding).
bool is_nice_step(double step) {
    if (!(step > 0)) return false;
    const double e = std::floor(std::log10(step));
    const double m = step / std::pow(10.0, e);
    for (double nice : {1.0, 2.0, 5.0, 10.0})
        if (std::fabs(m - nice) < 1e-6) return true;
    return false;
}

// Ticks inside [lo, hi], strictly increasing, evenly spaced by a nice step.
void check_ticks(const std::vector<double>& t, double lo, double hi) {
    REQUIRE(t.size() >= 2);
    const double step = t[1] - t[0];
    CHECK(is_nice_step(step));
    for (size_t i = 0; i < t.size(); ++i) {
        CHECK(t[i] >= lo - step * 1e-6);
        CHECK(t[i] <= hi + step * 1e-6);
        if (i > 0) CHECK(t[i] - t[i - 1] == doctest::Approx(step).epsilon(1e-9));
    }
}

}  // namespace

TEST_CASE("nice_ticks on [0, 1] gives 0, 0.2, ..., 1 exactly") {
    const std::vector<double> t = nice_ticks(0, 1, 5);
    const std::vector<double> expected = {0, 0.2, 0.4, 0.6, 0.8, 1.0};
    REQUIRE(t.size() == expected.size());
    for (size_t i = 0; i < t.size(); ++i) CHECK(t[i] == expected[i]);  // no 0.6000000000000001
}

TEST_CASE("nice_ticks on ordinary ranges") {
    SUBCASE("[0.013, 0.087]") {
        const auto t = nice_ticks(0.013, 0.087, 5);
        check_ticks(t, 0.013, 0.087);
        CHECK(t.size() >= 3);
        CHECK(t.size() <= 9);
        CHECK(t.front() == doctest::Approx(0.02));
        CHECK(t.back() == doctest::Approx(0.08));
    }
    SUBCASE("[-5, 5] is symmetric and includes an exact zero") {
        const auto t = nice_ticks(-5, 5, 5);
        check_ticks(t, -5, 5);
        CHECK(t.front() == doctest::Approx(-t.back()));
        bool zero = false;
        for (double v : t) zero = zero || v == 0.0;
        CHECK(zero);
    }
    SUBCASE("negative range") {
        const auto t = nice_ticks(-100, -3, 5);
        check_ticks(t, -100, -3);
        CHECK(t.back() < 0);
    }
    SUBCASE("[0, 100] in steps of 20") {
        const auto t = nice_ticks(0, 100, 5);
        REQUIRE(t.size() == 6);
        CHECK(t[1] == 20);
        CHECK(t.back() == 100);
    }
    SUBCASE("tick count follows the target") {
        for (int target : {2, 3, 5, 8, 12}) {
            const auto t = nice_ticks(0, 7.3, target);
            check_ticks(t, 0, 7.3);
            CHECK(int(t.size()) <= 2 * target + 1);
            CHECK(int(t.size()) >= std::min(target, 2));
        }
    }
}

TEST_CASE("nice_ticks on degenerate, reversed, tiny and huge ranges") {
    SUBCASE("lo == hi") {
        const auto t = nice_ticks(1, 1, 5);
        REQUIRE(t.size() == 1);
        CHECK(t[0] == 1);
        CHECK(nice_ticks(0, 0, 5) == std::vector<double>{0});
    }
    SUBCASE("reversed range equals the ordered one") {
        CHECK(nice_ticks(1, 0, 5) == nice_ticks(0, 1, 5));
        CHECK(nice_ticks(5, -5, 4) == nice_ticks(-5, 5, 4));
    }
    SUBCASE("tiny range") {
        const auto t = nice_ticks(1e-9, 3e-9, 4);
        check_ticks(t, 1e-9, 3e-9);
    }
    SUBCASE("tiny range far from zero stays finite and ordered") {
        const auto t = nice_ticks(1e6, 1e6 + 1e-9, 5);
        REQUIRE(!t.empty());
        for (size_t i = 1; i < t.size(); ++i) CHECK(t[i] > t[i - 1]);
        for (double v : t) {
            CHECK(v >= 1e6);
            CHECK(v <= 1e6 + 1e-9);
        }
    }
    SUBCASE("huge range") {
        const auto t = nice_ticks(0, 3e12, 5);
        check_ticks(t, 0, 3e12);
        const auto h = nice_ticks(-1e300, 1e300, 4);
        REQUIRE(h.size() >= 2);
        for (double v : h) CHECK(std::isfinite(v));
    }
    SUBCASE("non-finite input and silly targets") {
        CHECK(nice_ticks(std::nan(""), 1, 5).empty());
        CHECK(nice_ticks(0, std::numeric_limits<double>::infinity(), 5).empty());
        CHECK(!nice_ticks(0, 1, 0).empty());
        CHECK(!nice_ticks(0, 1, -3).empty());
        CHECK(nice_ticks(0, 1, 1000000).size() <= 2002);
    }
    SUBCASE("asking for two ticks gets at least two") {
        const auto t = nice_ticks(0.013, 0.087, 2);
        CHECK(t.size() >= 2);
    }
}

TEST_CASE("format_tick") {
    CHECK(format_tick(0) == "0");
    CHECK(format_tick(-0.0) == "0");
    CHECK(format_tick(1) == "1");
    CHECK(format_tick(0.5) == "0.5");
    CHECK(format_tick(-0.2) == "-0.2");
    CHECK(format_tick(0.1 + 0.2) == "0.3");
    CHECK(format_tick(0.001) == "0.001");
    CHECK(format_tick(0.0125) == "0.0125");
    CHECK(format_tick(12.5) == "12.5");
    CHECK(format_tick(100) == "100");
    CHECK(format_tick(999) == "999");
    CHECK(format_tick(1000) == "1k");
    CHECK(format_tick(1200) == "1.2k");
    CHECK(format_tick(2500) == "2.5k");
    CHECK(format_tick(-1500) == "-1.5k");
    CHECK(format_tick(250000) == "250k");
    CHECK(format_tick(1e6) == "1M");
    CHECK(format_tick(1.5e6) == "1.5M");
    CHECK(format_tick(3e9) == "3G");
    CHECK(format_tick(1e-4) == "1e-4");
    CHECK(format_tick(1e-6) == "1e-6");
    CHECK(format_tick(3e-6) == "3e-6");
    CHECK(format_tick(2.5e-7) == "2.5e-7");
    CHECK(format_tick(-5e-5) == "-5e-5");
    CHECK(format_tick(1e15) == "1e15");
    CHECK(format_tick(1e-300) == "1e-300");
    CHECK(format_tick(std::nan("")) == "nan");
    CHECK(format_tick(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(format_tick(-std::numeric_limits<double>::infinity()) == "-inf");
    // Powers of ten as a log axis labels them.
    for (int k = -12; k <= 12; ++k) CHECK(!format_tick(std::pow(10.0, k)).empty());
    CHECK(format_tick(std::pow(10.0, -7)) == "1e-7");
    CHECK(format_tick(std::pow(10.0, -3)) == "0.001");
    CHECK(format_tick(std::pow(10.0, 2)) == "100");
}

TEST_CASE("format_tick labels of nice ticks are distinct") {
    for (auto [lo, hi] : {std::pair{0.0, 1.0}, {0.013, 0.087}, {-5.0, 5.0}, {0.0, 3000.0}, {1e-6, 5e-6}, {0.0, 2.5e6}}) {
        const auto t = nice_ticks(lo, hi, 6);
        std::set<std::string> labels;
        for (double v : t) labels.insert(format_tick(v));
        CHECK(labels.size() == t.size());
    }
}

TEST_CASE("colormaps") {
    SUBCASE("viridis runs from dark purple to yellow") {
        const Rgb a = rgb(colormap_color(Colormap::Viridis, 0.f));
        CHECK(a.r == 0x44);
        CHECK(a.g == 0x01);
        CHECK(a.b == 0x54);
        CHECK(a.b > a.g);  // purple: blue and red over green
        CHECK(a.r > a.g);
        const Rgb b = rgb(colormap_color(Colormap::Viridis, 1.f));
        CHECK(b.r == 0xFD);
        CHECK(b.g == 0xE7);
        CHECK(b.b == 0x25);
        const Rgb mid = rgb(colormap_color(Colormap::Viridis, 0.5f));  // teal
        CHECK(mid.g > mid.r);
        CHECK(mid.b > mid.r);
    }
    SUBCASE("viridis brightens monotonically") {
        float last = -1;
        for (int i = 0; i <= 64; ++i) {
            const Rgb c = rgb(colormap_color(Colormap::Viridis, float(i) / 64.f));
            const float lum = 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
            CHECK(lum >= last - 0.5f);
            last = lum;
        }
    }
    SUBCASE("diverging: blue, near white, orange") {
        const Rgb lo = rgb(colormap_color(Colormap::Diverging, 0.f));
        CHECK(lo.r == 0x2C);
        CHECK(lo.g == 0x7B);
        CHECK(lo.b == 0xB6);
        const Rgb hi = rgb(colormap_color(Colormap::Diverging, 1.f));
        CHECK(hi.r == 0xF5);
        CHECK(hi.g == 0x9A);
        CHECK(hi.b == 0x23);
        const Rgb mid = rgb(colormap_color(Colormap::Diverging, 0.5f));
        CHECK(mid.r > 230);
        CHECK(mid.g > 230);
        CHECK(mid.b > 230);
    }
    SUBCASE("out-of-range and NaN t are clamped, colours opaque") {
        CHECK(colormap_color(Colormap::Viridis, -3.f) == colormap_color(Colormap::Viridis, 0.f));
        CHECK(colormap_color(Colormap::Viridis, 7.f) == colormap_color(Colormap::Viridis, 1.f));
        CHECK(colormap_color(Colormap::Diverging, std::nanf("")) == colormap_color(Colormap::Diverging, 0.f));
        for (float t : {0.f, 0.33f, 1.f}) {
            CHECK(alpha(colormap_color(Colormap::Viridis, t)) == 255);
            CHECK(alpha(colormap_color(Colormap::Diverging, t)) == 255);
        }
    }
}

TEST_CASE("palette_color is Okabe-Ito and cycles") {
    const Rgb orange = rgb(palette_color(0));
    CHECK(orange.r == 0xE6);
    CHECK(orange.g == 0x9F);
    CHECK(orange.b == 0x00);
    const Rgb sky = rgb(palette_color(1));
    CHECK(sky.r == 0x56);
    CHECK(sky.g == 0xB4);
    CHECK(sky.b == 0xE9);
    const Rgb green = rgb(palette_color(2));
    CHECK(green.r == 0x00);
    CHECK(green.g == 0x9E);
    CHECK(green.b == 0x73);
    std::set<ImU32> distinct;
    for (int i = 0; i < 8; ++i) {
        distinct.insert(palette_color(i));
        CHECK(palette_color(i + 8) == palette_color(i));
        CHECK(palette_color(i + 80) == palette_color(i));
        CHECK(alpha(palette_color(i)) == 255);
    }
    CHECK(distinct.size() == 8);
    CHECK(palette_color(-1) == palette_color(7));
    CHECK(palette_color(-8) == palette_color(0));
}

TEST_CASE("fit_range") {
    using plot_detail::fit_range;
    const double inf = std::numeric_limits<double>::infinity();
    SUBCASE("fixed range wins when valid") {
        const auto r = fit_range(0, 1.05, false, -3, 7, 0.05);
        CHECK(r.lo == 0);
        CHECK(r.hi == 1.05);
    }
    SUBCASE("data range with a margin") {
        const auto r = fit_range(0, 0, false, 2, 4, 0.05);
        CHECK(r.lo == doctest::Approx(1.9));
        CHECK(r.hi == doctest::Approx(4.1));
    }
    SUBCASE("no data") {
        const auto r = fit_range(0, 0, false, inf, -inf, 0.05);
        CHECK(r.lo < r.hi);
        const auto l = fit_range(0, 0, true, inf, -inf, 0.05);
        CHECK(l.lo > 0);
        CHECK(l.lo < l.hi);
    }
    SUBCASE("a single value gets a range around it") {
        for (double v : {0.0, 3.0, -2e-9, 1e20}) {
            const auto r = fit_range(0, 0, false, v, v, 0.05);
            CHECK(r.lo < v);
            CHECK(r.hi > v);
        }
        const auto l = fit_range(0, 0, true, 1e-3, 1e-3, 0.05);
        CHECK(l.lo < 1e-3);
        CHECK(l.hi > 1e-3);
    }
    SUBCASE("log axes fit in log space and reject non-positive fixed ranges") {
        const auto r = fit_range(0, 0, true, 1e-7, 1, 0.05);
        CHECK(std::log10(r.lo) == doctest::Approx(-7.35));
        CHECK(std::log10(r.hi) == doctest::Approx(0.35));
        const auto bad = fit_range(-1, 10, true, 1e-2, 1, 0.0);  // a log axis cannot start at -1
        CHECK(bad.lo == doctest::Approx(1e-2));
    }
}

TEST_CASE("make_ticks on log axes") {
    using plot_detail::AxisRange;
    using plot_detail::make_ticks;
    SUBCASE("powers of ten, every decade when there is room") {
        const auto t = make_ticks(AxisRange{1e-7, 1, true}, 10, 100.f);
        REQUIRE(t.major.size() == 8);
        for (size_t i = 0; i < t.major.size(); ++i)
            CHECK(t.major[i] == doctest::Approx(std::pow(10.0, -7 + int(i))));
        CHECK(!t.minor.empty());  // 2..9 x 10^k grid lines
        for (double v : t.minor) {
            CHECK(v >= 1e-7);
            CHECK(v <= 1);
        }
    }
    SUBCASE("every k-th decade when crowded, still powers of ten") {
        const auto t = make_ticks(AxisRange{1e-7, 1, true}, 3, 20.f);
        CHECK(t.major.size() >= 2);
        CHECK(t.major.size() <= 3);
        for (double v : t.major) {
            const double e = std::log10(v);
            CHECK(e == doctest::Approx(std::round(e)));
        }
    }
    SUBCASE("less than two decades: 1-2-5 ticks") {
        const auto t = make_ticks(AxisRange{0.95, 9.5, true}, 5, 200.f);
        REQUIRE(t.major.size() == 3);
        CHECK(t.major[0] == doctest::Approx(1));
        CHECK(t.major[1] == doctest::Approx(2));
        CHECK(t.major[2] == doctest::Approx(5));
    }
    SUBCASE("less than two decades with little room: 1-3 ticks that still reach the low end") {
        // Lesson 2's loss falls from 0.68 to 0.019; a short plot once labelled only 0.2 and 0.6.
        const auto t = make_ticks(AxisRange{0.015, 0.84, true}, 3, 60.f);
        REQUIRE(t.major.size() == 3);
        CHECK(t.major[0] == doctest::Approx(0.03));
        CHECK(t.major[1] == doctest::Approx(0.1));
        CHECK(t.major[2] == doctest::Approx(0.3));
    }
    SUBCASE("narrow log range falls back to linear nice ticks, all positive") {
        const auto t = make_ticks(AxisRange{3, 4.5, true}, 4, 200.f);
        REQUIRE(t.major.size() >= 2);
        for (double v : t.major) CHECK(v > 0);
    }
}

TEST_CASE("decimate keeps at most two points per pixel column and keeps spikes") {
    using plot_detail::AxisRange;
    using plot_detail::Scale;
    const int n = 20000;
    std::vector<double> x(n);
    std::vector<float> y(n);
    for (int i = 0; i < n; ++i) {
        x[size_t(i)] = i;
        y[size_t(i)] = std::sin(float(i) * 0.01f);
    }
    y[12345] = 10.f;  // one-sample spike
    y[100] = std::nanf("");
    y[200] = std::numeric_limits<float>::infinity();
    Scale sx{AxisRange{0, double(n - 1), false}, 0.f, 200.f};
    Scale sy{AxisRange{-1, 10, false}, 100.f, 0.f};
    std::vector<ImVec2> pts;
    plot_detail::decimate(x, y, sx, sy, pts);
    CHECK(pts.size() <= 2 * 201);
    CHECK(pts.size() >= 150);
    float top = 1e9f;
    for (const ImVec2& p : pts) {
        CHECK(std::isfinite(p.x));
        CHECK(std::isfinite(p.y));
        top = std::min(top, p.y);
    }
    CHECK(top == doctest::Approx(sy.to_px(10.0)));  // the spike survives

    SUBCASE("empty, single point and all-NaN series") {
        plot_detail::decimate({}, {}, sx, sy, pts);
        CHECK(pts.empty());
        const double one_x[] = {5.0};
        const float one_y[] = {2.f};
        plot_detail::decimate(one_x, one_y, sx, sy, pts);
        CHECK(pts.size() == 1);
        const float nan_y[] = {std::nanf(""), std::nanf("")};
        plot_detail::decimate({}, nan_y, sx, sy, pts);
        CHECK(pts.empty());
    }
    SUBCASE("log axis skips non-positive values") {
        const float ly[] = {1.f, 0.f, -1.f, 10.f};
        Scale lsy{AxisRange{0.1, 100, true}, 100.f, 0.f};
        plot_detail::decimate({}, ly, sx, lsy, pts);
        CHECK(pts.size() == 2);
    }
    SUBCASE("mismatched lengths use the shorter") {
        const double sx3[] = {0, 1, 2};
        const float sy5[] = {1, 2, 3, 4, 5};
        Scale wide{AxisRange{0, 4, false}, 0.f, 400.f};
        plot_detail::decimate(sx3, sy5, wide, sy, pts);
        CHECK(pts.size() == 3);
    }
}

TEST_CASE("Scale maps both ways, also on log axes") {
    using plot_detail::AxisRange;
    using plot_detail::Scale;
    Scale lin{AxisRange{-1, 1, false}, 100.f, 300.f};
    CHECK(lin.to_px(0) == doctest::Approx(200));
    CHECK(lin.from_px(300) == doctest::Approx(1));
    Scale log{AxisRange{1e-3, 1e3, true}, 600.f, 0.f};
    CHECK(log.to_px(1) == doctest::Approx(300));
    CHECK(log.from_px(100) == doctest::Approx(100));
    CHECK(std::isfinite(log.to_px(1e300)));
}

TEST_CASE("a line plot's x axis reaches the last step even where a log y axis cannot draw the loss") {
    // A copy task's loss underflows to exactly 0 after a while; the plot beside it (accuracy) runs
    // to the latest step, and so must the loss plot's time axis.
    const std::vector<double> steps = {0, 1000, 2000, 3000};
    const std::vector<float> loss = {2.5f, 1e-6f, 0.f, 0.f};
    const std::vector<ui::LineSeries> series = {{"loss", steps, loss}};
    const ui::plot_detail::LineExtents log = ui::plot_detail::line_extents(series, false, true);
    CHECK(log.x_lo == 0);
    CHECK(log.x_hi == 3000);
    CHECK(log.y_lo == doctest::Approx(1e-6));
    CHECK(log.y_hi == doctest::Approx(2.5));
    const ui::plot_detail::LineExtents linear = ui::plot_detail::line_extents(series, false, false);
    CHECK(linear.y_lo == 0);

    // Non-finite points count on neither axis; a series with nothing drawable has no y range.
    const std::vector<float> bad = {std::numeric_limits<float>::quiet_NaN(), 0.f, -1.f, 0.f};
    const std::vector<ui::LineSeries> none = {{"loss", steps, bad}};
    const ui::plot_detail::LineExtents e = ui::plot_detail::line_extents(none, false, true);
    CHECK(e.x_lo == 1000);
    CHECK(e.x_hi == 3000);
    CHECK(e.y_lo > e.y_hi);
}
