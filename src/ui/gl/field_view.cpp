#include "ui/gl/field_view.h"

#include <cmath>

#include "ui/gl/gl.h"
#include "ui/gl/shader.h"

namespace ui::gl {

FieldView::~FieldView() {
    if (field_tex_) glDeleteTextures(1, &field_tex_);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
}

bool FieldView::init(std::string& error) {
    program_ = load_program("field.vert", "field.frag", error);
    if (!program_) return false;
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
    return true;
}

void FieldView::draw(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<float>& values, int resolution,
                     std::uint64_t version) {
    if (!program_ || resolution <= 0 || values.size() != std::size_t(resolution) * resolution) return;
    if (version != version_ || resolution != field_res_) {
        if (!field_tex_) glGenTextures(1, &field_tex_);
        GLint previous = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
        glBindTexture(GL_TEXTURE_2D, field_tex_);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        if (resolution != field_res_) {
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, resolution, resolution, 0, GL_RED, GL_FLOAT, values.data());
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
            field_res_ = resolution;
        } else {
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, resolution, resolution, GL_RED, GL_FLOAT, values.data());
        }
        glBindTexture(GL_TEXTURE_2D, GLuint(previous));
        version_ = version;
    }
    p0_ = p0;
    p1_ = p1;
    std::uint64_t key = version_ * 0x9E3779B97F4A7C15ull ^ std::uint64_t(resolution);
    for (float v : {p0.x, p0.y, p1.x, p1.y}) key = (key ^ std::uint64_t(std::lround(v * 16.f))) * 0x100000001B3ull;
    content_key_ = key;
    dl->AddCallback(&FieldView::render_callback, this);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void FieldView::render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* self = static_cast<const FieldView*>(cmd->UserCallbackData);
    const ImDrawData* dd = ImGui::GetDrawData();
    const float sx = dd->FramebufferScale.x, sy = dd->FramebufferScale.y;
    const float fb_height = dd->DisplaySize.y * sy;
    // ImGui's y grows downward; the framebuffer's upward.
    const int x = int(std::lround((self->p0_.x - dd->DisplayPos.x) * sx));
    const int y = int(std::lround(fb_height - (self->p1_.y - dd->DisplayPos.y) * sy));
    const int w = int(std::lround((self->p1_.x - self->p0_.x) * sx));
    const int h = int(std::lround((self->p1_.y - self->p0_.y) * sy));
    const ImVec4 clip = cmd->ClipRect;
    glScissor(int((clip.x - dd->DisplayPos.x) * sx), int(fb_height - (clip.w - dd->DisplayPos.y) * sy),
              int((clip.z - clip.x) * sx), int((clip.w - clip.y) * sy));
    glViewport(x, y, w, h);
    glDisable(GL_BLEND);
    glUseProgram(self->program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, self->field_tex_);
    glUniform1i(glGetUniformLocation(self->program_, "field"), 0);
    glBindVertexArray(self->vao_);
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

}  // namespace ui::gl
