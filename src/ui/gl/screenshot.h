#pragma once
#include <string>
#include <vector>

namespace ui::gl {

// The back buffer's pixels, RGB, bottom row first.
std::vector<unsigned char> read_back_buffer(int width, int height);

// Reads the default framebuffer (width x height) and writes it as a PNG. False with the reason on
// failure.
bool write_screenshot(const std::string& path, int width, int height, std::string& error);

}  // namespace ui::gl
