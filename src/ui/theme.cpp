#include "ui/theme.h"

namespace ui {

void apply_classroom_style(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 6;
    style.FrameRounding = 5;
    style.GrabRounding = 5;
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(12, 9);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 18;
    style.GrabMinSize = 18;
    style.WindowBorderSize = 1;
    ImVec4* c = style.Colors;
    // The screen is cleared to the window colour once per frame; windows and children leave their
    // backgrounds transparent so the software renderer does not fill every pixel twice more.
    c[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.13f, 0.f);
    c[ImGuiCol_ChildBg] = ImVec4(0.f, 0.f, 0.f, 0.f);
    c[ImGuiCol_PopupBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.f);
    c[ImGuiCol_TitleBg] = ImVec4(0.14f, 0.16f, 0.20f, 1.f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.f);
    c[ImGuiCol_Text] = ImVec4(0.95f, 0.95f, 0.96f, 1.f);
    c[ImGuiCol_Button] = ImVec4(0.22f, 0.36f, 0.56f, 1.f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.28f, 0.46f, 0.70f, 1.f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.20f, 0.52f, 0.85f, 1.f);
    c[ImGuiCol_Header] = ImVec4(0.22f, 0.36f, 0.56f, 0.8f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.28f, 0.46f, 0.70f, 0.9f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ui
