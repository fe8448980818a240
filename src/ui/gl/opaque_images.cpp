#include "ui/gl/opaque_images.h"

#include <cmath>
#include <cstring>

#include "ui/gl/callback_quad.h"
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
    if (program_) glDeleteProgram(program_);
}

bool OpaqueImages::init(std::string& error) {
    program_ = load_program("field.vert", "image.frag", error);
    if (!program_) return false;
    quad_.init();
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
    target_screen_rect(cmd, e->p0, e->p1);
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
    self->quad_.draw();
}

}  // namespace ui::gl
