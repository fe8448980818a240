// Test digits with what the network reads in each: a grid of the first test digits, captioned
// with the answer and how sure it is (red, with the true digit, when wrong), and for the digit
// clicked, all ten probabilities as bars.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/panels/digits/digits_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/plot.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr int kMostShown = 40;  // more would be too small to read from the back of the room
constexpr ImU32 kOtherBar = IM_COL32(150, 156, 168, 255);
constexpr ImU32 kSelectedFrame = IM_COL32(255, 255, 255, 255);

// Where the selected digit sits in the evaluation (-1: not measured).
int measured_position(const train::DigitsEvaluation& e, int test_index) {
    const auto it = std::find(e.digits.begin(), e.digits.end(), test_index);
    return it == e.digits.end() ? -1 : int(it - e.digits.begin());
}

}  // namespace

void DigitSamplesPanel(PanelContext& ctx) {
    const train::DigitsView* v = nullptr;
    const train::DigitsEvaluation* measured = digits::measured_digits(ctx, v);
    if (!measured) return;
    const train::DigitsEvaluation& e = *measured;
    DigitsPanelState& st = ctx.state.digits;
    const float fs = ImGui::GetFontSize();
    const float line = ImGui::GetTextLineHeight();

    // ---- The area: the grid, and the probabilities beside it (wide panel) or under it ----
    const float gap = std::round(fs * 0.5f);  // ImageGrid's own gap and caption strip
    const float caption_h = line + fs * 0.15f;
    const float least = std::max({fs * 3.4f, 56.f, ImGui::CalcTextSize("8 (is 8)").x + fs * 0.3f});
    ImVec2 avail = ImGui::GetContentRegionAvail();
    avail.y -= 4.f;  // rounding of the rows below: never a scrollbar for a pixel or two
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // The words above: all of them when there is room, else the count alone. Measured with the most
    // digits the grid can show (the count is not known yet).
    const auto head_text = [&](int right, int shown, bool brief) {
        const std::string count = std::to_string(right) + " of " + std::to_string(shown);
        return brief ? count + " right (step " + train::format_count((long long)e.step) + ")"
                     : "Measured at step " + train::format_count((long long)e.step) + ": " + count +
                           " read right. Red: wrong, with the true digit. Click a digit.";
    };
    const bool beside = avail.x >= fs * 30.f;
    const float chart_least = line * 7.f;  // the bar chart's axes and labels (four lines) and a readable plot
    const float row_h = least + caption_h + gap;
    const float full_h = WrappedTextHeight(head_text(kMostShown, kMostShown, false), avail.x) + spacing;
    const bool brief = avail.y - full_h < row_h + (beside ? 0.f : chart_least + line + spacing);
    const float header_h = brief ? WrappedTextHeight(head_text(kMostShown, kMostShown, true), avail.x) + spacing : full_h;
    const float chart_w = beside ? std::max(fs * 12.f, std::floor(avail.x * 0.36f)) : avail.x;
    // Under the grid, the chart takes about a third of the height, and less when a row of digits
    // would not fit otherwise.
    const float below_h = avail.y - header_h;
    const float chart_h = beside ? below_h
                                 : std::max(chart_least + line, std::min({fs * 9.f, std::floor(below_h * 0.38f),
                                                                         below_h - row_h - spacing}));
    const float grid_w = beside ? avail.x - chart_w - fs : avail.x;
    const float grid_h = beside ? below_h : below_h - chart_h - spacing;
    const digits::GridFit grid =
        digits::fit_pictures(std::min(e.measured(), kMostShown), grid_w, grid_h, least, std::max(least, fs * 6.f), gap, caption_h);

    // ---- Captions ----
    std::vector<std::string> captions;
    std::vector<ImU32> colors;
    int right = 0;
    for (int i = 0; i < grid.count; ++i) {
        const int truth = v->test->labels[std::size_t(e.digits[std::size_t(i)])];
        const int read = e.predicted[std::size_t(i)];
        right += read == truth;
        captions.push_back(digits::first_fitting(
            digits::sample_captions(read, e.probabilities[std::size_t(i)][std::size_t(read)], truth), grid.side));
        colors.push_back(read == truth ? kGoodColor : kBadColor);
    }
    // The digit whose probabilities are shown: the one clicked, else the first mistake shown.
    int pos = st.selected >= 0 ? measured_position(e, st.selected) : -1;
    const bool chosen = pos >= 0;
    if (pos < 0) {
        for (int i = 0; i < grid.count && pos < 0; ++i)
            if (colors[std::size_t(i)] == kBadColor) pos = i;
        if (pos < 0) pos = 0;
    }

    const std::string head = head_text(right, grid.count, brief);
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(head, avail.x);  // no taller than header_h, measured with the widest count
    ImGui::PopStyleColor();

    // ---- The grid ----
    ImageGridOptions go;
    go.columns = grid.columns;
    go.width = grid.width();
    go.draw_image = [&](ImDrawList* dl, ImVec2 p0, ImVec2 p1, int i) {
        digits::draw_digit(ctx, dl, p0, p1, e.digits[std::size_t(i)]);
        const float t = std::max(2.f, std::round(fs * 0.14f));
        if (colors[std::size_t(i)] == kBadColor)  // a red frame inside the picture: wrong
            dl->AddRect(ImVec2(p0.x + t * 0.5f, p0.y + t * 0.5f), ImVec2(p1.x - t * 0.5f, p1.y - t * 0.5f), kBadColor, 0.f, 0, t);
        if (i == pos)  // the one whose probabilities are shown: a white frame outside it
            dl->AddRect(ImVec2(p0.x - t, p0.y - t), ImVec2(p1.x + t, p1.y + t), kSelectedFrame, 0.f, 0, t);
    };
    ImGui::BeginGroup();
    const std::span<const float> pixels(v->test->images.data(), std::size_t(v->test->images.size()));
    const int clicked = ImageGrid("##digits", pixels, grid.count, data::kMnistSide, data::kMnistSide, captions, colors, go);
    ImGui::EndGroup();
    if (clicked >= 0) st.selected = e.digits[std::size_t(clicked)];

    // ---- The probabilities of one digit ----
    if (beside) ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    const int truth = v->test->labels[std::size_t(e.digits[std::size_t(pos)])];
    const int read = e.predicted[std::size_t(pos)];
    const std::array<float, 10>& p = e.probabilities[std::size_t(pos)];
    const std::string what = read == truth ? "a " + std::to_string(truth) + ", read right (" + digits::short_percent(p[std::size_t(read)]) + ")"
                                           : "a " + std::to_string(truth) + ", read as " + std::to_string(read) + " (" +
                                                 digits::short_percent(p[std::size_t(read)]) + ")";
    const std::string title = (chosen ? "Clicked: " : read == truth ? "First digit: " : "First mistake: ") + what;
    const float title_start = ImGui::GetCursorPosY();
    ImGui::PushStyleColor(ImGuiCol_Text, read == truth ? kGoodColor : kBadColor);
    TextWrappedAtSpaces(title, chart_w);
    ImGui::PopStyleColor();
    const float used = ImGui::GetCursorPosY() - title_start;
    std::vector<ImU32> bar_colors(10, kOtherBar);
    bar_colors[std::size_t(truth)] = kGoodColor;
    if (read != truth) bar_colors[std::size_t(read)] = kBadColor;
    static const std::vector<std::string> kDigitNames = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    BarChartOptions bo;
    // The colours named under the bars when that fits beside the value axis.
    static const std::vector<std::string> kRightLabels = {"digit (green: the true one)", "digit"};
    static const std::vector<std::string> kWrongLabels = {"digit (green: true, red: answer)", "green: true, red: answer", "digit"};
    bo.x_label = digits::first_fitting(read == truth ? kRightLabels : kWrongLabels, chart_w - fs * 3.f);
    bo.y_label = "probability";
    bo.y_min = 0;
    bo.y_max = 1;
    bo.colors = bar_colors;
    bo.size = ImVec2(chart_w, std::max(chart_least, std::floor(chart_h - used)));
    BarChart("##probabilities", std::span<const float>(p.data(), p.size()), kDigitNames, bo);
    ImGui::EndGroup();
}

}  // namespace ui
