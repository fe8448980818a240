// Kept apart from the rest of ui/gl: GLX's headers bring their own OpenGL declarations, which
// clash with the glad loader's.
#include "ui/gl/presenter.h"

#include <cstdlib>
#include <cstring>

#include <GLFW/glfw3.h>
#include <GL/glx.h>

namespace ui::gl {

Presenter::Presenter(GLFWwindow* window) : window_(window) {
    // Repairing frames pays off only where pixels are drawn by the CPU; a GPU redraws everything
    // faster than it could copy rectangles around, and swapping gives it vertical sync.
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const bool software = renderer && (std::strstr(renderer, "llvmpipe") || std::strstr(renderer, "softpipe"));
    if (!software || std::getenv("NNSCOPE_ALWAYS_SWAP")) return;
    // The window's context is current: GLX names its display and drawable (null under Wayland).
    Display* display = glXGetCurrentDisplay();
    const GLXDrawable drawable = glXGetCurrentDrawable();
    if (!display || !drawable) return;
    const char* extensions = glXQueryExtensionsString(display, DefaultScreen(display));
    if (!extensions || !std::strstr(extensions, "GLX_MESA_copy_sub_buffer")) return;
    copy_sub_buffer_ = reinterpret_cast<CopySubBuffer>(
        glXGetProcAddressARB(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA")));
    display_ = display;
    drawable_ = drawable;
}

void Presenter::present(const std::vector<ImVec4>& damage, bool whole, int fb_width, int fb_height) {
    if (!copy_sub_buffer_) {
        glfwSwapBuffers(window_);
        return;
    }
    if (fb_width != width_ || fb_height != height_) {
        if (width_ != 0) swap_frames_ = 3;
        width_ = fb_width;
        height_ = fb_height;
    }
    swapped_ = swap_frames_ > 0;
    if (swapped_) {
        --swap_frames_;
        glfwSwapBuffers(window_);
        return;
    }
    if (whole) {
        copy_sub_buffer_(display_, drawable_, 0, 0, fb_width, fb_height);
        return;
    }
    for (const ImVec4& r : damage) {
        const int w = int(r.z - r.x), h = int(r.w - r.y);
        if (w <= 0 || h <= 0) continue;
        // GLX counts rows from the bottom.
        copy_sub_buffer_(display_, drawable_, int(r.x), fb_height - int(r.w), w, h);
    }
}

}  // namespace ui::gl
