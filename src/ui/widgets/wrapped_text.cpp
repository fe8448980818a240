#include "ui/widgets/wrapped_text.h"

#include <algorithm>

#include <imgui.h>

namespace ui {

std::vector<std::string_view> wrap_at_spaces(std::string_view text, float width,
                                             const std::function<float(std::string_view)>& measure) {
    std::vector<std::string_view> lines;
    std::size_t para = 0;
    for (;;) {
        std::size_t para_end = text.find('\n', para);
        if (para_end == std::string_view::npos) para_end = text.size();
        const std::string_view p = text.substr(para, para_end - para);
        struct Word { std::size_t begin, end; };
        std::vector<Word> words;
        for (std::size_t i = 0; i < p.size();) {
            if (p[i] == ' ') { ++i; continue; }
            const std::size_t e = std::min(p.find(' ', i), p.size());
            words.push_back({i, e});
            i = e;
        }
        if (words.empty()) lines.push_back(p.substr(0, 0));
        // Greedy: as many words as fit, at least one.
        for (std::size_t i = 0; i < words.size();) {
            std::size_t j = i;
            while (j + 1 < words.size() && measure(p.substr(words[i].begin, words[j + 1].end - words[i].begin)) <= width) ++j;
            if (j == i) {
                // A word alone too wide for the line (a file's path): broken after a '/', '\' or '_',
                // as late as fits; what has none of these stays whole.
                std::size_t begin = words[i].begin;
                const std::size_t end = words[i].end;
                while (measure(p.substr(begin, end - begin)) > width) {
                    std::size_t cut = 0;
                    for (std::size_t k = begin + 1; k < end; ++k) {
                        const char c = p[k - 1];
                        if ((c == '/' || c == '\\' || c == '_') && measure(p.substr(begin, k - begin)) <= width) cut = k;
                    }
                    if (cut == 0) break;
                    lines.push_back(p.substr(begin, cut - begin));
                    begin = cut;
                }
                lines.push_back(p.substr(begin, end - begin));
            } else {
                lines.push_back(p.substr(words[i].begin, words[j].end - words[i].begin));
            }
            i = j + 1;
        }
        if (para_end >= text.size()) break;
        para = para_end + 1;
    }
    return lines;
}

namespace {
float measure_current_font(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }
}  // namespace

float WrappedTextHeight(std::string_view text, float width) {
    const auto lines = wrap_at_spaces(text, width, measure_current_font);
    if (lines.empty()) return 0.f;
    return float(lines.size()) * ImGui::GetTextLineHeightWithSpacing() - ImGui::GetStyle().ItemSpacing.y;
}

void TextWrappedAtSpaces(std::string_view text, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    for (std::string_view line : wrap_at_spaces(text, width, measure_current_font))
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
}

}  // namespace ui
