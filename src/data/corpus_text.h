#pragma once
// What the readers of text share (the word corpus, its built-in text, the transformer's text
// tasks): checking a file is plain UTF-8, and turning a stream of words into a corpus. Not part of
// the interface the lessons use (that is corpus.h and text_tasks.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/corpus.h"

namespace data {

// A stream of words as ids into `distinct` (each word once, in any order). The vocabulary keeps
// the most frequent words, at most max_vocab, each seen at least min_count times, ties broken
// alphabetically; the tokens are the stream without the other words. Groups: one, "words".
// words_read, words_dropped and the vocabulary are set; source and summary are left empty.
Corpus corpus_from_stream(const std::vector<std::string>& distinct, const std::vector<std::int32_t>& stream,
                          int max_vocab, int min_count);

// Control bytes that plain text does not contain: all below space except tab, line feed,
// carriage return and form feed, and DEL.
inline bool is_odd_control(unsigned char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

// Text has a stray escape or bell here and there (terminal logs, old word processors); more than
// this share of control bytes is a binary file that happens to hold no NUL.
inline constexpr double kMaxControlShare = 0.05;

inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The length of the well-formed UTF-8 sequence at `at` (overlong forms, surrogates and code points
// above U+10FFFF are ill-formed), or 0. `code` gets its code point.
std::size_t utf8_sequence(std::string_view text, std::size_t at, char32_t& code);

// 412301 -> "412,301".
std::string format_thousands(std::int64_t n);

}  // namespace data
