#pragma once
// Draws a frame by repairing the last one: only the windows whose pictures changed are drawn again.
//
// Under Mesa's software renderer every pixel a frame touches costs CPU time that the trainer and
// the window share (one full-screen layer is about 5 ms at 1600x900 on the 2-core test machine).
// Most of a lesson screen (the prose, the controls) is the same from one frame to the next, so
// when the back buffer still holds the last frame (see gl::Presenter), only the draw lists whose
// vertices, indices or commands differ, plus whatever overlaps them, are cleared and drawn again.
// Otherwise the frame is drawn whole. (An off-screen canvas blitted to the window each frame would
// not need the presenter's help, but under llvmpipe the blit alone costs a full-screen layer.)
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <imgui.h>

#include "ui/gl/gl.h"

namespace ui::gl {

struct CanvasStats {
    int lists = 0;
    int redrawn = 0;
    int deferred = 0;             // changed lists left for the next frame (see redraw_budget)
    bool full = false;            // drawn whole: show all of it
    std::vector<ImVec4> damage;   // otherwise: the rectangles drawn again (pixels, top-left origin)
};

class Canvas {
public:
    Canvas() = default;

    // Draws `dd` into the back buffer; only when `back_buffer_kept` (it holds the last frame) may it
    // draw just the changes. `font_texture` is the one texture whose contents a draw list's hash
    // does not see change; lists that use any other texture or an untracked draw callback are
    // redrawn every frame.
    //
    // `redraw_budget` is the share of the framebuffer a frame may draw again. When the changed
    // windows add up to more, the ones beyond it keep last frame's picture and go first in the
    // next frame, so that no window waits two frames in a row: a busy panel then shows 30 new
    // pictures a second instead of 60, and the frame stays within its 16.7 ms. 1 draws every change.
    CanvasStats render(ImDrawData* dd, int fb_width, int fb_height, const ImVec4& clear, ImTextureID font_texture,
                       bool back_buffer_kept, float redraw_budget = 1.f);

    // A draw callback with this user data draws a picture that changes exactly when *key does;
    // other callbacks are assumed to change every frame.
    void track_callback(const void* user_data, const std::uint64_t* key) { tracked_.push_back({user_data, key}); }

    // A texture whose pixels change exactly when *key does; other textures than the font's are
    // assumed to change every frame. Untracked when it is deleted.
    void track_texture(ImTextureID texture, const std::uint64_t* key) { tracked_textures_[texture] = key; }
    void untrack_texture(ImTextureID texture) { tracked_textures_.erase(texture); }

    // The next frame is drawn whole (fonts rebuilt, a texture replaced...).
    void invalidate() { valid_ = false; }

private:
    struct ListRecord {
        const char* owner = nullptr;
        std::uint64_t hash = 0;
        ImVec4 rect{0, 0, 0, 0};  // pixels it may touch: the union of its clip rectangles
        bool volatile_content = false;
    };

    int width_ = 0;
    int height_ = 0;
    bool valid_ = false;
    std::vector<ListRecord> previous_;
    std::vector<char> waited_;  // per list of previous_: left undrawn last frame
    std::vector<std::pair<const void*, const std::uint64_t*>> tracked_;
    std::unordered_map<ImTextureID, const std::uint64_t*> tracked_textures_;
};

}  // namespace ui::gl
