#pragma once
// Pictures of many pixels drawn through OpenGL as one opaque textured quad each, from an ImGui
// draw callback: no blending and one texture read per pixel. Under Mesa's software renderer that
// costs a fraction of drawing the same picture as ImGui triangles, which blend every pixel with
// what is under it; a loss landscape filling a panel is redrawn whenever a path over it moves.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "ui/gl/callback_quad.h"

namespace ui::gl {

class Canvas;

class OpaqueImages {
public:
    // `canvas` learns when each picture's content changes, so that it redraws only then.
    explicit OpaqueImages(Canvas& canvas) : canvas_(canvas) {}
    ~OpaqueImages();
    OpaqueImages(const OpaqueImages&) = delete;
    OpaqueImages& operator=(const OpaqueImages&) = delete;

    // Compiles the shader; false (with the reason) when it fails: draw() then does nothing.
    bool init(std::string& error);
    bool ready() const { return program_ != 0; }

    // Queues picture `key` over [p0, p1] (screen coordinates): rgba is width x height samples, row 0
    // at the bottom. Smooth: the outer samples on the rectangle's edges, blended between; else each
    // sample a flat cell of the rectangle.
    void draw(std::uint64_t key, ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<ImU32>& rgba, int width,
              int height, bool smooth);

private:
    struct Entry {
        OpaqueImages* owner = nullptr;
        unsigned texture = 0;
        int width = 0, height = 0;
        bool smooth = true;
        std::uint64_t pixels_hash = 0;
        ImVec2 p0, p1;
        std::uint64_t content_key = 0;  // pixels and place: what the canvas compares
    };
    static void render_callback(const ImDrawList* dl, const ImDrawCmd* cmd);

    Canvas& canvas_;
    unsigned program_ = 0;
    UnitQuad quad_;
    std::unordered_map<std::uint64_t, Entry> entries_;  // nodes never move: the callbacks point at them
};

}  // namespace ui::gl
