#version 330 core
// An opaque picture made on the CPU (a loss landscape, say), stretched over its rectangle. For a
// smooth field the samples sit on the rectangle's corners and edges, so the texture is read from the
// centre of its first texel to the centre of its last; flat cells use the whole texture.
in vec2 uv;
out vec4 color;
uniform sampler2D image;
uniform vec2 texel_scale;   // smooth: (n - 1) / n per axis; flat: 1
uniform vec2 texel_offset;  // smooth: 0.5 / n per axis; flat: 0

void main() {
    color = vec4(texture(image, uv * texel_scale + texel_offset).rgb, 1.0);
}
