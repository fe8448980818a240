#include "ui/gl/field_view.h"

#include <cmath>

#include "ui/gl/callback_quad.h"
#include "ui/gl/gl.h"
#include "ui/gl/shader.h"

namespace ui::gl {

FieldView::~FieldView() {
    if (field_tex_) glDeleteTextures(1, &field_tex_);
    if (program_) glDeleteProgram(program_);
}

bool FieldView::init(std::string& error) {
    program_ = load_program("field.vert", "field.frag", error);
    if (!program_) return false;
    quad_.init();
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
    target_screen_rect(cmd, self->p0_, self->p1_);
    glUseProgram(self->program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, self->field_tex_);
    glUniform1i(glGetUniformLocation(self->program_, "field"), 0);
    self->quad_.draw();
}

}  // namespace ui::gl
