#include "ui/widgets/text_input.h"

#include <imgui.h>

namespace ui {

namespace {
// Grows the string when ImGui asks for a larger buffer.
int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(std::size_t(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}
}  // namespace

bool InputStringLine(const char* label, std::string& text, float width) {
    ImGui::SetNextItemWidth(width);
    if (text.capacity() < 16) text.reserve(16);
    return ImGui::InputText(label, text.data(), text.capacity() + 1,
                            ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_EnterReturnsTrue, resize_string,
                            &text);
}

}  // namespace ui
