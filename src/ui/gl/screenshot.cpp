#include "ui/gl/screenshot.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <stb/stb_image_write.h>

#include "ui/gl/gl.h"

namespace ui::gl {

bool write_screenshot(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "the window has no size";
        return false;
    }
    std::vector<unsigned char> pixels(std::size_t(width) * height * 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's first row is the bottom of the window; PNG's is the top.
    const int stride = width * 3;
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y)
        std::memcpy(&flipped[std::size_t(y) * stride], &pixels[std::size_t(height - 1 - y) * stride], stride);
    errno = 0;
    if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), stride)) {
        error = "cannot write " + path + (errno ? std::string(": ") + std::strerror(errno) : std::string());
        return false;
    }
    return true;
}

}  // namespace ui::gl
