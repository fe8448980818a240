#pragma once
// What a class asks of word vectors: how alike two words are (the cosine of the angle between
// their vectors), which words lie nearest a word, and where arithmetic on words lands
// ("king - man + woman"). Pure functions of a table; the UI runs them on a snapshot's copy.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/corpus.h"
#include "nn/skipgram.h"

namespace train {

// The table with every row scaled to length 1 (a zero row stays zero): a dot product of two of its
// rows is the cosine of the two words.
nn::EmbeddingTable unit_rows(const nn::EmbeddingTable& table);

struct Neighbour {
    int word = -1;
    float cosine = 0;
};

// The k rows of `unit` with the largest cosine to `target` (any length), most alike first,
// leaving out the words in `exclude`.
std::vector<Neighbour> nearest(const nn::EmbeddingTable& unit, const Eigen::VectorXf& target, int k,
                               std::span<const int> exclude = {});

// A query as typed: one word ("bank") or words joined by + and - ("king - man + woman").
struct ParsedQuery {
    std::vector<int> words;   // vocabulary ids, in the order typed
    std::vector<int> signs;   // +1 or -1 for each
    std::string error;        // why it cannot be answered (an unknown word, a lone sign); empty if fine
    bool empty() const { return words.empty() && error.empty(); }
};
ParsedQuery parse_query(std::string_view text, const data::Vocabulary& vocab);

struct QueryAnswer {
    std::vector<Neighbour> neighbours;  // nearest to the sum of the typed words' unit vectors,
                                        // the typed words left out (as word2vec's analogies do)
    std::string error;
};
QueryAnswer answer_query(std::string_view text, const data::Vocabulary& vocab, const nn::EmbeddingTable& unit, int k);

// The mean cosine between two different words of one group, and between two words of different
// groups, over the words of the named groups (others are left out).
struct GroupSimilarity {
    double within = 0, across = 0;
    double margin() const { return within - across; }
};
GroupSimilarity group_similarity(const data::Vocabulary& vocab, const nn::EmbeddingTable& unit,
                                 std::span<const std::string> groups);

}  // namespace train
