#include "data/corpus.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <numeric>
#include <system_error>
#include <unordered_map>

#include "data/corpus_text.h"

namespace data {

namespace {

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Non-ASCII characters that separate words like spaces and punctuation do: the Latin-1 signs
// (no-break space, « », ¿, ©, ×, ...), general punctuation (dashes, curly quotes, the ellipsis),
// the CJK punctuation and the byte order mark. Every other non-ASCII character counts as a letter,
// which is right for accented and non-Latin letters and harmless for the rare symbol.
bool is_non_ascii_separator(char32_t c) {
    return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x3000 && c <= 0x303F) || c == 0xFEFF;
}

constexpr char32_t kRightSingleQuote = 0x2019;  // the apostrophe of typeset text: don’t

// Splits valid UTF-8 into words and hands each, lower-cased, to `word`. A word is a run of letters
// with apostrophes (' or ’, written as ') kept inside it: "don't" is one word, "'tis" and "dogs'" lose
// theirs. Only ASCII is lower-cased: "École" becomes "École", not "école", because case folding
// beyond ASCII needs Unicode tables, and English text, which the lesson expects, does not.
template <class Word>
void split_words(std::string_view text, Word word) {
    std::string current;
    bool pending_apostrophe = false;  // one seen after letters, kept only if a letter follows
    std::size_t at = 0;
    const auto finish = [&] {
        if (!current.empty()) word(current);
        current.clear();
        pending_apostrophe = false;
    };
    while (at < text.size()) {
        char32_t code = 0;
        const std::size_t length = utf8_sequence(text, at, code);  // never 0: the text was checked
        const bool letter = code < 0x80 ? is_ascii_letter(static_cast<unsigned char>(code)) : !is_non_ascii_separator(code);
        const bool apostrophe = code == '\'' || code == kRightSingleQuote;
        if (letter) {
            if (pending_apostrophe) current.push_back('\'');
            pending_apostrophe = false;
            if (length == 1) current.push_back(lower_ascii(text[at]));
            else current.append(text.substr(at, length));
        } else if (apostrophe && !current.empty() && !pending_apostrophe) {
            pending_apostrophe = true;
        } else {
            finish();
        }
        at += length;
    }
    finish();
}

std::string with_name(std::string_view name, std::string_view reason) {
    std::string text(name);
    text.append(": ").append(reason);
    return text;
}

CorpusResult failure(std::string_view name, std::string_view reason) { return {std::nullopt, with_name(name, reason)}; }

std::string percent_one_decimal(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100.0 * fraction);
    return text;
}

std::string too_large(std::uintmax_t bytes) {
    return "is " + format_thousands(std::int64_t(bytes)) + " bytes; a corpus file may have at most " +
           std::to_string(kMaxCorpusBytes >> 20) + " MB (" + format_thousands(std::int64_t(kMaxCorpusBytes)) + " bytes)";
}

}  // namespace

std::size_t utf8_sequence(std::string_view text, std::size_t at, char32_t& code) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    char32_t min = 0;
    if (lead < 0x80) {
        code = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) length = 2, code = lead & 0x1F, min = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF) length = 3, code = lead & 0x0F, min = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4) length = 4, code = lead & 0x07, min = 0x10000;
    else return 0;
    if (at + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(at + i) & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return length;
}

std::string format_thousands(std::int64_t n) {
    const std::string digits = std::to_string(n < 0 ? -(n + 1) + std::uint64_t{1} : std::uint64_t(n));
    std::string text = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
        text.push_back(digits[i]);
    }
    return text;
}

std::optional<int> Vocabulary::find(std::string_view word) const {
    std::string key(word);
    std::transform(key.begin(), key.end(), key.begin(), lower_ascii);
    const auto at = index.find(key);
    if (at == index.end()) return std::nullopt;
    return at->second;
}

Corpus corpus_from_stream(const std::vector<std::string>& distinct, const std::vector<std::int32_t>& stream,
                          int max_vocab, int min_count) {
    std::vector<std::int64_t> counts(distinct.size(), 0);
    for (const std::int32_t id : stream) ++counts[std::size_t(id)];
    std::vector<std::int32_t> order(distinct.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : distinct[a] < distinct[b];
    });

    Corpus corpus;
    Vocabulary& v = corpus.vocab;
    std::vector<std::int32_t> new_id(distinct.size(), -1);
    for (const std::int32_t old : order) {
        if (v.size() >= max_vocab || counts[old] < min_count) break;  // sorted by count: the rest are rarer
        new_id[old] = v.size();
        v.index.emplace(distinct[old], v.size());
        v.words.push_back(distinct[old]);
        v.counts.push_back(counts[old]);
    }
    v.group.assign(v.words.size(), 0);
    v.group_names = {"words"};
    corpus.tokens.reserve(stream.size());
    for (const std::int32_t id : stream)
        if (new_id[id] >= 0) corpus.tokens.push_back(new_id[id]);
    corpus.words_read = std::int64_t(stream.size());
    corpus.words_dropped = corpus.words_read - std::int64_t(corpus.tokens.size());
    return corpus;
}

CorpusResult corpus_from_text(std::string_view text, std::string_view name, const CorpusOptions& options) {
    if (text.empty()) return failure(name, "the file is empty");
    if (text.size() > kMaxCorpusBytes)
        return failure(name, too_large(text.size()));

    // Windows calls UTF-16 "Unicode" and writes it with a byte order mark; its many NUL bytes would
    // otherwise make it "binary".
    if (text.size() >= 2 && (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF"))
        return failure(name, "is UTF-16 text; save it as UTF-8");
    // Binary before UTF-8: a picture or a program is "binary", which says more than "byte 37 is not UTF-8".
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        return failure(name, "has a NUL byte at offset " + format_thousands(std::int64_t(nul)) +
                                 "; this is a binary file, not plain text");
    const auto controls = std::count_if(text.begin(), text.end(), [](char c) { return is_odd_control(static_cast<unsigned char>(c)); });
    if (double(controls) > kMaxControlShare * double(text.size()))
        return failure(name, percent_one_decimal(double(controls) / double(text.size())) +
                                 " of its bytes are control characters; this is a binary file, not plain text");

    // Offsets in messages count from the start of the file, the byte order mark included.
    std::size_t skipped = 0;
    if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
        text.remove_prefix(kByteOrderMark.size());
        skipped = kByteOrderMark.size();
    }
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        const std::size_t length = utf8_sequence(text, at, code);
        if (length == 0)
            return failure(name, "is not UTF-8 text: the bytes at offset " + format_thousands(std::int64_t(at + skipped)) +
                                     " are no UTF-8 character (saved as Latin-1 or another code page? save it as UTF-8)");
        at += length;
    }

    std::vector<std::string> distinct;
    std::unordered_map<std::string, std::int32_t> ids;
    std::vector<std::int32_t> stream;
    split_words(text, [&](const std::string& word) {
        auto at = ids.find(word);
        if (at == ids.end()) {
            at = ids.emplace(word, std::int32_t(distinct.size())).first;
            distinct.push_back(word);
        }
        stream.push_back(at->second);
    });
    if (stream.empty()) return failure(name, "has no words (a word is a run of letters)");

    Corpus corpus = corpus_from_stream(distinct, stream, std::max(options.max_vocab, 1), std::max(options.min_count, 1));
    if (corpus.vocab.size() == 0)
        return failure(name, "no word appears at least " + format_thousands(options.min_count) + " times (" +
                                 format_thousands(std::int64_t(stream.size())) + " words, " +
                                 format_thousands(std::int64_t(distinct.size())) + " different); a longer text is needed");
    corpus.source = std::string(name);
    corpus.summary = format_thousands(corpus.words_read) + " words read; " + format_thousands(corpus.vocab.size()) +
                     " kept (each seen at least " + format_thousands(std::max(options.min_count, 1)) +
                     (options.min_count == 1 ? " time); " : " times); ") +
                     percent_one_decimal(double(corpus.words_dropped) / double(corpus.words_read)) +
                     " of the text dropped";
    return {std::move(corpus), {}};
}

CorpusResult read_corpus_file(const std::filesystem::path& path, const CorpusOptions& options) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return failure(name, "is a folder, not a text file");
    // The size first, so that a film chosen by mistake is refused before it is read.
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxCorpusBytes)
        return failure(name, too_large(size));

    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(name.c_str(), "rb"), &std::fclose);
    if (!file) return failure(name, std::string("cannot read the file: ") + std::strerror(errno));
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        if (got < sizeof buffer && std::ferror(file.get()))
            return failure(name, std::string("cannot read the file: ") + std::strerror(errno));
        text.append(buffer, got);
        if (text.size() > kMaxCorpusBytes)  // it grew after its size was read
            return failure(name, too_large(text.size()));
        if (got < sizeof buffer) break;
    }
    return corpus_from_text(text, name, options);
}

}  // namespace data
