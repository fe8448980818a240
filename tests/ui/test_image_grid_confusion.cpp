#include <doctest/doctest.h>

#include <vector>

#include "ui/widgets/plot.h"
#include "ui/widgets/plot_internal.h"

using ui::plot_detail::image_grid_shape;
using ui::plot_detail::row_shares;

TEST_CASE("image grid: as many columns as fit, at least one, never more than images") {
    // 100 images of at least 80 px with 10 px gaps in 900 px: (900 + 10) / 90 = 10 columns of 81 px.
    const auto g = image_grid_shape(100, 900, 10, 80, 0);
    CHECK(g.columns == 10);
    CHECK(g.rows == 10);
    CHECK(g.side == doctest::Approx(81));
    CHECK(g.columns * g.side + (g.columns - 1) * 10 <= 900);
    // Fewer images than would fit: one row of them, each as wide as the width allows.
    const auto few = image_grid_shape(3, 900, 10, 80, 0);
    CHECK(few.columns == 3);
    CHECK(few.rows == 1);
    // A panel narrower than one image still shows one column.
    const auto narrow = image_grid_shape(5, 50, 10, 80, 0);
    CHECK(narrow.columns == 1);
    CHECK(narrow.rows == 5);
    CHECK(narrow.side == doctest::Approx(50));
    // A fixed number of columns.
    const auto fixed = image_grid_shape(12, 610, 10, 80, 6);
    CHECK(fixed.columns == 6);
    CHECK(fixed.rows == 2);
    CHECK(fixed.side == doctest::Approx(93));
    CHECK(image_grid_shape(0, 600, 10, 80, 0).rows == 0);
}

TEST_CASE("confusion matrix: each cell is its share of its row: an empty row stays zero") {
    // True 0: 8 right, 2 taken for 1. True 1: all 5 right. True 2: none seen.
    const std::vector<int> counts = {8, 2, 0,  //
                                     0, 5, 0,  //
                                     0, 0, 0};
    const std::vector<float> s = row_shares(counts, 3);
    REQUIRE(s.size() == 9);
    CHECK(s[0] == doctest::Approx(0.8));
    CHECK(s[1] == doctest::Approx(0.2));
    CHECK(s[4] == doctest::Approx(1.0));
    for (int c = 0; c < 3; ++c) CHECK(s[std::size_t(6 + c)] == 0.f);
}

TEST_CASE("image grid: a click lands on the image or caption under it, never on a gap or past the last") {
    using ui::plot_detail::image_grid_index_at;
    // 7 images in columns of 3, 80 px pictures, 20 px captions, 10 px gaps: a pitch of 90 across, 110 down.
    ui::plot_detail::GridShape g;
    g.columns = 3;
    g.rows = 3;
    g.side = 80;
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(5, 5)) == 0);
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(95, 5)) == 1);
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(185, 79)) == 2);
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(5, 95)) == 0);    // the first image's caption
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(5, 115)) == 3);   // second row
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(5, 225)) == 6);   // third row, the last image
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(95, 225)) == -1);  // where an eighth would be
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(85, 5)) == -1);   // the gap between columns
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(5, 105)) == -1);  // the gap between rows
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(-1, 5)) == -1);
    CHECK(image_grid_index_at(g, 7, 10, 20, ImVec2(275, 5)) == -1);  // right of the last column
}

TEST_CASE("confusion matrix: a click maps to the row (true class) and column (answer) under it") {
    using ui::plot_detail::matrix_cell_at;
    // Ten classes of 30 px cells.
    const ui::MatrixCell a = matrix_cell_at(30, 10, ImVec2(5, 5));
    CHECK(a.row == 0);
    CHECK(a.col == 0);
    const ui::MatrixCell b = matrix_cell_at(30, 10, ImVec2(9 * 30 + 1, 4 * 30 + 29));  // true 4, read as 9
    CHECK(b.row == 4);
    CHECK(b.col == 9);
    CHECK(b.valid());
    CHECK_FALSE(matrix_cell_at(30, 10, ImVec2(300, 5)).valid());  // right of the grid
    CHECK_FALSE(matrix_cell_at(30, 10, ImVec2(5, 300)).valid());  // under it
    CHECK_FALSE(matrix_cell_at(30, 10, ImVec2(-0.5f, 5)).valid());
    CHECK_FALSE(matrix_cell_at(30, 0, ImVec2(5, 5)).valid());
}
