#include "ui/panels/panels.h"
#include "ui/theme.h"

namespace ui {

void PanelFallback(PanelContext& ctx, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    if (ctx.fallbacks) ctx.fallbacks->push_back(std::string(ctx.panel) + ": " + text);
}

}  // namespace ui
