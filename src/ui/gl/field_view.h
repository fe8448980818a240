#pragma once
// Draws a decision field (a grid of class-1 probabilities) as a coloured rectangle through the
// field shader, straight into the frame from an ImGui draw callback: one pass, no blending, no
// intermediate texture, which matters on a software renderer.
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/gl/callback_quad.h"

namespace ui::gl {

class FieldView {
public:
    FieldView() = default;
    ~FieldView();
    FieldView(const FieldView&) = delete;
    FieldView& operator=(const FieldView&) = delete;

    // Compiles the shader; false (with the reason) when it fails: the panel then says so.
    bool init(std::string& error);
    bool ready() const { return program_ != 0; }

    // values: resolution x resolution, row 0 at the bottom (y_min). Uploads them when the version
    // changes, and queues the drawing of the field over [p0, p1] (screen coordinates) in dl.
    void draw(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::vector<float>& values, int resolution,
              std::uint64_t version);

    // Changes whenever what the callback draws changes (field, place or size): see gl::Canvas.
    const std::uint64_t& content_key() const { return content_key_; }

private:
    static void render_callback(const ImDrawList* dl, const ImDrawCmd* cmd);

    unsigned program_ = 0, field_tex_ = 0;
    UnitQuad quad_;
    int field_res_ = 0;
    std::uint64_t version_ = ~std::uint64_t(0);
    ImVec2 p0_, p1_;  // where the callback draws, this frame
    std::uint64_t content_key_ = 0;
};

}  // namespace ui::gl
