#pragma once
// Puts a finished frame on the screen.
//
// With a GPU, the usual way: swap buffers, wait for the display. With Mesa's software renderer
// (llvmpipe, as under Xvfb or on a laptop without a working GPU driver) every pixel costs CPU time,
// so the back buffer is never swapped: it keeps the last frame, gl::Canvas repairs only what
// changed, and GLX_MESA_copy_sub_buffer copies just those rectangles to the window.
#include <vector>

#include <imgui.h>

struct GLFWwindow;

namespace ui::gl {

class Presenter {
public:
    // Call with the window's context current.
    explicit Presenter(GLFWwindow* window);

    // True when the back buffer still holds the last frame, so that a frame may be repaired.
    bool keeps_back_buffer() const { return copy_sub_buffer_ != nullptr && !swapped_; }

    // Shows the frame: the damaged rectangles (framebuffer pixels, top-left origin) or, with
    // `whole`, everything.
    void present(const std::vector<ImVec4>& damage, bool whole, int fb_width, int fb_height);

    const char* mode() const { return copy_sub_buffer_ ? "repair (software renderer)" : "swap"; }

private:
    using CopySubBuffer = void (*)(void* display, unsigned long drawable, int x, int y, int width, int height);
    GLFWwindow* window_;
    void* display_ = nullptr;
    unsigned long drawable_ = 0;
    CopySubBuffer copy_sub_buffer_ = nullptr;
    // After the window's size changes, Mesa's buffers catch up a frame or two later; copying
    // rectangles of the new size out of the old buffer is an X error. Those frames are swapped
    // whole instead, and the frame after a swap is drawn whole.
    int width_ = 0, height_ = 0;
    int swap_frames_ = 0;
    bool swapped_ = false;
};

}  // namespace ui::gl
