#pragma once
// The pieces shared by the pictures drawn from an ImGui draw callback with a shader of their own
// (gl::FieldView, gl::OpaqueImages): a quad covering the viewport, and the viewport and scissor
// that put it on a screen rectangle inside the command's clip rectangle.
#include <imgui.h>

namespace ui::gl {

class UnitQuad {
public:
    UnitQuad() = default;
    ~UnitQuad();
    UnitQuad(const UnitQuad&) = delete;
    UnitQuad& operator=(const UnitQuad&) = delete;

    void init();  // needs a current context
    void draw() const;  // two triangles over clip space, position at attribute 0

private:
    unsigned vao_ = 0, vbo_ = 0;
};

// Sets the viewport to the screen rectangle [p0, p1] and the scissor to the command's clip
// rectangle, from ImGui's coordinates (y down) to the framebuffer's (y up). Blending off: the
// picture is opaque.
void target_screen_rect(const ImDrawCmd* cmd, ImVec2 p0, ImVec2 p1);

}  // namespace ui::gl
