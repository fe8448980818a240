#pragma once
#include <imgui.h>

namespace ui {

// Dark, high-contrast style with generous spacing, scaled for the projector.
void apply_classroom_style(float scale);

// The colour the frame is cleared to, which is also every window's background.
inline const ImVec4 kBackground = ImVec4(0.10f, 0.11f, 0.13f, 1.f);

// The two class colours, shared by the points, the field shader and the legends.
inline constexpr ImU32 kClass0Color = IM_COL32(44, 123, 182, 255);   // blue
inline constexpr ImU32 kClass1Color = IM_COL32(230, 143, 31, 255);   // orange
inline constexpr ImU32 kPositiveColor = IM_COL32(240, 150, 40, 255); // positive weights
inline constexpr ImU32 kNegativeColor = IM_COL32(70, 150, 230, 255); // negative weights
inline constexpr ImU32 kGoodColor = IM_COL32(90, 200, 110, 255);
inline constexpr ImU32 kBadColor = IM_COL32(235, 80, 70, 255);
inline constexpr ImU32 kMutedTextColor = IM_COL32(175, 180, 190, 255);

// Curves of the training points and of the test points.
inline constexpr ImU32 kTrainCurveColor = IM_COL32(240, 160, 40, 255);
inline constexpr ImU32 kTestCurveColor = IM_COL32(90, 180, 245, 255);

// SGD, momentum and Adam, wherever they are compared (Okabe-Ito: told apart with colour blindness).
inline constexpr ImU32 kOptimizerColors[] = {IM_COL32(240, 228, 66, 255), IM_COL32(204, 121, 167, 255),
                                             IM_COL32(86, 180, 233, 255)};
inline ImU32 optimizer_color(int i) { return kOptimizerColors[i % 3]; }

}  // namespace ui
