#include "train/words/similarity.h"

#include <algorithm>
#include <cctype>

namespace train {

nn::EmbeddingTable unit_rows(const nn::EmbeddingTable& table) {
    nn::EmbeddingTable unit = table;
    for (Eigen::Index i = 0; i < unit.rows(); ++i) {
        const float n = unit.row(i).norm();
        if (n > 0) unit.row(i) /= n;
    }
    return unit;
}

std::vector<Neighbour> nearest(const nn::EmbeddingTable& unit, const Eigen::VectorXf& target, int k,
                               std::span<const int> exclude) {
    std::vector<Neighbour> all;
    const float length = target.norm();
    if (length <= 0 || unit.cols() != target.size()) return all;
    const Eigen::VectorXf cosines = unit * (target / length);
    all.reserve(std::size_t(unit.rows()));
    for (Eigen::Index i = 0; i < unit.rows(); ++i)
        if (std::find(exclude.begin(), exclude.end(), int(i)) == exclude.end()) all.push_back({int(i), cosines(i)});
    k = std::min<int>(k, int(all.size()));
    std::partial_sort(all.begin(), all.begin() + k, all.end(), [](const Neighbour& a, const Neighbour& b) {
        return a.cosine != b.cosine ? a.cosine > b.cosine : a.word < b.word;
    });
    all.resize(std::size_t(k));
    return all;
}

ParsedQuery parse_query(std::string_view text, const data::Vocabulary& vocab) {
    ParsedQuery q;
    int sign = +1;
    bool sign_pending = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '+' || c == '-') {
            if (sign_pending) {
                q.error = "two signs in a row: write a word between them";
                return q;
            }
            sign = c == '-' ? -1 : +1;
            sign_pending = true;
            ++i;
        } else {
            if (!q.words.empty() && !sign_pending) {
                q.error = "put + or - between two words (\"king - man + woman\")";
                return q;
            }
            std::size_t end = i;
            while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '+' &&
                   text[end] != '-')
                ++end;
            const std::string_view word = text.substr(i, end - i);
            const std::optional<int> id = vocab.find(word);
            if (!id) {
                q.error = "\"" + std::string(word) + "\" is not one of the " + std::to_string(vocab.size()) +
                          " words the model knows";
                return q;
            }
            q.words.push_back(*id);
            q.signs.push_back(sign);
            sign = +1;
            sign_pending = false;
            i = end;
        }
    }
    if (sign_pending) q.error = q.words.empty() ? "type a word after the sign" : "a sign at the end needs a word after it";
    return q;
}

QueryAnswer answer_query(std::string_view text, const data::Vocabulary& vocab, const nn::EmbeddingTable& unit, int k) {
    QueryAnswer answer;
    const ParsedQuery q = parse_query(text, vocab);
    if (!q.error.empty()) {
        answer.error = q.error;
        return answer;
    }
    if (q.words.empty() || unit.rows() == 0) return answer;
    Eigen::VectorXf target = Eigen::VectorXf::Zero(unit.cols());
    for (std::size_t i = 0; i < q.words.size(); ++i) target += float(q.signs[i]) * unit.row(q.words[i]).transpose();
    if (target.norm() <= 1e-12f) {
        answer.error = "the words cancel out: their sum is the zero vector";
        return answer;
    }
    answer.neighbours = nearest(unit, target, k, q.words);
    return answer;
}

GroupSimilarity group_similarity(const data::Vocabulary& vocab, const nn::EmbeddingTable& unit,
                                 std::span<const std::string> groups) {
    std::vector<int> words;
    std::vector<int> group_of;
    for (int w = 0; w < vocab.size(); ++w) {
        const std::string& name = vocab.group_names[std::size_t(vocab.group[std::size_t(w)])];
        if (std::find(groups.begin(), groups.end(), name) == groups.end()) continue;
        words.push_back(w);
        group_of.push_back(vocab.group[std::size_t(w)]);
    }
    double within = 0, across = 0;
    long n_within = 0, n_across = 0;
    for (std::size_t a = 0; a < words.size(); ++a)
        for (std::size_t b = a + 1; b < words.size(); ++b) {
            const double c = unit.row(words[a]).dot(unit.row(words[b]));
            if (group_of[a] == group_of[b]) {
                within += c;
                ++n_within;
            } else {
                across += c;
                ++n_across;
            }
        }
    GroupSimilarity g;
    if (n_within) g.within = within / double(n_within);
    if (n_across) g.across = across / double(n_across);
    return g;
}

}  // namespace train
