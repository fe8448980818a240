#include "lesson/markdown.h"

#include <cctype>
#include <string_view>

#include "lesson/parse_failure.h"

namespace lesson::detail {

namespace {

using Style = Span::Style;

std::string_view literal(cmark_node* node) {
    const char* text = cmark_node_get_literal(node);
    return text ? std::string_view(text) : std::string_view();
}

// Merging keeps a bold phrase that spans a line break, or text split by cmark at entities and
// brackets, as one span, so the UI wraps and styles it as a unit.
void append_span(std::vector<Span>& spans, Style style, std::string_view text) {
    if (text.empty()) return;
    if (!spans.empty() && spans.back().style == style)
        spans.back().text += text;
    else
        spans.push_back(Span{style, std::string(text)});
}

void append_spans(std::vector<Span>& spans, const std::vector<Span>& more) {
    for (const Span& s : more) append_span(spans, s.style, s.text);
}

Style style_for(int strong_depth, int emph_depth) {
    if (strong_depth > 0 && emph_depth > 0) return Style::BoldItalic;
    if (strong_depth > 0) return Style::Bold;
    if (emph_depth > 0) return Style::Italic;
    return Style::Plain;
}

void collect_inlines(cmark_node* parent, int strong_depth, int emph_depth, std::vector<Span>& out) {
    const Style style = style_for(strong_depth, emph_depth);
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT: append_span(out, style, literal(n)); break;
            case CMARK_NODE_CODE: append_span(out, Style::Code, literal(n)); break;
            // The panel reflows text to its own width, so the author's line breaks are just spaces.
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: append_span(out, style, " "); break;
            case CMARK_NODE_STRONG: collect_inlines(n, strong_depth + 1, emph_depth, out); break;
            case CMARK_NODE_EMPH: collect_inlines(n, strong_depth, emph_depth + 1, out); break;
            // Links cannot be followed from the lesson panel; their text still reads well.
            // An image shows its alt text for the same reason.
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE:
            case CMARK_NODE_CUSTOM_INLINE: collect_inlines(n, strong_depth, emph_depth, out); break;
            // Raw HTML (<br>, comments) has no meaning outside a browser.
            default: break;
        }
    }
}

Block make_block(Block::Kind kind, std::vector<Span> spans, int level = 0, int number = 0) {
    Block b;
    b.kind = kind;
    b.level = level;
    b.number = number;
    b.spans = std::move(spans);
    return b;
}

bool is_preset_fence(cmark_node* code) {
    const char* info = cmark_node_get_fence_info(code);
    return info && std::string_view(info) == "preset";
}

// The closing newline(s) are an artefact of the fence, not part of the code to show.
Block code_block(cmark_node* code) {
    if (is_preset_fence(code))
        fail(cmark_node_get_start_line(code),
             "a preset block must start at the beginning of a line, not inside a list or quote");
    std::string_view text = literal(code);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    std::vector<Span> spans;
    append_span(spans, Style::Code, text);
    return make_block(Block::Kind::CodeBlock, std::move(spans));
}

// A quote is shown as a set-off paragraph, so everything inside it (even a list) becomes
// Quote blocks; nested structure would be lost in a narrow side panel anyway.
void append_quote_blocks(cmark_node* container, std::vector<Block>& out) {
    for (cmark_node* n = cmark_node_first_child(container); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING: out.push_back(make_block(Block::Kind::Quote, inline_spans(n))); break;
            case CMARK_NODE_CODE_BLOCK: out.push_back(make_block(Block::Kind::Quote, code_block(n).spans)); break;
            case CMARK_NODE_LIST:
            case CMARK_NODE_ITEM:
            case CMARK_NODE_BLOCK_QUOTE: append_quote_blocks(n, out); break;
            default: break;
        }
    }
}

void append_list(cmark_node* list, int depth, std::vector<Block>& out);

// One Block per paragraph of the item, all carrying the item's bullet or number, so the UI can
// draw the marker and indentation without knowing about list nodes.
void append_item(cmark_node* item, Block::Kind kind, int depth, int number, std::vector<Block>& out) {
    for (cmark_node* n = cmark_node_first_child(item); n; n = cmark_node_next(n)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING: out.push_back(make_block(kind, inline_spans(n), depth, number)); break;
            case CMARK_NODE_LIST: append_list(n, depth + 1, out); break;
            case CMARK_NODE_CODE_BLOCK: out.push_back(code_block(n)); break;
            case CMARK_NODE_BLOCK_QUOTE: append_quote_blocks(n, out); break;
            default: break;
        }
    }
}

void append_list(cmark_node* list, int depth, std::vector<Block>& out) {
    const bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    const Block::Kind kind = ordered ? Block::Kind::NumberedItem : Block::Kind::BulletItem;
    int number = ordered ? cmark_node_get_list_start(list) : 0;
    for (cmark_node* item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
        append_item(item, kind, depth, number, out);
        if (ordered) ++number;
    }
}

void collect_quote_spans(cmark_node* container, std::vector<Span>& out) {
    for (cmark_node* n = cmark_node_first_child(container); n; n = cmark_node_next(n)) {
        std::vector<Span> part;
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING: part = inline_spans(n); break;
            case CMARK_NODE_CODE_BLOCK: part = code_block(n).spans; break;
            case CMARK_NODE_LIST:
            case CMARK_NODE_ITEM:
            case CMARK_NODE_BLOCK_QUOTE: collect_quote_spans(n, part); break;
            default: break;
        }
        if (part.empty()) continue;
        if (!out.empty()) append_span(out, Style::Plain, " ");
        append_spans(out, part);
    }
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Removes `count` bytes from the front of the span list, dropping spans that become empty.
void drop_prefix(std::vector<Span>& spans, std::size_t count) {
    std::size_t whole = 0;
    while (whole < spans.size() && count >= spans[whole].text.size()) count -= spans[whole++].text.size();
    spans.erase(spans.begin(), spans.begin() + static_cast<std::ptrdiff_t>(whole));
    if (!spans.empty()) spans.front().text.erase(0, count);
}

void trim_leading_space(std::vector<Span>& spans) {
    while (!spans.empty()) {
        std::string& t = spans.front().text;
        std::size_t n = 0;
        while (n < t.size() && is_space(t[n])) ++n;
        t.erase(0, n);
        if (!t.empty()) return;
        spans.erase(spans.begin());
    }
}

}  // namespace

std::vector<Span> inline_spans(cmark_node* block) {
    std::vector<Span> spans;
    collect_inlines(block, 0, 0, spans);
    return spans;
}

std::string plain_text(const std::vector<Span>& spans) {
    std::string text;
    for (const Span& s : spans) text += s.text;
    return text;
}

void append_prose(cmark_node* block, std::vector<Block>& out) {
    switch (cmark_node_get_type(block)) {
        case CMARK_NODE_PARAGRAPH: out.push_back(make_block(Block::Kind::Paragraph, inline_spans(block))); break;
        case CMARK_NODE_HEADING:
            out.push_back(make_block(Block::Kind::Heading, inline_spans(block), cmark_node_get_heading_level(block)));
            break;
        case CMARK_NODE_LIST: append_list(block, 0, out); break;
        case CMARK_NODE_CODE_BLOCK: out.push_back(code_block(block)); break;
        case CMARK_NODE_BLOCK_QUOTE: append_quote_blocks(block, out); break;
        // Thematic breaks and raw HTML (typically <!-- notes to other teachers -->) are not shown.
        default: break;
    }
}

std::vector<Span> quote_spans(cmark_node* quote) {
    std::vector<Span> spans;
    collect_quote_spans(quote, spans);
    return spans;
}

bool strip_try_this_label(std::vector<Span>& spans) {
    constexpr std::string_view kLabel = "try this";
    const std::string text = plain_text(spans);
    std::size_t pos = 0;
    while (pos < text.size() && is_space(text[pos])) ++pos;
    if (text.size() - pos < kLabel.size()) return false;
    for (std::size_t i = 0; i < kLabel.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[pos + i])) != kLabel[i]) return false;
    pos += kLabel.size();
    // "Try thistle jam" is not a prompt.
    if (pos < text.size() && std::isalnum(static_cast<unsigned char>(text[pos]))) return false;
    if (pos < text.size() && text[pos] == ':') ++pos;
    drop_prefix(spans, pos);
    trim_leading_space(spans);
    return true;
}

}  // namespace lesson::detail
