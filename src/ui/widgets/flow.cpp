#include "ui/widgets/flow.h"

#include <algorithm>

namespace ui {

float TextWidth(const char* text) { return ImGui::CalcTextSize(text, nullptr, true).x; }

float ButtonWidth(const char* label) { return TextWidth(label) + ImGui::GetStyle().FramePadding.x * 2.f; }

float CheckboxWidth(const char* label) {
    const float text = TextWidth(label);
    return ImGui::GetFrameHeight() + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0.f);
}

float LabeledWidth(float item_width, const char* label) {
    const float text = TextWidth(label);
    return item_width + (text > 0 ? ImGui::GetStyle().ItemInnerSpacing.x + text : 0.f);
}

float LineWidth() { return ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x; }

float FitItemWidth(float wanted, const char* label, float minimum) {
    const float label_w = LabeledWidth(0.f, label);
    return std::max(minimum, std::min(wanted, LineWidth() - label_w));
}

void SameLineIfFits(float width, float spacing) {
    const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + width <= right + 0.5f) ImGui::SameLine(0, gap);
}

void ValueBeside(const char* text) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(text);
}

bool CheckboxWrapped(const char* label, bool* value) {
    ImGui::PushID(label);
    ImGui::BeginGroup();
    bool changed = ImGui::Checkbox("##box", value);
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextUnformatted(label);
    ImGui::PopTextWrapPos();
    if (ImGui::IsItemClicked()) {
        *value = !*value;
        changed = true;
    }
    ImGui::EndGroup();
    ImGui::PopID();
    return changed;
}

}  // namespace ui
