#pragma once
#include <imgui.h>

namespace ui::gl {

// Every ImGui primitive, solid fills included, samples the font atlas. Drawn 1:1, nearest
// sampling looks the same as linear, and Mesa's software renderer does it several times faster.
void use_nearest_filter(ImTextureID texture);

}  // namespace ui::gl
