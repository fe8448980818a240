#include "ui/panels/transformer/transformer_common.h"

#include <algorithm>

#include "ui/theme.h"
#include "ui/widgets/wrapped_text.h"

namespace ui::transformer {

const train::TransformerConfig& transformer_config(const train::Snapshot& s) {
    static const train::TransformerConfig kNone;
    const train::TransformerConfig* c = s.config.transformer();
    return c ? *c : kNone;
}

void take_preset(PanelContext& ctx) {
    TransformerPanelState& st = ctx.state.transformer;
    if (st.generation != ctx.snap.generation) {
        const train::TransformerConfig& c = transformer_config(ctx.snap);
        st.generation = ctx.snap.generation;
        st.example = c.example;
        st.prompt = c.prompt;
        st.stage = c.stage;
        st.query = c.query;
        st.layer = c.layer;
        st.head = c.head;
        st.temperature = c.temperatures.empty() ? 1.f : c.temperatures.front();
        st.top_k = c.top_k;
        st.top_p = c.top_p;
        st.text_file = c.text_file;
        st.temperatures = c.temperatures.empty() ? std::vector<float>{1.f} : c.temperatures;
        st.units_per_pixel = 0;
    }
}

const train::TransformerView* transformer_view(PanelContext& ctx) {
    const train::TransformerView* v = ctx.snap.view<train::TransformerView>();
    if (!v) {
        PanelFallback(ctx, "This panel shows the transformer: open a step of lessons 7 to 9.");
        return nullptr;
    }
    take_preset(ctx);
    if (!v->data) {
        PanelFallback(ctx, "There is no text to learn from: open a text file in the Text panel, or choose a task.");
        return nullptr;
    }
    return v;
}

std::vector<std::string> token_labels(const train::TransformerView& v, std::span<const int> tokens) {
    std::vector<std::string> labels;
    labels.reserve(tokens.size());
    for (int t : tokens) labels.push_back(v.data->tokens().label(t));
    return labels;
}

std::string head_name(int layer, int head) { return "L" + std::to_string(layer + 1) + " H" + std::to_string(head + 1); }

void MutedText(std::string_view text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(text, width);
    ImGui::PopStyleColor();
}

namespace {
// Bytes in the UTF-8 character that starts with byte c (1 for a stray continuation byte, so that
// a broken text still advances).
std::size_t utf8_length(unsigned char c) {
    if (c >= 0xF0) return 4;
    if (c >= 0xE0) return 3;
    if (c >= 0xC0) return 2;
    return 1;
}

struct Piece {
    std::string_view text;
    ImU32 color;
    enum Kind { Word, Space, Newline } kind;
};

// The runs cut into words, spaces and newlines; a word may span runs (a prompt's last word
// continued by the generated text), so a word is a sequence of pieces without a space between.
std::vector<Piece> pieces_of(std::span<const TextRun> runs) {
    std::vector<Piece> out;
    for (const TextRun& r : runs) {
        const ImU32 color = r.color ? r.color : ImGui::GetColorU32(ImGuiCol_Text);
        std::size_t i = 0;
        while (i < r.text.size()) {
            const char c = r.text[i];
            if (c == '\n') {
                out.push_back({r.text.substr(i, 1), color, Piece::Newline});
                ++i;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                if (c != '\r') out.push_back({" ", color, Piece::Space});
                ++i;
            } else {
                std::size_t e = i;
                while (e < r.text.size() && r.text[e] != ' ' && r.text[e] != '\n' && r.text[e] != '\t' && r.text[e] != '\r')
                    e += utf8_length(static_cast<unsigned char>(r.text[e]));
                e = std::min(e, r.text.size());
                out.push_back({r.text.substr(i, e - i), color, Piece::Word});
                i = e;
            }
        }
    }
    return out;
}

float text_width(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }
}  // namespace

void ColoredTextWrapped(std::span<const TextRun> runs, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const std::vector<Piece> pieces = pieces_of(runs);
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const float space_w = text_width(" ");
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = 0, y = 0;
    bool line_has_text = false;
    const auto new_line = [&] {
        x = 0;
        y += line_h;
        line_has_text = false;
    };
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const Piece& p = pieces[i];
        if (p.kind == Piece::Newline) {
            new_line();
            continue;
        }
        if (p.kind == Piece::Space) {
            // A space where a line broke is not drawn: the next line starts flush left.
            if (line_has_text || x > 0) x += space_w;
            continue;
        }
        // The whole word (this piece and those touching it) goes to the next line when it does not
        // fit here but would fit on a line of its own.
        float word_w = 0;
        for (std::size_t j = i; j < pieces.size() && pieces[j].kind == Piece::Word; ++j) word_w += text_width(pieces[j].text);
        const bool starts_word = i == 0 || pieces[i - 1].kind != Piece::Word;
        if (starts_word && x > 0 && x + word_w > width && word_w <= width) new_line();
        // Drawn character by character only when it must break inside (or after a line break).
        std::string_view rest = p.text;
        while (!rest.empty()) {
            const float w = text_width(rest);
            if (x + w <= width || (x == 0 && w <= width)) {
                dl->AddText(ImVec2(origin.x + x, origin.y + y), p.color, rest.data(), rest.data() + rest.size());
                x += w;
                line_has_text = true;
                break;
            }
            // As many characters as fit (at least one on an empty line).
            std::size_t cut = 0;
            float cut_w = 0;
            while (cut < rest.size()) {
                const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(rest[cut])), rest.size() - cut);
                const float cw = text_width(rest.substr(cut, n));
                if (x + cut_w + cw > width && (cut > 0 || x > 0)) break;
                cut += n;
                cut_w += cw;
            }
            if (cut > 0) {
                dl->AddText(ImVec2(origin.x + x, origin.y + y), p.color, rest.data(), rest.data() + cut);
                rest.remove_prefix(cut);
            }
            new_line();
        }
    }
    const float height = y + ImGui::GetTextLineHeight();
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace ui::transformer
