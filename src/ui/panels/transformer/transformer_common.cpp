#include "ui/panels/transformer/transformer_common.h"

#include <algorithm>

#include "ui/theme.h"
#include "ui/widgets/text_input.h"
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
        st.example_is_task = c.example.empty();
        st.example_editing = false;
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

std::string head_name(int layer, int head) {
    // Appended, not "L" + ...: GCC 12 warns (-Wrestrict, a false alarm) on a literal plus a temporary.
    std::string name = "L";
    name += std::to_string(layer + 1);
    name += " H";
    name += std::to_string(head + 1);
    return name;
}

void ExampleField(PanelContext& ctx, const train::TransformerView& v, float width, const char* tooltip) {
    TransformerPanelState& st = ctx.state.transformer;
    if (st.example_is_task && !st.example_editing && v.trace && v.trace->length > 0)
        st.example = v.data->tokens().decode(v.trace->tokens);
    const bool entered = InputStringLine("##example", st.example, width);
    st.example_editing = ImGui::IsItemActive();
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    st.example_field = ImVec2((lo.x + hi.x) * 0.5f, (lo.y + hi.y) * 0.5f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    if (entered) {
        // An emptied field asks for the task's example back.
        st.example_is_task = st.example.empty();
        ctx.out.push_back(train::FamilyCommand{train::SetExample{st.example}});
    }
}

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

bool is_break(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// The runs cut into words, spaces and newlines; a word may span runs (a prompt's last word
// continued by the generated text), so a word is a sequence of pieces without a space between.
std::vector<Piece> pieces_of(std::span<const TextRun> runs) {
    std::vector<Piece> out;
    for (const TextRun& r : runs) {
        std::size_t i = 0;
        while (i < r.text.size()) {
            const char c = r.text[i];
            if (c == '\n') {
                out.push_back({r.text.substr(i, 1), r.color, Piece::Newline});
                ++i;
            } else if (is_break(c)) {
                if (c != '\r') out.push_back({" ", r.color, Piece::Space});
                ++i;
            } else {
                std::size_t e = i;
                while (e < r.text.size() && !is_break(r.text[e])) e += utf8_length(static_cast<unsigned char>(r.text[e]));
                e = std::min(e, r.text.size());
                out.push_back({r.text.substr(i, e - i), r.color, Piece::Word});
                i = e;
            }
        }
    }
    return out;
}

float measure_current_font(std::string_view s) { return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x; }
}  // namespace

ColoredTextLayout layout_colored_text(std::span<const TextRun> runs, float width,
                                      const std::function<float(std::string_view)>& measure) {
    const std::vector<Piece> pieces = pieces_of(runs);
    ColoredTextLayout out;
    std::vector<PlacedText>& placed = out.placed;
    const float space_w = measure(" ");
    float x = 0;
    int line = 0;
    const auto new_line = [&] {
        x = 0;
        ++line;
    };
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const Piece& p = pieces[i];
        if (p.kind == Piece::Newline) {
            new_line();
            continue;
        }
        if (p.kind == Piece::Space) {
            // A space where a line broke is not drawn: the next line starts flush left.
            if (x > 0) x += space_w;
            continue;
        }
        // The whole word (this piece and those touching it) goes to the next line when it does not
        // fit here but would fit on a line of its own.
        const bool starts_word = i == 0 || pieces[i - 1].kind != Piece::Word;
        if (starts_word && x > 0) {
            float word_w = 0;
            for (std::size_t j = i; j < pieces.size() && pieces[j].kind == Piece::Word; ++j) word_w += measure(pieces[j].text);
            if (x + word_w > width && word_w <= width) new_line();
        }
        // Broken between characters only when it fits no line whole.
        std::string_view rest = p.text;
        while (!rest.empty()) {
            const float w = measure(rest);
            if (x + w <= width) {
                placed.push_back({rest, p.color, x, line});
                x += w;
                break;
            }
            // As many characters as fit (at least one on an empty line).
            std::size_t cut = 0;
            float cut_w = 0;
            while (cut < rest.size()) {
                const std::size_t n = std::min(utf8_length(static_cast<unsigned char>(rest[cut])), rest.size() - cut);
                const float cw = measure(rest.substr(cut, n));
                if (x + cut_w + cw > width && (cut > 0 || x > 0)) break;
                cut += n;
                cut_w += cw;
            }
            if (cut > 0) {
                placed.push_back({rest.substr(0, cut), p.color, x, line});
                rest.remove_prefix(cut);
            }
            new_line();
        }
    }
    out.lines = line + 1;
    return out;
}

void ColoredTextWrapped(std::span<const TextRun> runs, float width) {
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const ColoredTextLayout layout = layout_colored_text(runs, width, measure_current_font);
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const PlacedText& t : layout.placed)
        dl->AddText(ImVec2(origin.x + t.x, origin.y + line_h * float(t.line)), t.color ? t.color : text_color, t.text.data(),
                    t.text.data() + t.text.size());
    const int lines = layout.lines;
    ImGui::Dummy(ImVec2(width, line_h * float(lines - 1) + ImGui::GetTextLineHeight()));
}

}  // namespace ui::transformer
