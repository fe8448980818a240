#pragma once
// What the built-in corpus and the file reader share: turning a stream of words into a corpus.
// Not part of the interface the lessons use (that is corpus.h).
#include <cstdint>
#include <string>
#include <vector>

#include "data/corpus.h"

namespace data {

// A stream of words as ids into `distinct` (each word once, in any order). The vocabulary keeps
// the most frequent words, at most max_vocab, each seen at least min_count times, ties broken
// alphabetically; the tokens are the stream without the other words. Groups: one, "words".
// words_read, words_dropped and the vocabulary are set; source and summary are left empty.
Corpus corpus_from_stream(const std::vector<std::string>& distinct, const std::vector<std::int32_t>& stream,
                          int max_vocab, int min_count);

// 412301 -> "412,301".
std::string format_thousands(std::int64_t n);

}  // namespace data
