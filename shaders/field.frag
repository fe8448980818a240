#version 330 core
// Colours a decision field: the probability of class 1, in a single-channel float texture, becomes
// blue (class 0) through a pale middle to orange (class 1). Confident regions get strong colour,
// uncertain ones fade toward the middle. The boundary itself is drawn on top as a line.
in vec2 uv;
out vec4 color;
uniform sampler2D field;

const vec3 class0 = vec3(0.17, 0.48, 0.71);
const vec3 middle = vec3(0.93, 0.93, 0.90);
const vec3 class1 = vec3(0.90, 0.56, 0.12);

void main() {
    float p = texture(field, uv).r;
    float t = clamp(abs(p - 0.5) * 2.0, 0.0, 1.0);
    // At most 70% of the class colour, so that the points, drawn in the full colour, stand out.
    color = vec4(mix(middle, p < 0.5 ? class0 : class1, 0.2 + 0.5 * sqrt(t)), 1.0);
}
