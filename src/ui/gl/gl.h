#pragma once
// The one place that includes the OpenGL loader: only files under ui/gl and the app shell use GL;
// panels draw through ImGui and the helpers declared here.
#include <glad/gl.h>
