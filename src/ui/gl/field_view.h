#pragma once
// Draws a decision field (a grid of class-1 probabilities) as a coloured image through the
// field shader, into a texture that ImGui shows like any image.
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

namespace ui::gl {

class FieldView {
public:
    FieldView() = default;
    ~FieldView();
    FieldView(const FieldView&) = delete;
    FieldView& operator=(const FieldView&) = delete;

    // Compiles the shader; false (with the reason) when it fails: the panel then says so.
    bool init(std::string& error);

    // values: resolution x resolution, row 0 at the bottom. Re-renders only when the version or
    // the size changes. The texture's first row is the bottom: show it with uv0 (0,1), uv1 (1,0).
    ImTextureID render(const std::vector<float>& values, int resolution, int width, int height,
                       std::uint64_t version);

private:
    unsigned program_ = 0, vao_ = 0, vbo_ = 0;
    unsigned field_tex_ = 0, color_tex_ = 0, fbo_ = 0;
    int field_res_ = 0, width_ = 0, height_ = 0;
    std::uint64_t version_ = ~std::uint64_t(0);
};

}  // namespace ui::gl
