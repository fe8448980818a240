// The confusion matrix of the test digits: for each true digit (a row), what the network read
// (the columns), with counts; a click on a cell shows the digits it counts.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/panels/digits/digits_common.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
// The most common mistake: the largest count off the diagonal (none: -1, -1).
MatrixCell most_common_mistake(const std::array<int, 100>& confusion) {
    MatrixCell best;
    int most = 0;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            if (r != c && confusion[std::size_t(r * 10 + c)] > most) {
                most = confusion[std::size_t(r * 10 + c)];
                best = {r, c};
            }
    return best;
}
}  // namespace

void ConfusionPanel(PanelContext& ctx) {
    const train::DigitsView* v = nullptr;
    const train::DigitsEvaluation* measured = digits::measured_digits(ctx, v);
    if (!measured) return;
    const train::DigitsEvaluation& e = *measured;
    DigitsPanelState& st = ctx.state.digits;
    const float fs = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeight();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;

    int right = 0;
    for (int d = 0; d < 10; ++d) right += e.confusion[std::size_t(d * 11)];
    const std::string share = train::format_percent(double(right) / double(e.measured()));
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // All the words when the matrix keeps room for cells a line high, else the figure alone.
    std::string head = "Measured at step " + train::format_count((long long)e.step) + " on " + train::format_count(e.measured()) +
                       " test digits: " + share + " right. Click a cell to see its digits.";
    if (avail.y - WrappedTextHeight(head, avail.x) < line * 15.f)
        head = "Step " + train::format_count((long long)e.step) + ": " + share + " right.";
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(head, avail.x);
    ImGui::PopStyleColor();
    const float rest_h = ImGui::GetContentRegionAvail().y;

    // ---- The chosen cell: the one clicked, else the most common mistake ----
    const bool clicked_before = st.cell_true >= 0 && st.cell_read >= 0;
    const MatrixCell cell = clicked_before ? MatrixCell{st.cell_true, st.cell_read} : most_common_mistake(e.confusion);

    // ---- Layout: the matrix as large as it may be, the chosen cell's digits beside it (a wide
    // panel) or under it (at least one row of them when there is room) ----
    // The widget's margins: a line and a pad above the cells, two lines and three pads below, the
    // labels' column on the left.
    const float pad = std::round(fs * 0.35f);
    const float margin_h = line * 3.f + pad * 3.f;
    const float margin_w = ImGui::CalcTextSize("9").x + pad * 3.f;
    const float gap = std::round(fs * 0.5f);  // ImageGrid's gap and caption strip
    const float caption_h = line + fs * 0.15f;
    const float least = std::max({fs * 2.8f, 52.f, ImGui::CalcTextSize("9 >99%").x + fs * 0.3f});
    // The digits beside the matrix (a column of them at least) or under it (a row of them at least):
    // whichever leaves the matrix the larger cells.
    const float side_by_height = (rest_h - margin_h) / 10.f;
    const float drill_least = std::max(least, fs * 6.f);
    const float side_beside = std::min(side_by_height, (avail.x - fs - drill_least - margin_w) / 10.f);
    const float drill_need = line * 2.f + least + caption_h + spacing * 2.f;  // words and one row of digits
    const float side_under = std::min((avail.x - margin_w) / 10.f, (rest_h - drill_need - margin_h) / 10.f);
    const float least_side = std::ceil(line * 0.8f);  // row labels (digits, shorter than a line) never on each other
    const bool beside = side_beside >= least_side && side_beside >= side_under;
    const bool under = !beside && side_under >= least_side;
    // Beside, the matrix leaves the digits two fifths of a wide panel; under, it takes the height
    // the row of digits leaves; with no room for the digits, it takes the whole panel.
    const float side = std::max(least_side, std::floor(beside  ? std::min(side_beside, (avail.x - fs - margin_w) * 0.6f / 10.f)
                                                       : under ? side_under
                                                               : std::min(side_by_height, (avail.x - margin_w) / 10.f)));
    const float matrix_w = margin_w + side * 10.f;
    const float matrix_h = margin_h + side * 10.f;

    static const std::vector<std::string> kDigitNames = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    ConfusionMatrixOptions co;
    co.row_title = "true digit";
    co.col_title = "read as";
    co.size = ImVec2(matrix_w, matrix_h);
    co.selected_row = cell.row;
    co.selected_col = cell.col;
    ImGui::BeginGroup();
    const MatrixCell click = ConfusionMatrix("##confusion", e.confusion, 10, kDigitNames, co);
    ImGui::EndGroup();
    if (click.valid()) {
        st.cell_true = click.row;
        st.cell_read = click.col;
    }

    const float drill_w = beside ? avail.x - matrix_w - fs : avail.x;
    const float drill_h = beside ? rest_h : rest_h - matrix_h - spacing;
    if (drill_h < line) return;  // no room under the matrix: the cells' tooltips still tell
    if (beside) ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    if (!cell.valid()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kGoodColor);
        TextWrappedAtSpaces("No mistakes at all. Click a cell to see its digits.", drill_w);
        ImGui::PopStyleColor();
    } else {
        std::vector<int> members;  // positions in the evaluation
        for (int i = 0; i < e.measured(); ++i)
            if (v->test->labels[std::size_t(e.digits[std::size_t(i)])] == cell.row && e.predicted[std::size_t(i)] == cell.col)
                members.push_back(i);
        const int n = int(members.size());
        // The words over the digits, measured with the most that could be left out; as many digits as
        // fit at a readable size, each captioned like the samples panel: the answer and how sure.
        const auto caption_text = [&](int shown) {
            std::string c = "true " + std::to_string(cell.row) + ", read as " + std::to_string(cell.col) + ": " +
                            train::format_count(n) + (n == 1 ? " digit" : " digits");
            if (shown < n) c += " (" + std::to_string(shown) + " shown)";
            if (cell.row == cell.col) c += ", right";
            else if (!clicked_before && drill_w >= fs * 12.f) c += ", the most common mistake";
            return c;
        };
        const float words_h = WrappedTextHeight(caption_text(std::max(0, n - 1)), drill_w) + spacing;
        const float grid_h = drill_h - words_h;
        const digits::GridFit grid = digits::fit_pictures(n, drill_w, grid_h, least, std::max(least, fs * 5.f), gap, caption_h);
        const bool room = grid.count > 0 && grid_h >= least + caption_h;
        const int shown = room ? grid.count : 0;
        ImGui::PushStyleColor(ImGuiCol_Text, cell.row == cell.col ? kGoodColor : kBadColor);
        TextWrappedAtSpaces(caption_text(room ? shown : n), drill_w);
        ImGui::PopStyleColor();
        if (room) {
            std::vector<std::string> captions;
            std::vector<ImU32> colors;
            for (int k = 0; k < shown; ++k) {
                const int i = members[std::size_t(k)];
                const float p = e.probabilities[std::size_t(i)][std::size_t(cell.col)];
                captions.push_back(digits::first_fitting(digits::sample_captions(cell.col, p, cell.col), grid.side));
                colors.push_back(cell.row == cell.col ? kGoodColor : kBadColor);
            }
            ImageGridOptions go;
            go.columns = grid.columns;
            go.width = grid.width();
            go.draw_image = [&](ImDrawList* dl, ImVec2 p0, ImVec2 p1, int k) {
                digits::draw_digit(ctx, dl, p0, p1, e.digits[std::size_t(members[std::size_t(k)])]);
            };
            const std::span<const float> pixels(v->test->images.data(), std::size_t(v->test->images.size()));
            ImageGrid("##cell_digits", pixels, shown, data::kMnistSide, data::kMnistSide, captions, colors, go);
        }
    }
    ImGui::EndGroup();
}

}  // namespace ui
