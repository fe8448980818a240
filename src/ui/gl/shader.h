#pragma once
#include <string>

namespace ui::gl {

// Where shaders/ is: $NNSCOPE_SHADER_DIR if set, else the source tree's shaders/ folder.
std::string shader_dir();

// Compiles and links a program from two files in shader_dir(). Returns 0 and fills error with the
// file name and the driver's log when a stage fails to compile or the program fails to link.
unsigned load_program(const std::string& vertex_file, const std::string& fragment_file, std::string& error);

}  // namespace ui::gl
