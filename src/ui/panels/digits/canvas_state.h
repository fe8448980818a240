#pragma once
// What the student has drawn on the lesson-5 canvas, kept between frames (the UI's, not the
// trainer's: the drawing is read by the network in the UI thread with the snapshot's weights).
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <imgui.h>

#include "data/digit_canvas.h"
#include "nn/mlp.h"

namespace ui {

struct CanvasState {
    // Points as fractions 0-1 of the canvas (x right, y down), so a resized panel keeps the drawing.
    data::DigitDrawing drawing;
    bool drawing_stroke = false;        // the mouse button is down on the canvas
    // Where the canvas was drawn last frame, for playing a scripted stroke (--stroke) with the mouse.
    bool rect_valid = false;
    ImVec2 origin;
    float side = 0;
    ImVec2 to_screen(data::CanvasPoint p) const { return ImVec2(origin.x + p.x * side, origin.y + p.y * side); }
    std::uint64_t version = 0;          // grows with every change of the drawing

    // The drawing as the network sees it, and its answer, for the drawing and weights they were
    // computed from: recomputed only when either changes.
    data::MnistPixels pixels{};
    std::array<float, 10> probabilities{};
    bool has_answer = false;
    std::uint64_t answered_version = ~std::uint64_t(0);
    std::shared_ptr<const nn::Mlp> answered_model;

    void add_stroke(data::Stroke stroke) {
        drawing.strokes.push_back(std::move(stroke));
        ++version;
    }
    void clear() {
        drawing.strokes.clear();
        drawing_stroke = false;
        ++version;
    }
};

}  // namespace ui
