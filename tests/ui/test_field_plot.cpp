// The bar chart's and the field plot's pure pieces (contour levels, integer ticks, label thinning,
// sub-sampling, block means, joining contour segments, clipping paths), and the two widgets drawn
// into a headless ImGui frame: vertex budgets, 16-bit index splitting, and odd inputs.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/widgets/contour.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/plot_internal.h"

using namespace ui;
using namespace ui::plot_detail;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

void check_equal(const std::vector<double>& got, const std::vector<double>& want) {
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-12));
}

// m x 10^k with m in {1, 2, 3, 5}.
bool is_nice_log_level(double v) {
    const double e = std::floor(std::log10(v) + 1e-12);
    const double m = v / std::pow(10.0, e);
    for (double nice : {1.0, 2.0, 3.0, 5.0, 10.0})
        if (std::fabs(m - nice) < 1e-9) return true;
    return false;
}

}  // namespace

// ---- contour_levels --------------------------------------------------------------------------------

TEST_CASE("contour levels on a linear range are evenly spaced nice values strictly inside it") {
    check_equal(contour_levels(0, 10, false, 8), {1, 2, 3, 4, 5, 6, 7, 8, 9});
    // Never at the end points: a level at the minimum would outline a single point.
    check_equal(contour_levels(0, 1, false, 4), {0.2, 0.4, 0.6, 0.8});
    check_equal(contour_levels(0.013, 0.087, false, 5), {0.02, 0.04, 0.06, 0.08});
    check_equal(contour_levels(-5, 5, false, 4), {-4, -2, 0, 2, 4});
    // Exact decimals, not 0.6000000000000001.
    const std::vector<double> l = contour_levels(0, 1, false, 4);
    CHECK(l[2] == 0.6);
}

TEST_CASE("contour levels on a log range are powers of ten, 1-3 or 1-2-5 steps, about `count` of them") {
    // The gallery's bowl: loss from 1.5e-3 to 24.5. 10^k alone gives 4, 1-3 x 10^k gives exactly 8.
    const std::vector<double> bowl = contour_levels(1.5e-3, 24.5, true, 8);
    check_equal(bowl, {0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10});
    CHECK(bowl[1] == 0.01);  // exactly, so that its label reads "0.01"

    // Ten decades: one level per power of ten, inside the range.
    check_equal(contour_levels(1e-9, 10, true, 8), {1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1});
    // Many decades and few lines: every other decade.
    const std::vector<double> sparse = contour_levels(1e-12, 1e12, true, 5);
    REQUIRE(sparse.size() >= 4);
    REQUIRE(sparse.size() <= 7);
    for (size_t i = 1; i < sparse.size(); ++i) CHECK(sparse[i] / sparse[i - 1] == doctest::Approx(sparse[1] / sparse[0]));
    for (double v : sparse) CHECK(is_nice_log_level(v));

    // 1-2-5 when that is closest: a decade and a half, 6 wanted; 10^k gives 1, 1-3 gives 3, 1-2-5 gives 4.
    const std::vector<double> mid = contour_levels(0.15, 4.5, true, 6);
    check_equal(mid, {0.2, 0.5, 1, 2});
    for (double v : mid) CHECK(is_nice_log_level(v));

    // Under a decade: nice linear steps.
    check_equal(contour_levels(2, 8, true, 5), {3, 4, 5, 6, 7});
}

TEST_CASE("contour levels of degenerate ranges are empty") {
    CHECK(contour_levels(1, 1, false, 8).empty());
    CHECK(contour_levels(2, 1, false, 8).empty());
    CHECK(contour_levels(kNaN, 1, false, 8).empty());
    CHECK(contour_levels(0, kInf, false, 8).empty());
    CHECK(contour_levels(0, 1, false, 0).empty());
    CHECK(contour_levels(0, 1, false, -3).empty());
    CHECK(contour_levels(0, 10, true, 8).empty());   // log needs lo > 0
    CHECK(contour_levels(-1, 10, true, 8).empty());
    CHECK(contour_levels(5, 5, true, 8).empty());
    // A range too narrow for any nice value inside it still gives levels inside it, or none.
    for (double v : contour_levels(1000, 1000.001, false, 5)) {
        CHECK(v > 1000);
        CHECK(v < 1000.001);
    }
}

// ---- integer_ticks ----------------------------------------------------------------------------------

TEST_CASE("integer ticks on a layer axis are whole numbers and start at the first layer") {
    check_equal(integer_ticks(0.5, 20.5, 8), {1, 5, 10, 15, 20});
    check_equal(integer_ticks(0.5, 20.5, 10), {2, 4, 6, 8, 10, 12, 14, 16, 18, 20});  // 1 would crowd 2
    check_equal(integer_ticks(0.5, 20.5, 3), {1, 10, 20});
    check_equal(integer_ticks(-0.5, 4.5, 10), {0, 1, 2, 3, 4});
    // Never a fractional tick, however short the axis.
    check_equal(integer_ticks(0.5, 2.5, 10), {1, 2});
    CHECK(integer_ticks(0.2, 0.8, 5).empty());
    CHECK(integer_ticks(kNaN, 3, 5).empty());
    // Reversed input is accepted.
    check_equal(integer_ticks(4.5, -0.5, 10), {0, 1, 2, 3, 4});
}

// ---- category_label_stride ------------------------------------------------------------------------

TEST_CASE("category labels are thinned to every k-th when they would collide") {
    const std::vector<float> two_digits(20, 20.f);
    CHECK(category_label_stride(two_digits, 22.f, 10.f) == 2);   // 20 + 10 > 22; 20 + 10 <= 44
    CHECK(category_label_stride(two_digits, 40.f, 10.f) == 1);
    CHECK(category_label_stride(two_digits, 6.f, 10.f) == 5);    // 30 <= 6 k from k = 5
    // One long name: skipped over when the stride allows.
    const std::vector<float> one_long = {10, 200, 10, 10};
    CHECK(category_label_stride(one_long, 30.f, 5.f) == 2);
    // Nothing fits: only the first label.
    const std::vector<float> wide = {100, 100};
    CHECK(category_label_stride(wide, 10.f, 5.f) == 2);
    CHECK(category_label_stride({}, 10.f, 5.f) == 1);
}

// ---- subsample_indices, flat_draw_size, downsample_grid -------------------------------------------

TEST_CASE("subsample_indices spreads indices evenly, ends included") {
    const std::vector<int> all = subsample_indices(128, 128);
    REQUIRE(all.size() == 128);
    for (int i = 0; i < 128; ++i) CHECK(all[size_t(i)] == i);
    const std::vector<int> five = subsample_indices(500, 5);
    CHECK(five == std::vector<int>{0, 125, 250, 374, 499});
    CHECK(subsample_indices(10, 1) == std::vector<int>{0, 9});  // at least the two ends
    CHECK(subsample_indices(1, 5) == std::vector<int>{0});
    CHECK(subsample_indices(0, 5).empty());
    const std::vector<int> big = subsample_indices(1000, 128);
    REQUIRE(big.size() == 128);
    CHECK(big.front() == 0);
    CHECK(big.back() == 999);
    for (size_t i = 1; i < big.size(); ++i) {
        CHECK(big[i] - big[i - 1] >= 7);
        CHECK(big[i] - big[i - 1] <= 8);
    }
}

TEST_CASE("flat_draw_size keeps cells two pixels wide and the quads under budget") {
    // 20 layers x 512 steps in a 460 x 300 plot: 230 columns would be 4600 quads; the columns give way.
    GridSize g = flat_draw_size(20, 512, 460, 300, 2, 4096);
    CHECK(g.rows == 20);
    CHECK(g.cols == 204);
    CHECK(g.rows * g.cols <= 4096);
    // Small enough already.
    g = flat_draw_size(20, 100, 460, 300, 2, 4096);
    CHECK(g.rows == 20);
    CHECK(g.cols == 100);
    // Big in both directions: a square-ish block grid.
    g = flat_draw_size(512, 512, 1000, 1000, 2, 4096);
    CHECK(g.rows == 64);
    CHECK(g.cols == 64);
    // Tall and thin.
    g = flat_draw_size(3000, 10, 400, 1000, 2, 4096);
    CHECK(g.cols == 10);
    CHECK(g.rows == 409);
    // Narrow plot, empty field.
    g = flat_draw_size(5, 50, 3, 100, 2, 4096);
    CHECK(g.cols == 1);
    CHECK(g.rows == 5);
    g = flat_draw_size(0, 10, 100, 100, 2, 4096);
    CHECK(g.rows == 0);
    CHECK(g.cols == 0);
}

TEST_CASE("downsample_grid averages blocks and skips missing values") {
    const std::vector<float> v = {1, 2, 3, 4, 5, 6, 7, 8};  // 2 x 4
    std::vector<float> out;
    downsample_grid(v, 2, 4, 2, 2, out);
    CHECK(out == std::vector<float>{1.5f, 3.5f, 5.5f, 7.5f});
    downsample_grid(v, 2, 4, 1, 1, out);
    CHECK(out == std::vector<float>{4.5f});
    downsample_grid(v, 2, 4, 5, 9, out);  // never up-sampled
    CHECK(out == v);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::vector<float> holes = {nan, 2, nan, nan};
    downsample_grid(holes, 1, 4, 1, 2, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0] == 2.f);
    CHECK(std::isnan(out[1]));
    downsample_grid(v, 3, 4, 1, 1, out);  // values too short for the shape
    CHECK(out.empty());
}

// ---- join_segments ----------------------------------------------------------------------------------

TEST_CASE("contour segments join into one closed loop around a peak") {
    std::vector<float> v(9, 0.f);
    v[4] = 1.f;
    const std::vector<Segment> segs = contour_segments(v, 3, 3, 0.5f);
    REQUIRE(segs.size() == 4);
    const auto lines = join_segments(segs, 1e-3f);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].size() == 5);
    CHECK(lines[0].front().x == doctest::Approx(lines[0].back().x));
    CHECK(lines[0].front().y == doctest::Approx(lines[0].back().y));
}

TEST_CASE("contour segments of a ramp join into one open line across the grid") {
    std::vector<float> v(25);
    for (int r = 0; r < 5; ++r)
        for (int c = 0; c < 5; ++c) v[size_t(r * 5 + c)] = float(c) / 4.f;
    const auto lines = join_segments(contour_segments(v, 5, 5, 0.55f), 1e-3f);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].size() == 5);
    for (size_t i = 0; i < 5; ++i) CHECK(lines[0][i].x == doctest::Approx(2.2).epsilon(1e-3));
    const float step = lines[0][1].y - lines[0][0].y;
    CHECK(std::fabs(step) == doctest::Approx(1.0));
    for (size_t i = 1; i < 5; ++i) CHECK(lines[0][i].y - lines[0][i - 1].y == doctest::Approx(step));
}

TEST_CASE("join_segments follows segments in any order and direction, and keeps separate lines apart") {
    const std::vector<Segment> segs = {
        {2, 0, 3, 0}, {0, 0, 1, 0}, {2, 0, 1, 0},  // a line 0..3, shuffled, one segment reversed
        {10, 10, 11, 10},                         // a separate piece
        {0, 5, std::nanf(""), 5},                 // not finite: dropped
    };
    const auto lines = join_segments(segs, 1e-3f);
    REQUIRE(lines.size() == 2);
    const auto& a = lines[0].size() == 4 ? lines[0] : lines[1];
    const auto& b = lines[0].size() == 4 ? lines[1] : lines[0];
    REQUIRE(a.size() == 4);
    REQUIRE(b.size() == 2);
    const bool forward = a.front().x == 0.f;
    for (int i = 0; i < 4; ++i) CHECK(a[size_t(i)].x == float(forward ? i : 3 - i));
    CHECK(join_segments({}, 1e-3f).empty());
    // Two peaks: two loops.
    std::vector<float> v(21, 0.f);  // 3 x 7
    v[8] = v[12] = 1.f;
    CHECK(join_segments(contour_segments(v, 3, 7, 0.5f), 1e-3f).size() == 2);
}

// ---- clip_segment -------------------------------------------------------------------------------------

TEST_CASE("clip_segment keeps what is inside and reaches the edge where a path leaves") {
    double x0 = -0.5, y0 = 0, x1 = 0.5, y1 = 0.5;
    REQUIRE(clip_segment(x0, y0, x1, y1, -1, 1, -1, 1));  // inside: unchanged
    CHECK(x0 == -0.5);
    CHECK(y1 == 0.5);
    // A diverging optimizer: from inside to far away, cut at the right edge.
    x0 = 0, y0 = 0, x1 = 1e30, y1 = 1e30;
    REQUIRE(clip_segment(x0, y0, x1, y1, -1, 1, -2, 2));
    CHECK(x0 == 0);
    CHECK(y0 == 0);
    CHECK(x1 == doctest::Approx(1.0));
    CHECK(y1 == doctest::Approx(1.0));
    // Crossing the whole rectangle.
    x0 = -3, y0 = 0.5, x1 = 3, y1 = 0.5;
    REQUIRE(clip_segment(x0, y0, x1, y1, -1, 1, -1, 1));
    CHECK(x0 == doctest::Approx(-1.0));
    CHECK(x1 == doctest::Approx(1.0));
    CHECK(y0 == doctest::Approx(0.5));
    // Missing it, or not finite.
    x0 = 2, y0 = 2, x1 = 3, y1 = 5;
    CHECK_FALSE(clip_segment(x0, y0, x1, y1, -1, 1, -1, 1));
    x0 = 0, y0 = 0, x1 = kNaN, y1 = 0;
    CHECK_FALSE(clip_segment(x0, y0, x1, y1, -1, 1, -1, 1));
    x0 = 0, y0 = 0, x1 = kInf, y1 = 0;
    CHECK_FALSE(clip_segment(x0, y0, x1, y1, -1, 1, -1, 1));
}

// ---- The widgets in a headless ImGui frame --------------------------------------------------------------

namespace {

// An ImGui context with a built font atlas and no renderer; one window filling a 1600 x 900 display.
// Like the app's OpenGL 3 backend, it lets draw lists go past 65536 vertices with VtxOffset.
struct HeadlessFrame {
    ImGuiContext* ctx;
    explicit HeadlessFrame(ImVec2 display = ImVec2(1600, 900)) {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.DeltaTime = 1.f / 60.f;
        io.IniFilename = nullptr;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoSavedSettings);
    }
    ~HeadlessFrame() {
        ImGui::End();
        ImGui::Render();
        ImGui::DestroyContext(ctx);
    }
    // Ends this frame and starts the next, with the same window.
    void next_frame() {
        ImGui::End();
        ImGui::Render();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoSavedSettings);
    }
    HeadlessFrame(const HeadlessFrame&) = delete;
    HeadlessFrame& operator=(const HeadlessFrame&) = delete;

    static int vertices() { return ImGui::GetWindowDrawList()->VtxBuffer.Size; }
};

std::vector<float> bowl(int rows, int cols) {
    std::vector<float> v;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double w1 = -3 + 6.0 * c / (cols - 1), w2 = -2 + 4.0 * r / (rows - 1);
            v.push_back(float(0.5 * (w1 * w1 + 10 * w2 * w2)));
        }
    return v;
}

}  // namespace

TEST_CASE("a smooth field's mesh has a vertex every ~8 px, at most 128 x 128") {
    HeadlessFrame frame;
    const std::vector<float> v = bowl(128, 128);
    FieldPlotOptions o;
    o.x_min = -3, o.x_max = 3, o.y_min = -2, o.y_max = 2;
    o.log_scale = true;
    // Gallery size (a plot of about 420 x 330 px): about 53 x 42 vertices, a few thousand in all.
    o.size = ImVec2(520, 430);
    int before = HeadlessFrame::vertices();
    FieldPlot("##field", v, 128, 128, {}, o);
    const int used = HeadlessFrame::vertices() - before;
    CHECK(used >= 45 * 35);
    CHECK(used < 60 * 50 + 4000);

    // With eight contour lines and three 61-point zig-zag paths.
    std::vector<float> px, py;
    for (int i = 0; i <= 60; ++i) {
        px.push_back(-2.5f * std::pow(0.95f, float(i)));
        py.push_back(1.5f * std::pow(-0.8f, float(i)));
    }
    const FieldPath paths[] = {{"a", px, py, 0}, {"b", py, px, 0}, {"c", px, px, 0}};
    o.contour_count = 8;
    before = HeadlessFrame::vertices();
    FieldPlot("##field2", v, 128, 128, paths, o);
    const int used2 = HeadlessFrame::vertices() - before;
    MESSAGE("smooth 128x128 field at 520x430: " << used << " vertices; with contours and paths: " << used2);
    CHECK(used2 < 12000);

}

TEST_CASE("contour lines (cached between frames) stay the same while the field does, and follow it when it changes") {
    HeadlessFrame frame;
    std::vector<float> v = bowl(96, 96);
    FieldPlotOptions o;
    o.x_min = -3, o.x_max = 3, o.y_min = -2, o.y_max = 2;
    o.log_scale = true;
    o.contour_count = 8;
    o.size = ImVec2(520, 430);
    const auto draw = [&](const char* id) {
        const int before = HeadlessFrame::vertices();
        FieldPlot(id, v, 96, 96, {}, o);
        const ImDrawList* dl = ImGui::GetWindowDrawList();
        return std::vector<ImDrawVert>(dl->VtxBuffer.Data + before, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
    };
    const auto same = [](const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].col != b[i].col) return false;
        return true;
    };
    const std::vector<ImDrawVert> first = draw("##cached");
    frame.next_frame();
    CHECK(same(draw("##cached"), first));  // from the cache: the very same vertices
    // A different field under the same id: the lines of the new field, as a fresh widget draws them.
    for (size_t i = 0; i < v.size(); ++i) v[i] = v[i] * v[i] + 0.5f * float(i % 7);
    frame.next_frame();
    const std::vector<ImDrawVert> changed = draw("##cached");
    CHECK_FALSE(same(changed, first));
    frame.next_frame();
    CHECK(same(draw("##fresh"), changed));
}

TEST_CASE("a big smooth field on a big plot stops at 128 x 128 vertices") {
    HeadlessFrame frame;
    const std::vector<float> v = bowl(600, 800);
    FieldPlotOptions o;
    o.size = ImVec2(1500, 1300);  // a plot over 1024 px each way: 8 px spacing would want more than 128
    const int before = HeadlessFrame::vertices();
    FieldPlot("##big", v, 600, 800, {}, o);
    const int used = HeadlessFrame::vertices() - before;
    CHECK(used >= 128 * 128);
    CHECK(used < 128 * 128 + 4000);
}

TEST_CASE("a flat 20 x 512 heatmap stays under 4096 quads") {
    HeadlessFrame frame;
    std::vector<float> v;
    for (int r = 0; r < 20; ++r)
        for (int c = 0; c < 512; ++c) v.push_back(std::pow(10.f, -float(r) * 0.4f) * (1.f + 0.5f * std::sin(float(c) * 0.37f)));
    FieldPlotOptions o;
    o.x_min = 0, o.x_max = 5110, o.y_min = 1, o.y_max = 20;
    o.smooth = false;
    o.log_scale = true;
    o.integer_y_ticks = true;
    o.size = ImVec2(600, 320);
    const int before = HeadlessFrame::vertices();
    FieldPlot("##flat", v, 20, 512, {}, o);
    const int used = HeadlessFrame::vertices() - before;
    MESSAGE("flat 20x512 field: " << used << " vertices");
    CHECK(used < 4 * 4096 + 3000);

    // A field of equal rows collapses into one quad per row.
    std::vector<float> flat_rows;
    for (int r = 0; r < 20; ++r)
        for (int c = 0; c < 512; ++c) flat_rows.push_back(float(r));
    o.log_scale = false;
    const int before2 = HeadlessFrame::vertices();
    FieldPlot("##rows", flat_rows, 20, 512, {}, o);
    CHECK(HeadlessFrame::vertices() - before2 < 20 * 4 + 3000);
}

TEST_CASE("fields past 65536 vertices in one window split into commands that 16-bit indices reach") {
    HeadlessFrame frame(ImVec2(6000, 1300));
    const std::vector<float> v = bowl(128, 128);
    FieldPlotOptions o;
    o.size = ImVec2(1150, 1200);  // 128 x 128 vertices each, five side by side, all in view
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine();
        FieldPlot(("##f" + std::to_string(i)).c_str(), v, 128, 128, {}, o);
    }
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    REQUIRE(dl->VtxBuffer.Size > 65536);
    bool offset_used = false;
    unsigned total = 0;
    for (const ImDrawCmd& cmd : dl->CmdBuffer) {
        if (cmd.UserCallback) continue;
        offset_used = offset_used || cmd.VtxOffset > 0;
        unsigned max_idx = 0;
        for (unsigned k = 0; k < cmd.ElemCount; ++k) max_idx = std::max<unsigned>(max_idx, dl->IdxBuffer[int(cmd.IdxOffset + k)]);
        if (cmd.ElemCount) CHECK(cmd.VtxOffset + max_idx < unsigned(dl->VtxBuffer.Size));
        total += cmd.ElemCount;
    }
    CHECK(offset_used);
    CHECK(total == unsigned(dl->IdxBuffer.Size));
}

TEST_CASE("the bar chart and the field plot draw odd inputs without trouble") {
    HeadlessFrame frame;
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    // Bars: log axis with zero, negative, NaN and a range of 1e-9..10; linear with negatives; empty.
    const std::vector<float> grads = {10.f, 1e-3f, 0.f, -1.f, nan, 1e-9f, inf};
    BarChartOptions b;
    b.log_y = true;
    b.reference = 1e-4;
    b.reference_label = "threshold";
    b.size = ImVec2(400, 250);
    BarChart("##b1", grads, {}, b);
    b.log_y = false;
    BarChart("##b2", grads, {}, b);
    BarChart("##b3", {}, {}, b);
    const std::vector<std::string> long_names = {"a very long category name indeed", "b", "c"};
    const std::vector<float> three = {1, 2, 3};
    BarChart("##b4", three, long_names, b);
    // Fields: empty, too short, one cell, NaNs; paths with NaN, inf and far-away points.
    FieldPlotOptions o;
    o.size = ImVec2(400, 300);
    o.contour_count = 6;
    o.log_scale = true;
    FieldPlot("##f1", {}, 0, 0, {}, o);
    const std::vector<float> v = {1, 2, nan, 4, 0, -3};
    FieldPlot("##f2", v, 5, 5, {}, o);      // rows x cols larger than the data
    FieldPlot("##f3", v, 1, 1, {}, o);
    FieldPlot("##f4", v, 2, 3, {}, o);
    o.smooth = false;
    FieldPlot("##f5", v, 2, 3, {}, o);
    const std::vector<float> px = {0.1f, 0.5f, nan, 0.9f, 50.f, 1e30f, inf}, py = {0.1f, 0.2f, 0.3f, nan, 0.5f, -1e30f, 0.f};
    const FieldPath paths[] = {{"diverging", px, py, 0}, {"", {}, {}, 0}};
    o.x_min = 0, o.x_max = 1, o.y_min = 0, o.y_max = 1;
    FieldPlot("##f6", v, 2, 3, paths, o);
    CHECK(HeadlessFrame::vertices() > 0);
}
