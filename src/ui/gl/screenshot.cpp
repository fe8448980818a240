#include "ui/gl/screenshot.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <stb/stb_image_write.h>

#include "ui/gl/gl.h"

namespace ui::gl {

std::vector<unsigned char> read_back_buffer(int width, int height) {
    std::vector<unsigned char> pixels(std::size_t(std::max(width, 0)) * std::size_t(std::max(height, 0)) * 3);
    if (pixels.empty()) return pixels;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    return pixels;
}

bool write_screenshot(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "the window has no size";
        return false;
    }
    const std::vector<unsigned char> pixels = read_back_buffer(width, height);
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
