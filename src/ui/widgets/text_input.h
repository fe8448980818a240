#pragma once
// A one-line text field editing a std::string in place (no fixed buffer, no imgui_stdlib).
#include <string>

namespace ui {

// A field `width` pixels wide; true when Enter was pressed in it.
bool InputStringLine(const char* label, std::string& text, float width);

}  // namespace ui
