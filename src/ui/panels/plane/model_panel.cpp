// The network builder: how many hidden layers and how wide, shortcuts, the loss, the optimizer and
// how many examples each step learns from. A new shape keeps the weights of every layer it leaves
// unchanged (new or resized layers start fresh); everything else keeps all of them, so a change
// shows its effect on the run already under way.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"

namespace ui {

namespace {
// Layer widths above this many layers are edited all at once: twenty steppers would not fit.
constexpr int kMaxLayersEditedOneByOne = 6;

// A small "−  n  +" stepper; returns the new value when it changed.
bool stepper(const char* id, int& value, int lo, int hi) {
    ImGui::PushID(id);
    bool changed = false;
    ImGui::BeginDisabled(value <= lo);
    if (ImGui::Button("−")) {
        --value;
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::SameLine(0, 4);
    const std::string text = std::to_string(value);
    const float w = ImGui::CalcTextSize("64").x;
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + (w - ImGui::CalcTextSize(text.c_str()).x) * 0.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text.c_str());
    // SetCursorPosX, not SameLine(x): inside a group SameLine counts from the group's left edge.
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPosX(x + w + 4);
    ImGui::BeginDisabled(value >= hi);
    if (ImGui::Button("+")) {
        ++value;
        changed = true;
    }
    ImGui::EndDisabled();
    ImGui::PopID();
    return changed;
}

float stepper_width() {
    return ButtonWidth("−") + 4.f + ImGui::CalcTextSize("64").x + 4.f + ButtonWidth("+");
}

template <class T, std::size_t N>
bool choice(const char* label, T current, const T (&all)[N], std::string_view (*name)(T), T& chosen, float width) {
    bool picked = false;
    ImGui::SetNextItemWidth(width);
    const std::string shown(name(current));
    if (ImGui::BeginCombo(label, shown.c_str())) {
        for (T v : all) {
            const std::string n(name(v));
            if (ImGui::Selectable(n.c_str(), v == current)) {
                chosen = v;
                picked = v != current;
            }
        }
        ImGui::EndCombo();
    }
    return picked;
}

constexpr nn::Loss kLosses[] = {nn::Loss::CrossEntropy, nn::Loss::SquaredError};

// The names a class reads; the lesson files use nn's names ("cross_entropy", "adam").
std::string_view loss_label(nn::Loss l) { return l == nn::Loss::CrossEntropy ? "cross-entropy" : "squared error"; }
std::string_view optimizer_label(nn::OptimizerKind k) {
    switch (k) {
        case nn::OptimizerKind::SGD: return "SGD";
        case nn::OptimizerKind::Momentum: return "momentum";
        case nn::OptimizerKind::Adam: return "Adam";
    }
    return "?";
}
}  // namespace

void ModelPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const train::Config& c = s.config;
    const float fs = ImGui::GetFontSize();

    // ---- Shape ----
    std::vector<int> hidden = c.hidden;
    bool reshaped = false;
    int layers = int(hidden.size());
    // Labels and steppers move to the next line when the panel is too narrow for them.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("hidden layers");
    SameLineIfFits(stepper_width());
    if (stepper("layers", layers, 1, train::kMaxHiddenLayers)) {
        hidden.resize(std::size_t(layers), hidden.back());
        reshaped = true;
    }
    if (layers <= kMaxLayersEditedOneByOne) {
        for (int l = 0; l < layers; ++l) {
            if (l == 0) {
                SameLineIfFits(TextWidth("neurons"), fs * 1.2f);
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted("neurons");
            }
            SameLineIfFits(stepper_width(), l == 0 ? fs * 0.4f : fs * 0.8f);
            ImGui::PushID(l);
            reshaped |= stepper("width", hidden[std::size_t(l)], 1, train::kMaxPlaneHiddenWidth);
            ImGui::PopID();
        }
    } else {
        int width = hidden.front();
        SameLineIfFits(TextWidth("width"), fs * 1.2f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("width");
        SameLineIfFits(stepper_width());
        if (stepper("width", width, 1, train::kMaxPlaneHiddenWidth)) {
            std::fill(hidden.begin(), hidden.end(), width);
            reshaped = true;
        }
    }
    if (reshaped) ctx.out.push_back(train::SetHidden{hidden});

    bool residual = plane_config(s).residual;
    if (CheckboxWrapped("residual shortcuts", &residual)) ctx.out.push_back(train::SetResidual{residual});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each hidden layer whose width does not change adds its input to its output:\n"
                          "a[l+1] = a[l] + f(W a[l] + b). The gradient then has a path that skips the layer.");

    // ---- Learning ----
    const float loss_w = FitItemWidth(fs * 8.8f, "loss");
    SameLineIfFits(LabeledWidth(loss_w, "loss"), fs * 1.2f);
    nn::Loss loss = c.loss;
    if (choice("loss", c.loss, kLosses, loss_label, loss, loss_w)) ctx.out.push_back(train::SetLoss{loss});
    const float opt_w = FitItemWidth(fs * 5.6f, "optimizer");
    SameLineIfFits(LabeledWidth(opt_w, "optimizer"), fs * 1.2f);
    nn::OptimizerKind opt = c.optimizer;
    if (choice("optimizer", c.optimizer, nn::kAllOptimizers, optimizer_label, opt, opt_w))
        ctx.out.push_back(train::SetOptimizer{opt});

    // Batch: one example, a few, or all of them.
    const int n = plane_view(s).data ? int(plane_view(s).data->x.rows()) : 0;
    const bool full = c.batch_size <= 0 || c.batch_size >= n;
    const int mode = full ? 2 : c.batch_size == 1 ? 0 : 1;
    char all_label[48];
    std::snprintf(all_label, sizeof all_label, "all %d points", n);
    const char* modes[] = {"1 example", "a mini-batch", all_label};
    const float batch_w = FitItemWidth(fs * 9.f, "");
    SameLineIfFits(TextWidth("each step learns from"), fs * 1.2f);
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted("each step learns from");
    ImGui::PopTextWrapPos();
    SameLineIfFits(batch_w);
    ImGui::SetNextItemWidth(batch_w);
    if (ImGui::BeginCombo("##batch", modes[mode])) {
        for (int m = 0; m < 3; ++m)
            if (ImGui::Selectable(modes[m], m == mode) && m != mode)
                ctx.out.push_back(train::SetBatchSize{m == 0 ? 1 : m == 1 ? std::min(16, std::max(2, n - 1)) : 0});
        ImGui::EndCombo();
    }
    if (mode == 1) {
        int b = c.batch_size;
        char examples[32];
        std::snprintf(examples, sizeof examples, "%d examples", b);
        const float slider_w = FitItemWidth(fs * 6.f, examples);
        SameLineIfFits(LabeledWidth(slider_w, examples));
        ImGui::SetNextItemWidth(slider_w);
        if (ImGui::SliderInt("##batch-size", &b, 2, std::max(2, std::min(256, n - 1)), "", ImGuiSliderFlags_Logarithmic))
            ctx.out.push_back(train::SetBatchSize{b});
        ValueBeside(examples);
    }

    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%ld parameters. New or resized layers start from fresh weights; the others keep theirs.", s.parameter_count);
    ImGui::PopStyleColor();
}

}  // namespace ui
