#include "ui/gl/image_cache.h"

#include <cstdint>

#include "ui/gl/canvas.h"
#include "ui/gl/gl.h"

namespace ui::gl {

namespace {
ImTextureID id_of(unsigned texture) { return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture)); }
}  // namespace

ImageCache::~ImageCache() {
    for (auto& [key, e] : entries_) glDeleteTextures(1, &e.texture);
}

ImTextureID ImageCache::image(std::uint64_t key, std::uint64_t version, int width, int height,
                              const std::vector<ImU32>& rgba) {
    Entry& e = entries_[key];
    e.used = true;
    if (width <= 0 || height <= 0 || rgba.size() != std::size_t(width) * std::size_t(height)) return ImTextureID(nullptr);
    if (e.texture != 0 && e.version == version) return id_of(e.texture);
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    if (!e.texture) {
        glGenTextures(1, &e.texture);
        canvas_.track_texture(id_of(e.texture), &e.content_key);
    }
    glBindTexture(GL_TEXTURE_2D, e.texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (e.width != width || e.height != height) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        e.width = width;
        e.height = height;
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    }
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
    e.version = version;
    ++e.content_key;
    return id_of(e.texture);
}

void ImageCache::end_frame() {
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (!it->second.used) {
            canvas_.untrack_texture(id_of(it->second.texture));
            glDeleteTextures(1, &it->second.texture);
            it = entries_.erase(it);
        } else {
            it->second.used = false;
            ++it;
        }
    }
}

}  // namespace ui::gl
