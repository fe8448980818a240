#pragma once
#include <string>

namespace ui::gl {

// Reads the default framebuffer (width x height) and writes it as a PNG. False with the reason on
// failure.
bool write_screenshot(const std::string& path, int width, int height, std::string& error);

}  // namespace ui::gl
