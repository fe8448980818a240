#pragma once
// Text wrapped only at plain spaces. ImGui's own wrapping also breaks after '.' and ',', which splits
// numbers ("5." / "6e+03", "1," / "416"); here a line breaks only at an ASCII space or a newline, so
// a number, and a number joined to its word by a no-break space (train::kNoBreakSpace), stays whole.
#include <functional>
#include <string_view>
#include <vector>

namespace ui {

// The lines of text at most `width` wide by `measure`. A word wider than the line is broken after a
// '/', '\\' or '_' (a path, a file name); one with none of them (a number) gets a line of its own and
// overflows it rather than being cut. Lines do not include the space they broke at.
std::vector<std::string_view> wrap_at_spaces(std::string_view text, float width,
                                             const std::function<float(std::string_view)>& measure);

// Height of the text wrapped to `width` in the current font.
float WrappedTextHeight(std::string_view text, float width);
// Draws it at the cursor, wrapped to `width` (<= 0: to the right edge of the content region).
void TextWrappedAtSpaces(std::string_view text, float width = 0.f);

}  // namespace ui
