#include "ui/gl/shader.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "ui/gl/gl.h"

namespace ui::gl {

std::string shader_dir() {
    if (const char* dir = std::getenv("NNSCOPE_SHADER_DIR")) return dir;
    return std::string(NNSCOPE_SOURCE_DIR) + "/shaders";
}

namespace {
bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

GLuint compile(GLenum stage, const std::string& file, std::string& error) {
    const std::string path = shader_dir() + "/" + file;
    std::string source;
    if (!read_file(path, source)) {
        error = "cannot read shader " + path;
        return 0;
    }
    GLuint shader = glCreateShader(stage);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        error = "shader " + path + " failed to compile:\n" + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}
}  // namespace

unsigned load_program(const std::string& vertex_file, const std::string& fragment_file, std::string& error) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex_file, error);
    if (!vs) return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragment_file, error);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        error = "shader program " + vertex_file + " + " + fragment_file + " failed to link:\n" + log;
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

}  // namespace ui::gl
