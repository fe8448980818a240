#include "ui/gl/texture.h"

#include <cstdint>

#include "ui/gl/gl.h"

namespace ui::gl {

void use_nearest_filter(ImTextureID texture) {
    if (!texture) return;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, GLuint(intptr_t(texture)));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

}  // namespace ui::gl
