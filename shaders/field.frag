#version 330 core
// Colours a decision field: the probability of class 1 in a single-channel float texture becomes
// blue (class 0) through a pale middle to orange (class 1), with a dark contour at p = 0.5, the
// decision boundary itself.
in vec2 uv;
out vec4 color;
uniform sampler2D field;
uniform vec2 texel;  // 1 / texture size

const vec3 class0 = vec3(0.17, 0.48, 0.71);
const vec3 middle = vec3(0.93, 0.93, 0.90);
const vec3 class1 = vec3(0.90, 0.56, 0.12);

void main() {
    float p = texture(field, uv).r;
    // Confident regions get strong colour, uncertain ones fade toward the middle.
    float t = clamp(abs(p - 0.5) * 2.0, 0.0, 1.0);
    vec3 c = mix(middle, p < 0.5 ? class0 : class1, 0.25 + 0.75 * sqrt(t));
    // Boundary line: where p crosses 0.5 within about one texel, drawn with a smooth edge.
    float slope = length(vec2(dFdx(p), dFdy(p))) + 1e-6;
    float distance = abs(p - 0.5) / slope;  // in screen pixels
    float line = 1.0 - smoothstep(1.0, 2.5, distance);
    c = mix(c, vec3(0.08, 0.08, 0.10), line * 0.85);
    color = vec4(c, 1.0);
}
