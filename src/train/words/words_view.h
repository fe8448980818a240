#pragma once
// The word-embedding model's part of a snapshot: its vocabulary, the word vectors at this step,
// their 2-D projection, and which rows the last step changed.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/corpus.h"
#include "nn/skipgram.h"
#include "train/history.h"
#include "train/snapshot.h"

namespace train {

struct WordsView : FamilyView {
    std::shared_ptr<const data::Corpus> corpus;            // shared with the run, never copied per publication
    std::shared_ptr<const nn::EmbeddingTable> embeddings;  // the input table: one row per word
    std::vector<float> x, y;     // each word's place in the projection (the plane of the two leading
                                 // principal components, turned to match the last publication)
    double explained = 0;        // the share of the vectors' variance that plane shows
    std::vector<int> touched;    // rows of the input table the last step changed, sorted
    int touched_output = 0;      // rows of the output table it changed
    Series rows_changed;         // input rows changed per step, over the steps
    std::int64_t words_trained = 0;  // centre words consumed
    std::string data_message;    // the result of the last OpenCorpus (empty: none)
    bool data_failed = false;
};

}  // namespace train
