#pragma once
// What only the digit reader has: where its 28x28 grey images come from.
#include <string>

namespace train {

// Wide enough for 784-128-64-10 and the experiments around it, narrow enough that a typo cannot
// ask for a layer that would stall the trainer for seconds a step.
inline constexpr int kMaxDigitsHiddenWidth = 512;

struct DigitsConfig {
    // A folder of IDX files (train-images-idx3-ubyte[.gz] and the three others); empty means the
    // digits the set-up installed (data/mnist).
    std::string data_dir;
    // Test digits measured at every evaluation (0: all of them). Keeps the test curve cheap enough
    // to follow training with the full 10,000.
    int test_sample = 2000;
};

}  // namespace train
