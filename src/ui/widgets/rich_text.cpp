#include "ui/widgets/rich_text.h"

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <string>

#include "ui/theme.h"

namespace ui {

namespace {
ImFont* font_for(lesson::Span::Style style, const Fonts& fonts) {
    switch (style) {
        case lesson::Span::Style::Bold: return fonts.bold;
        case lesson::Span::Style::Italic: return fonts.italic;
        case lesson::Span::Style::BoldItalic: return fonts.bold;
        case lesson::Span::Style::Code: return fonts.mono;
        case lesson::Span::Style::Plain: break;
    }
    return fonts.regular;
}

// Byte length of the next word, including the spaces that follow it, so lines break after spaces.
std::size_t next_word(const std::string& s, std::size_t at) {
    std::size_t end = at;
    while (end < s.size() && s[end] != ' ') ++end;
    while (end < s.size() && s[end] == ' ') ++end;
    return end - at;
}
}  // namespace

std::vector<PlacedWord> layout_spans(std::span<const lesson::Span> spans, float width,
                                     const std::function<float(lesson::Span::Style, std::string_view)>& measure) {
    std::vector<PlacedWord> out;
    float x = 0;
    int line = 0;
    bool after_word = false;  // the text placed last ended in a letter, not a space
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const lesson::Span& span = spans[si];
        for (std::size_t at = 0; at < span.text.size();) {
            const std::size_t n = next_word(span.text, at);
            const std::string_view word(span.text.data() + at, n);
            // Trailing spaces may hang past the edge; only the visible word must fit.
            std::size_t visible = n;
            while (visible > 0 && word[visible - 1] == ' ') --visible;
            const float word_width = measure(span.style, word.substr(0, visible));
            // Punctuation right after a word in another style stays on that word's line, hanging a
            // few pixels into the margin, rather than starting the next line.
            bool punctuation = at == 0 && after_word && visible > 0;
            for (std::size_t i = 0; punctuation && i < visible; ++i)
                punctuation = std::ispunct(static_cast<unsigned char>(word[i])) != 0;
            if (x > 0 && x + word_width > width && !punctuation) {
                x = 0;
                ++line;
                if (word[0] == ' ') {  // never start a line with a space
                    at += 1;
                    continue;
                }
            }
            out.push_back({si, at, n, x, line});
            x += measure(span.style, word);
            at += n;
            after_word = word[n - 1] != ' ';
        }
    }
    return out;
}

void RichSpans(std::span<const lesson::Span> spans, const Fonts& fonts, ImU32 color, float right_margin) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(50.f, ImGui::GetContentRegionAvail().x - right_margin);
    const float line_height = fonts.base_size * 1.3f;
    const ImU32 text_color = color ? color : ImGui::GetColorU32(ImGuiCol_Text);
    const auto measure = [&](lesson::Span::Style style, std::string_view text) {
        return font_for(style, fonts)->CalcTextSizeA(fonts.base_size, FLT_MAX, 0.f, text.data(), text.data() + text.size()).x;
    };
    int lines = 1;
    for (const PlacedWord& w : layout_spans(spans, width, measure)) {
        const lesson::Span& span = spans[w.span];
        ImFont* font = font_for(span.style, fonts);
        const bool code = span.style == lesson::Span::Style::Code;
        const ImU32 span_color = code ? IM_COL32(255, 214, 140, 255) : text_color;
        const char* begin = span.text.data() + w.begin;
        std::size_t visible = w.size;
        while (visible > 0 && begin[visible - 1] == ' ') --visible;
        const float word_width = measure(span.style, std::string_view(begin, visible));
        const ImVec2 pos(origin.x + w.x, origin.y + line_height * float(w.line));
        if (code)
            dl->AddRectFilled(ImVec2(pos.x - 2, pos.y), ImVec2(pos.x + word_width + 2, pos.y + fonts.base_size + 2),
                              IM_COL32(255, 255, 255, 22), 3.f);
        dl->AddText(font, fonts.base_size, pos, span_color, begin, begin + w.size);
        if (span.style == lesson::Span::Style::BoldItalic)  // no bold-oblique face: underline instead
            dl->AddLine(ImVec2(pos.x, pos.y + fonts.base_size + 1), ImVec2(pos.x + word_width, pos.y + fonts.base_size + 1),
                        span_color, 1.5f);
        lines = std::max(lines, w.line + 1);
    }
    ImGui::Dummy(ImVec2(width, line_height * float(lines)));
}

void RichBlocks(std::span<const lesson::Block> blocks, const Fonts& fonts) {
    const float indent_step = fonts.base_size * 1.3f;
    for (const lesson::Block& b : blocks) {
        switch (b.kind) {
            case lesson::Block::Kind::Heading: {
                ImGui::Spacing();
                std::vector<lesson::Span> bold = b.spans;
                for (auto& s : bold)
                    if (s.style == lesson::Span::Style::Plain) s.style = lesson::Span::Style::Bold;
                RichSpans(bold, fonts);
                break;
            }
            case lesson::Block::Kind::Paragraph: RichSpans(b.spans, fonts); break;
            case lesson::Block::Kind::BulletItem:
            case lesson::Block::Kind::NumberedItem: {
                const float indent = indent_step * float(b.level + 1);
                const std::string marker =
                    b.kind == lesson::Block::Kind::BulletItem ? std::string("•") : std::to_string(b.number) + ".";
                const ImVec2 pos = ImGui::GetCursorScreenPos();
                const float marker_width = ImGui::CalcTextSize(marker.c_str()).x;
                ImGui::GetWindowDrawList()->AddText(fonts.regular, fonts.base_size,
                                                    ImVec2(pos.x + indent - marker_width - 8, pos.y),
                                                    ImGui::GetColorU32(ImGuiCol_Text), marker.c_str());
                ImGui::Indent(indent);
                RichSpans(b.spans, fonts);
                ImGui::Unindent(indent);
                break;
            }
            case lesson::Block::Kind::Quote: {
                const ImVec2 top = ImGui::GetCursorScreenPos();
                ImGui::Indent(indent_step);
                RichSpans(b.spans, fonts, kMutedTextColor);
                ImGui::Unindent(indent_step);
                const float bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x + 4, top.y), ImVec2(top.x + 8, bottom),
                                                          kMutedTextColor);
                break;
            }
            case lesson::Block::Kind::CodeBlock: {
                ImGui::PushFont(fonts.mono);
                ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 214, 140, 255));
                ImGui::Indent(indent_step * 0.5f);
                ImGui::TextUnformatted(b.spans.empty() ? "" : b.spans.front().text.c_str());
                ImGui::Unindent(indent_step * 0.5f);
                ImGui::PopStyleColor();
                ImGui::PopFont();
                break;
            }
        }
    }
}

}  // namespace ui
