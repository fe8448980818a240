#include "ui/gl/opaque_images.h"

#include <cmath>
#include <cstring>

#include "ui/gl/canvas.h"
#include "ui/gl/gl.h"
#include "ui/gl/shader.h"

namespace ui::gl {

namespace {
std::uint64_t hash_words(const void* data, std::size_t bytes) {
    std::uint64_t h = 1469598103934665603ull;
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x100000001B3ull;
    }
    for (std::size_t i = bytes & ~std::size_t(7); i < bytes; ++i) h = (h ^ p[i]) * 0x100000001B3ull;
    return h;
}
}  // namespace

OpaqueImages::~OpaqueImages() {
    for (auto& [key, e] : entries_) glDeleteTextures(1, &e.texture);
    if (vbo_) glDeleteBuffers(1, &vbo_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
}

bool OpaqueImages::init(std::string& error) {
    program_ = load_program("field.vert", "image.frag", error);
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

void OpaqueImages::draw(std::uint64_t key, ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<ImU32>& rgba,
                        int width, int height, bool smooth) {
    const int least = smooth ? 2 : 1;
    if (!program_ || width < least || height < least || rgba.size() != std::size_t(width) * std::size_t(height)) return;
    auto [it, fresh] = entries_.try_emplace(key);
    Entry& e = it->second;
    if (fresh) {
        e.owner = this;
        canvas_.track_callback(&e, &e.content_key);
    }
    const std::uint64_t hash = hash_words(rgba.data(), rgba.size() * sizeof(ImU32)) ^ (smooth ? 0x5A5Aull : 0);
    if (!e.texture || hash != e.pixels_hash || width != e.width || height != e.height) {
        GLint previous = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
        if (!e.texture) glGenTextures(1, &e.texture);
        glBindTexture(GL_TEXTURE_2D, e.texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, GLuint(previous));
        e.width = width;
        e.height = height;
        e.smooth = smooth;
        e.pixels_hash = hash;
    }
    e.p0 = p0;
    e.p1 = p1;
    std::uint64_t k = hash;
    for (float v : {p0.x, p0.y, p1.x, p1.y}) k = (k ^ std::uint64_t(std::lround(v * 16.f))) * 0x100000001B3ull;
    e.content_key = k;
    dl->AddCallback(&OpaqueImages::render_callback, &e);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void OpaqueImages::render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* e = static_cast<const Entry*>(cmd->UserCallbackData);
    const OpaqueImages* self = e->owner;
    const ImDrawData* dd = ImGui::GetDrawData();
    const float sx = dd->FramebufferScale.x, sy = dd->FramebufferScale.y;
    const float fb_height = dd->DisplaySize.y * sy;
    // ImGui's y grows downward; the framebuffer's upward.
    const int x = int(std::lround((e->p0.x - dd->DisplayPos.x) * sx));
    const int y = int(std::lround(fb_height - (e->p1.y - dd->DisplayPos.y) * sy));
    const int w = int(std::lround((e->p1.x - e->p0.x) * sx));
    const int h = int(std::lround((e->p1.y - e->p0.y) * sy));
    const ImVec4 clip = cmd->ClipRect;
    glScissor(int((clip.x - dd->DisplayPos.x) * sx), int(fb_height - (clip.w - dd->DisplayPos.y) * sy),
              int((clip.z - clip.x) * sx), int((clip.w - clip.y) * sy));
    glViewport(x, y, w, h);
    glDisable(GL_BLEND);
    glUseProgram(self->program_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, e->texture);
    glUniform1i(glGetUniformLocation(self->program_, "image"), 0);
    if (e->smooth) {  // sample centres on the corners
        glUniform2f(glGetUniformLocation(self->program_, "texel_scale"), float(e->width - 1) / float(e->width),
                    float(e->height - 1) / float(e->height));
        glUniform2f(glGetUniformLocation(self->program_, "texel_offset"), 0.5f / float(e->width), 0.5f / float(e->height));
    } else {  // cells fill the rectangle
        glUniform2f(glGetUniformLocation(self->program_, "texel_scale"), 1.f, 1.f);
        glUniform2f(glGetUniformLocation(self->program_, "texel_offset"), 0.f, 0.f);
    }
    glBindVertexArray(self->vao_);
    glDrawArrays(GL_TRIANGLES, 0, 6);
}

}  // namespace ui::gl
