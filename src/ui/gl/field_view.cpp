#include "ui/gl/field_view.h"

#include "ui/gl/gl.h"
#include "ui/gl/shader.h"

namespace ui::gl {

FieldView::~FieldView() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (color_tex_) glDeleteTextures(1, &color_tex_);
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

ImTextureID FieldView::render(const std::vector<float>& values, int resolution, int width, int height,
                              std::uint64_t version) {
    if (!program_ || resolution <= 0 || width <= 0 || height <= 0 ||
        values.size() != std::size_t(resolution) * resolution)
        return nullptr;
    if (version == version_ && width == width_ && height == height_) return (ImTextureID)(intptr_t)color_tex_;

    GLint previous_fbo = 0, previous_viewport[4], previous_program = 0, previous_texture = 0, previous_vao = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous_fbo);
    glGetIntegerv(GL_VIEWPORT, previous_viewport);
    glGetIntegerv(GL_CURRENT_PROGRAM, &previous_program);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous_texture);
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &previous_vao);

    if (!field_tex_) glGenTextures(1, &field_tex_);
    glActiveTexture(GL_TEXTURE0);
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

    if (width != width_ || height != height_) {
        if (!color_tex_) glGenTextures(1, &color_tex_);
        glBindTexture(GL_TEXTURE_2D, color_tex_);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        if (!fbo_) glGenFramebuffers(1, &fbo_);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_tex_, 0);
        width_ = width;
        height_ = height;
    }

    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, width, height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, field_tex_);
    glUniform1i(glGetUniformLocation(program_, "field"), 0);
    glUniform2f(glGetUniformLocation(program_, "texel"), 1.f / resolution, 1.f / resolution);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, 6);

    glBindVertexArray(GLuint(previous_vao));
    glBindTexture(GL_TEXTURE_2D, GLuint(previous_texture));
    glUseProgram(GLuint(previous_program));
    glBindFramebuffer(GL_FRAMEBUFFER, GLuint(previous_fbo));
    glViewport(previous_viewport[0], previous_viewport[1], previous_viewport[2], previous_viewport[3]);
    version_ = version;
    return (ImTextureID)(intptr_t)color_tex_;
}

}  // namespace ui::gl
