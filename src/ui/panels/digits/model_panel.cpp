// The digit reader as the student sees it: its layer sizes, how many numbers it learns (and the sum
// that gives them), and the choices that change it: its shape, its loss, and how many digits each
// step learns from.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "train/format.h"
#include "ui/panels/digits/digits_common.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
struct Shape {
    const char* label;
    std::vector<int> hidden;
};
// (A lesson's other shape shows as the combo's current value.)
const Shape kShapes[] = {{"784-16-16-10", {16, 16}}, {"784-128-64-10", {128, 64}}};
constexpr int kBatchSizes[] = {1, 8, 32, 64, 128};

// A label for a row of choices, the choices wrapping after it.
void row_label(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
}

bool radio(const char* label, bool active, float spacing) {
    SameLineIfFits(CheckboxWidth(label), spacing);
    return ImGui::RadioButton(label, active);
}
}  // namespace

void DigitModelPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (!s.config.digits()) {
        PanelFallback(ctx, "This panel shows the digit reader; this step trains another model.");
        return;
    }
    const train::Config& c = s.config;
    const float fs = ImGui::GetFontSize();

    std::vector<int> sizes{data::kMnistPixels};
    sizes.insert(sizes.end(), c.hidden.begin(), c.hidden.end());
    sizes.push_back(data::kMnistClasses);

    // ---- The network, and what it learns ----
    // Large when it fits on a line, else bold at the text size.
    const std::string shape = digits::shape_text(sizes);
    ImFont* font = ctx.fonts.bold;
    if (ctx.fonts.heading) {
        ImGui::PushFont(ctx.fonts.heading);
        if (ImGui::CalcTextSize(shape.c_str()).x <= ImGui::GetContentRegionAvail().x) font = ctx.fonts.heading;
        ImGui::PopFont();
    }
    if (font) ImGui::PushFont(font);
    TextWrappedAtSpaces(shape);
    if (font) ImGui::PopFont();
    const char* in_out = "784 = 28×28 pixels in, one probability per digit out.";
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", in_out);
    if (ImGui::GetContentRegionAvail().y > ImGui::GetTextLineHeightWithSpacing() * 12.f) {  // room to say it
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        TextWrappedAtSpaces(in_out);
        ImGui::PopStyleColor();
    }
    const digits::ParameterSum p = digits::parameter_sum(sizes);
    TextWrappedAtSpaces(p.sum + " = " + train::format_count(p.total) + " parameters");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each neuron has one weight per input and one bias: a layer of n neurons on m inputs\n"
                          "has m×n + n parameters. Training adjusts every one of them.");

    // ---- Choices ----
    ImGui::Separator();
    // Shape and loss as two combos, side by side when they fit.
    std::string current;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i) current += '-';
        current += std::to_string(sizes[i]);
    }
    const float shape_w = FitItemWidth(ImGui::CalcTextSize("784-128-64-10").x + ImGui::GetFrameHeight() * 1.6f, "shape");
    ImGui::SetNextItemWidth(shape_w);
    if (ImGui::BeginCombo("shape", current.c_str())) {
        for (const Shape& shape : kShapes)
            if (ImGui::Selectable(shape.label, c.hidden == shape.hidden) && c.hidden != shape.hidden)
                ctx.out.push_back(train::SetHidden{shape.hidden});
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A new shape starts again from step 0 with fresh weights.");
    const float loss_w = FitItemWidth(ImGui::CalcTextSize("squared error").x + ImGui::GetFrameHeight() * 1.6f, "loss");
    SameLineIfFits(LabeledWidth(loss_w, "loss"), fs * 1.2f);
    ImGui::SetNextItemWidth(loss_w);
    if (ImGui::BeginCombo("loss", c.loss == nn::Loss::CrossEntropy ? "cross-entropy" : "squared error")) {
        if (ImGui::Selectable("cross-entropy", c.loss == nn::Loss::CrossEntropy) && c.loss != nn::Loss::CrossEntropy)
            ctx.out.push_back(train::SetLoss{nn::Loss::CrossEntropy});
        if (ImGui::Selectable("squared error", c.loss == nn::Loss::SquaredError) && c.loss != nn::Loss::SquaredError)
            ctx.out.push_back(train::SetLoss{nn::Loss::SquaredError});
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("cross-entropy: −log of the probability given to the true digit.\n"
                          "squared error: the squared distance between the ten probabilities and the one-hot answer.");

    row_label("digits per step");
    for (int b : kBatchSizes) {
        const std::string label = std::to_string(b);
        if (radio(label.c_str(), c.batch_size == b, fs * 0.8f) && c.batch_size != b) ctx.out.push_back(train::SetBatchSize{b});
    }
    const bool custom = std::find(std::begin(kBatchSizes), std::end(kBatchSizes), c.batch_size) == std::end(kBatchSizes);
    if (custom) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        TextWrappedAtSpaces("This step learns from " +
                            (c.batch_size <= 0 ? std::string("all the digits") : std::to_string(c.batch_size) + " digits") +
                            " at a time.");
        ImGui::PopStyleColor();
    }
}

}  // namespace ui
