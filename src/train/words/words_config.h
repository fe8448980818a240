#pragma once
// What only the word-embedding model has: its text, the size of its vectors, how it samples, and
// what its panels start by showing.
#include <string>
#include <vector>

namespace train {

// Wide enough for the sizes that teach (2 to 128, word2vec used 300 on billions of words);
// the table is copied into every snapshot, so a vector of thousands would cost the UI its frames.
inline constexpr int kMaxWordDim = 128;
// The most words a file's vocabulary may keep: each is a labelled point and a row on screen.
inline constexpr int kMaxWordVocab = 5000;
inline constexpr int kMaxWordWindow = 10;
inline constexpr int kMaxWordNegatives = 20;

struct WordsConfig {
    std::string corpus_file;  // a plain-text file; empty: the built-in corpus
    int builtin_sentences = 40000;
    int max_vocab = 2000;     // a file's vocabulary keeps at most this many words...
    int min_count = 5;        // ...each seen at least this often
    int dim = 32;             // numbers per word
    int window = 5;           // context words each side (each centre draws 1..window)
    int negatives = 5;        // random words each true pair is contrasted with

    // What the panels show first; the student can change all three.
    std::string query;                // the similarity panel's query: "king - man + woman"
    std::vector<std::string> compare; // the words of the similarity heatmap
    std::string focus;                // a word the projection rings, e.g. "bank"
};

}  // namespace train
