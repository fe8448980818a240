#include <doctest/doctest.h>

#include <vector>

#include "ui/panel_layout.h"

namespace {
// At UI scale 1 a line of text is 21 px: the specs the app uses for a step with the plane, the
// loss and the network builder.
constexpr float kLine = 21.f;
std::vector<ui::PanelSpec> plane_loss_model(float line) {
    return {{1.2f, 13 * line, 16 * line, 2 * line}, {1.2f, 13 * line, 11 * line, 0}, {0.9f, 13 * line, 8 * line, 0}};
}

void check_no_overlap_and_minimums(const ui::PanelArrangement& a, const std::vector<ui::PanelSpec>& specs, float width,
                                   float gap) {
    REQUIRE(a.rects.size() == specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const ui::PanelRect& r = a.rects[i];
        CAPTURE(i);
        CHECK(r.x >= 0);
        CHECK(r.x + r.w <= width + 0.5f);
        CHECK(r.y + r.h <= a.content_height + 0.5f);
        CHECK(r.h >= specs[i].min_height - 0.5f);
        for (std::size_t j = i + 1; j < specs.size(); ++j) {
            const ui::PanelRect& o = a.rects[j];
            const bool apart = r.x + r.w + gap <= o.x + 0.5f || o.x + o.w + gap <= r.x + 0.5f ||
                               r.y + r.h + gap <= o.y + 0.5f || o.y + o.h + gap <= r.y + 0.5f;
            CHECK_MESSAGE(apart, "panels ", i, " and ", j, " overlap or touch");
        }
    }
}
}  // namespace

TEST_CASE("panel layout: side by side on a large screen, nothing scrolls") {
    const auto specs = plane_loss_model(kLine);
    const ui::PanelArrangement a = ui::arrange_panels(specs, 1114, 740, 6, 18);
    CHECK_FALSE(a.stacked);
    CHECK_FALSE(a.scrolls);
    CHECK(a.content_height == doctest::Approx(740));
    check_no_overlap_and_minimums(a, specs, 1114, 6);
    // The main panel is on the left, as tall as the area; the others share the column.
    CHECK(a.rects[0].x == 0);
    CHECK(a.rects[0].h == doctest::Approx(740));
    CHECK(a.rects[1].x > a.rects[0].w);
    CHECK(a.rects[2].y > a.rects[1].y);
}

TEST_CASE("panel layout: a short area scrolls instead of squeezing panels below their minimum") {
    const float line = 31.5f;  // text size 1.5
    const auto specs = plane_loss_model(line);
    const ui::PanelArrangement a = ui::arrange_panels(specs, 1000, 420, 6, 18);
    CHECK(a.scrolls);
    CHECK(a.content_height > 420);
    check_no_overlap_and_minimums(a, specs, 1000, 6);
}

TEST_CASE("panel layout: too narrow for two columns, the panels stack full width") {
    const float line = 31.5f;
    const auto specs = plane_loss_model(line);
    const ui::PanelArrangement a = ui::arrange_panels(specs, 600, 500, 6, 18);
    CHECK(a.stacked);
    CHECK(a.scrolls);
    check_no_overlap_and_minimums(a, specs, 600, 6);
    for (const ui::PanelRect& r : a.rects) {
        CHECK(r.x == 0);
        CHECK(r.w == doctest::Approx(600 - 18));
    }
}

TEST_CASE("panel layout: one panel takes the whole area, and scrolls only when shorter than its minimum") {
    const std::vector<ui::PanelSpec> one = {{1.f, 300, 400, 0}};
    const ui::PanelArrangement fits = ui::arrange_panels(one, 800, 600, 6, 18);
    CHECK_FALSE(fits.scrolls);
    CHECK(fits.rects[0].w == doctest::Approx(800));
    CHECK(fits.rects[0].h == doctest::Approx(600));
    const ui::PanelArrangement short_area = ui::arrange_panels(one, 800, 300, 6, 18);
    CHECK(short_area.scrolls);
    CHECK(short_area.rects[0].h == doctest::Approx(400));
    CHECK(short_area.rects[0].w == doctest::Approx(800 - 18));
}

TEST_CASE("panel layout: every lesson screen size at every offered text size keeps panels apart and readable") {
    for (float line : {16.8f, 21.f, 27.3f, 31.5f, 36.75f, 42.f})
        for (float width : {600.f, 700.f, 900.f, 1100.f, 1300.f})
            for (float height : {350.f, 500.f, 700.f, 950.f}) {
                CAPTURE(line);
                CAPTURE(width);
                CAPTURE(height);
                const auto specs = plane_loss_model(line);
                const ui::PanelArrangement a = ui::arrange_panels(specs, width, height, 6, 18);
                check_no_overlap_and_minimums(a, specs, width, 6);
                if (!a.scrolls) CHECK(a.content_height <= height + 0.5f);
            }
}
