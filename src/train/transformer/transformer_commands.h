#pragma once
// Commands only the transformer understands.
#include <string>
#include <vector>

namespace train {

// Train on a plain-text file, character by character: a new vocabulary, so new weights. A file
// that cannot be read leaves the run as it was and says why.
struct OpenText {
    std::string file;
};

// The sequence the attention panels trace (text in the task's tokens), and the query and head
// lesson 7 computes step by step. A text with a token the vocabulary lacks is refused with the reason.
struct SetExample {
    std::string text;       // empty: one of the task's own examples...
    int example_seed = -1;  // ...this one (-1: the one shown now)
};
struct ChooseHead {
    int layer = 0, head = 0, query = -1;
};

// Where generation starts, and how it draws.
struct SetPrompt {
    std::string text;
};
struct SetSampling {
    std::vector<float> temperatures;
    int top_k = 0;
    float top_p = 1.0f;
};

}  // namespace train
