#pragma once
// Commands only the word-embedding model understands.
#include <string>

namespace train {

// Train on another text: a plain-text file, or the built-in corpus when `file` is empty. A new
// vocabulary means a new table, so the run starts over at step 0. A file that cannot be read
// leaves the words as they were and says why.
struct OpenCorpus {
    std::string file;
    int max_vocab = 2000;
    int min_count = 5;
};

}  // namespace train
