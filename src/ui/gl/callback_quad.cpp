#include "ui/gl/callback_quad.h"

#include <cmath>

#include "ui/gl/gl.h"

namespace ui::gl {

UnitQuad::~UnitQuad() {
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

void UnitQuad::init() {
    const float quad[] = {-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1};
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void UnitQuad::draw() const {
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

void target_screen_rect(const ImDrawCmd* cmd, ImVec2 p0, ImVec2 p1) {
    const ImDrawData* dd = ImGui::GetDrawData();
    const float sx = dd->FramebufferScale.x, sy = dd->FramebufferScale.y;
    const float fb_height = dd->DisplaySize.y * sy;
    const int x = int(std::lround((p0.x - dd->DisplayPos.x) * sx));
    const int y = int(std::lround(fb_height - (p1.y - dd->DisplayPos.y) * sy));
    const int w = int(std::lround((p1.x - p0.x) * sx));
    const int h = int(std::lround((p1.y - p0.y) * sy));
    const ImVec4 clip = cmd->ClipRect;
    glScissor(int((clip.x - dd->DisplayPos.x) * sx), int(fb_height - (clip.w - dd->DisplayPos.y) * sy),
              int((clip.z - clip.x) * sx), int((clip.w - clip.y) * sy));
    glViewport(x, y, w, h);
    glDisable(GL_BLEND);
}

}  // namespace ui::gl
