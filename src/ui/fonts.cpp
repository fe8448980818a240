#include "ui/fonts.h"

#include <filesystem>

namespace ui {

namespace {
// Latin (with accents such as the hat of ŷ), Greek (sigma, eta), punctuation (dashes, bullets), super/subscripts, arrows and maths
// operators: what lesson prose writes plainly (w·x, σ′, ≤, ≈, →, x², Σ). Also the transpose's ᵀ
// (QKᵀ) and the open box ␣ that token labels write for a space (data::TokenSet::label).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x024F, 0x0300, 0x03FF, 0x1D40, 0x1D40, 0x2000, 0x206F, 0x2070, 0x209F,
    0x2190, 0x21FF, 0x2200, 0x22FF, 0x2300, 0x23FF, 0x2423, 0x2423, 0x25A0, 0x25FF, 0x2713, 0x2717, 0,
};

ImFont* add(const char* path, float size, std::string& warning) {
    ImGuiIO& io = ImGui::GetIO();
    if (!std::filesystem::exists(path)) {
        warning = std::string("font not found: ") + path + " (install fonts-dejavu-core and fonts-dejavu-extra)";
        ImFontConfig cfg;
        cfg.SizePixels = size;
        return io.Fonts->AddFontDefault(&cfg);
    }
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    return io.Fonts->AddFontFromFileTTF(path, size, &cfg, kGlyphRanges);
}
}  // namespace

float largest_text_scale(float screen_height) {
    float largest = kSmallestTextScale;
    for (float s : kTextScales)
        if (s * kBaseFontSize * kMinLinesOnScreen <= screen_height + 0.5f) largest = s;
    return largest;
}

float next_text_scale(float scale, int direction) {
    if (direction > 0) {
        for (float s : kTextScales)
            if (s > scale + 1e-3f) return s;
        return kLargestTextScale;
    }
    for (auto it = std::rbegin(kTextScales); it != std::rend(kTextScales); ++it)
        if (*it < scale - 1e-3f) return *it;
    return kSmallestTextScale;
}

Fonts build_fonts(float scale, std::string& warning) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts f;
    f.base_size = kBaseFontSize * scale;
    f.regular = add(NNSCOPE_FONT_REGULAR, f.base_size, warning);  // first font added is the default
    f.bold = add(NNSCOPE_FONT_BOLD, f.base_size, warning);
    f.italic = add(NNSCOPE_FONT_ITALIC, f.base_size, warning);
    f.mono = add(NNSCOPE_FONT_MONO, f.base_size, warning);
    f.heading = add(NNSCOPE_FONT_BOLD, f.base_size * 1.35f, warning);
    f.big = add(NNSCOPE_FONT_BOLD, f.base_size * 2.0f, warning);
    io.Fonts->Build();
    return f;
}

}  // namespace ui
