#pragma once
// Small pictures made on the CPU (a neuron's field, say) as textures ImGui can draw with
// AddImage. Panels ask by key; a picture is uploaded again only when its version changes.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include <imgui.h>

namespace ui::gl {

class Canvas;

class ImageCache {
public:
    // `canvas` learns when each picture changes, so that it redraws only then.
    explicit ImageCache(Canvas& canvas) : canvas_(canvas) {}
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    // rgba: width x height pixels (ImGui's IM_COL32 layout), top row first. Linear filtering, so a
    // small field drawn large looks smooth.
    ImTextureID image(std::uint64_t key, std::uint64_t version, int width, int height, const std::vector<ImU32>& rgba);

    // Textures not asked for since the last call are deleted (panels that went away).
    void end_frame();

private:
    struct Entry {
        unsigned texture = 0;
        std::uint64_t version = ~std::uint64_t(0);
        std::uint64_t content_key = 0;  // changes with every upload: what the canvas compares
        int width = 0, height = 0;
        bool used = false;
    };
    Canvas& canvas_;
    std::unordered_map<std::uint64_t, Entry> entries_;  // nodes never move: the canvas points at their keys
};

}  // namespace ui::gl
