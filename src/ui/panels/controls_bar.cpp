#include <algorithm>
#include <cstdio>
#include <string>

#include "train/format.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
constexpr const char* kNoTestPoints = "no test points (set a test share in the Data panel)";

const char* state_label(train::RunState s) {
    switch (s) {
        case train::RunState::Running: return "TRAINING";
        case train::RunState::Paused: return "PAUSED";
        case train::RunState::Diverged: return "STOPPED";
    }
    return "";
}

ImU32 state_color(train::RunState s) {
    switch (s) {
        case train::RunState::Running: return kGoodColor;
        case train::RunState::Paused: return IM_COL32(200, 200, 90, 255);
        case train::RunState::Diverged: return kBadColor;
    }
    return 0;
}

void StatePill(train::RunState state) {
    const char* label = state_label(state);
    const ImVec2 size = ImGui::CalcTextSize(label);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 pad(10, 3);
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + size.x + 2 * pad.x, pos.y + size.y + 2 * pad.y),
                                              state_color(state), 6.f);
    ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), IM_COL32(20, 20, 20, 255), label);
    ImGui::Dummy(ImVec2(size.x + 2 * pad.x, size.y + 2 * pad.y));
}
}  // namespace

void ControlsBar(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const train::PlaneView* plane = s.view<train::PlaneView>();
    const bool perceptron = s.config.plane() && s.config.plane()->model == train::ModelKind::Perceptron;
    const bool landscape = plane && plane->landscape;
    const long examples = training_examples(s);
    const bool running = s.state == train::RunState::Running;
    const bool stopped = s.state == train::RunState::Diverged;
    const float fs = ImGui::GetFontSize();

    // First row: the buttons, then the run's status; each item moves to a new line when the
    // window is too narrow for it (small projectors, big text).
    const char* play_label = running ? "‖ Pause" : "▶ Play";
    if (running) {
        if (ImGui::Button(play_label)) ctx.out.push_back(train::Pause{});
    } else {
        ImGui::BeginDisabled(stopped);
        if (ImGui::Button(play_label)) ctx.out.push_back(train::Play{});
        ImGui::EndDisabled();
    }
    const char* step_label = perceptron ? "Step: 1 example" : "Step: 1";
    SameLineIfFits(ButtonWidth(step_label));
    ImGui::BeginDisabled(stopped);
    if (ImGui::Button(step_label)) ctx.out.push_back(train::StepN{1});
    if (ImGui::IsItemHovered()) {
        const bool batches = s.config.batch_size > 0 && s.config.batch_size < examples;
        ImGui::SetTooltip(perceptron ? "Apply the perceptron rule to the next example, then pause"
                          : batches  ? "One gradient-descent step on the next batch of examples, then pause"
                                     : "One gradient-descent step on all the training points, then pause");
    }
    const char* many_label = perceptron ? "Step: 1 pass" : "Step: 100";
    SameLineIfFits(ButtonWidth(many_label));
    if (ImGui::Button(many_label)) ctx.out.push_back(train::StepN{perceptron ? int(examples > 0 ? examples : 4) : 100});
    ImGui::EndDisabled();
    SameLineIfFits(ButtonWidth("Reset"));
    if (stopped) ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(170, 60, 50, 255));
    if (ImGui::Button("Reset")) ctx.out.push_back(train::Reset{});
    if (stopped) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from fresh random weights (seed %llu)",
                                                  (unsigned long long)s.config.seed);
    SameLineIfFits(ButtonWidth("New seed"));
    if (ImGui::Button("New seed")) ctx.out.push_back(train::Reset{s.config.seed + 1});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from different random weights");

    // Status beside the buttons: what the class should read at a glance.
    char status[320];
    const auto step = static_cast<unsigned long long>(s.step);
    if (perceptron) {
        std::snprintf(status, sizeof status, "step %llu  ·  mistakes %d of %d", step, int(s.loss + 0.5f), int(examples));
    } else if (landscape && !plane->landscape->paths.empty()) {
        // Each path's loss is in the landscape's legend; here, who is ahead.
        const auto& paths = plane->landscape->paths;
        std::size_t best = 0;
        for (std::size_t i = 1; i < paths.size(); ++i)
            if (paths[i].current_loss < paths[best].current_loss) best = i;
        std::snprintf(status, sizeof status, "step %llu  ·  lowest loss %s (%s)", step,
                      train::format_loss(paths[best].current_loss).c_str(), paths[best].name.c_str());
    } else {
        std::snprintf(status, sizeof status, "step %llu", step);
    }
    const float pill_w = TextWidth(state_label(s.state)) + 20.f;
    SameLineIfFits(pill_w + ImGui::GetStyle().ItemSpacing.x + TextWidth(status), fs * 1.5f);
    ImGui::BeginGroup();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y - 3.f);
    StatePill(s.state);
    SameLineIfFits(std::min(TextWidth(status), LineWidth() * 0.5f));
    ImGui::PushTextWrapPos(0.f);  // a status longer than the line wraps at its words
    ImGui::TextUnformatted(status);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();

    // Second row: the hyper-parameters. Values are written beside the sliders, where no handle
    // covers them.
    float lr = s.config.learning_rate;
    // In train::format's words, as the trainer's messages quote it.
    const std::string lr_text = "learning rate " + train::format_learning_rate(lr);
    const char* lr_label = lr_text.c_str();
    const float slider_w = FitItemWidth(fs * 8.f, lr_label);
    ImGui::SetNextItemWidth(slider_w);
    if (ImGui::SliderFloat("##learning-rate", &lr, 0.0001f, 100.f, "", ImGuiSliderFlags_Logarithmic) && lr > 0)
        ctx.out.push_back(train::SetLearningRate{lr});
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(lr_label);

    if (is_network(s)) {
        const float combo_w = FitItemWidth(fs * 6.f, "activation");
        SameLineIfFits(LabeledWidth(combo_w, "activation"), fs * 1.5f);
        ImGui::SetNextItemWidth(combo_w);
        const std::string current(nn::activation_name(s.config.activation));
        if (ImGui::BeginCombo("activation", current.c_str())) {
            for (nn::Activation a : nn::kAllActivations) {
                // A transformer's feed-forward networks take the two its family uses.
                if (s.config.transformer() && a != nn::Activation::GELU && a != nn::Activation::ReLU) continue;
                const std::string name(nn::activation_name(a));
                if (ImGui::Selectable(name.c_str(), a == s.config.activation))
                    ctx.out.push_back(train::SetActivation{a});
            }
            ImGui::EndCombo();
        }
    }

    bool flat_out = s.config.steps_per_second <= 0;
    float speed = flat_out ? 10000.f : float(s.config.steps_per_second);
    char speed_label[64];
    if (flat_out) std::snprintf(speed_label, sizeof speed_label, "steps/s");
    else std::snprintf(speed_label, sizeof speed_label, "%.0f steps/s", double(speed));
    const float speed_w = FitItemWidth(fs * 6.f, speed_label);
    SameLineIfFits(LabeledWidth(speed_w, speed_label) + ImGui::GetStyle().ItemSpacing.x + CheckboxWidth("max"),
                   fs * 1.5f);
    ImGui::BeginGroup();
    ImGui::SetNextItemWidth(speed_w);
    ImGui::BeginDisabled(flat_out);
    if (ImGui::SliderFloat("##speed", &speed, 1.f, 10000.f, "", ImGuiSliderFlags_Logarithmic))
        ctx.out.push_back(train::SetSpeed{speed});
    ImGui::EndDisabled();
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(speed_label);
    SameLineIfFits(CheckboxWidth("max"));
    if (ImGui::Checkbox("max", &flat_out)) ctx.out.push_back(train::SetSpeed{flat_out ? 0.0 : 30.0});
    ImGui::EndGroup();

    if (has_scoreboard(s)) Scoreboard(s);
}

// Every network has one; the perceptron counts mistakes and the landscape compares its paths instead.
bool has_scoreboard(const train::Snapshot& s) { return is_network(s); }

// Loss and accuracy on the training points and on the test points, in the colours of the loss
// panel's curves: the numbers a class checks first, always on screen.
void Scoreboard(const train::Snapshot& s) {
    // "training loss 0.0360   accuracy 100.0%" as one piece that moves to the next line whole, its
    // numbers in train::format's words, as the trainer's messages quote them.
    // On a narrow bar (a small screen, large text) the accuracy goes under the loss rather than
    // past the edge.
    const auto part = [](const char* name, ImU32 color, float loss, float accuracy, bool after_another) {
        const std::string loss_text = "loss " + train::format_loss(loss);
        const std::string accuracy_text = "accuracy " + train::format_percent(accuracy);
        const float gap = ImGui::GetFontSize() * 0.9f;
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        if (after_another)
            SameLineIfFits(TextWidth(name) + spacing + TextWidth(loss_text.c_str()) + gap + TextWidth(accuracy_text.c_str()),
                           ImGui::GetFontSize() * 2.f);
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(name);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::TextUnformatted(loss_text.c_str());
        SameLineIfFits(TextWidth(accuracy_text.c_str()), gap);
        ImGui::TextUnformatted(accuracy_text.c_str());
        ImGui::EndGroup();
    };
    if (s.train_loss < 0) {
        ImGui::TextDisabled("no training points");
        return;
    }
    part("training", kTrainCurveColor, s.train_loss, s.train_accuracy, false);
    if (s.test_loss >= 0) {
        part("test", kTestCurveColor, s.test_loss, s.test_accuracy, true);
    } else {
        SameLineIfFits(TextWidth(kNoTestPoints), ImGui::GetFontSize() * 2.f);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        ImGui::TextWrapped("%s", kNoTestPoints);
        ImGui::PopStyleColor();
    }
}

void MessageBanner(const train::Snapshot& s) {
    if (s.message.empty()) return;
    ImU32 background = IM_COL32(25, 80, 40, 255);                                        // good news
    if (s.message_kind == train::MessageKind::Warning) background = IM_COL32(120, 85, 15, 255);
    if (s.message_kind == train::MessageKind::Error || s.state == train::RunState::Diverged)
        background = IM_COL32(110, 30, 25, 255);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, background);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = ImGui::GetContentRegionAvail().x - style.WindowPadding.x * 2;
    const float h = WrappedTextHeight(s.message, wrap) + style.WindowPadding.y * 2;
    ImGui::BeginChild("message", ImVec2(0, h), false, ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
    // Wrapped at spaces only: ImGui's wrapping would split "5.6e+03" after its dot.
    TextWrappedAtSpaces(s.message, wrap);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace ui
