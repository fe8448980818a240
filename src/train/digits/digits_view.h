#pragma once
// The digit reader's part of a snapshot: the digits it is tested on, what it answers for them, and
// its weights (the canvas runs the network on a drawing in the UI thread, with this step's weights).
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/idx.h"
#include "nn/mlp.h"
#include "train/snapshot.h"

namespace train {

// What the network answers for the test digits, measured at one step.
struct DigitsEvaluation {
    std::uint64_t step = 0;
    std::vector<int> digits;              // indices into the test set, in the order measured
    std::vector<std::array<float, 10>> probabilities;  // per measured digit, the ten classes
    std::vector<std::uint8_t> predicted;  // per measured digit, the most probable class
    std::array<int, 100> confusion{};     // [true digit * 10 + predicted digit] counts
    int measured() const { return int(digits.size()); }
};

struct DigitsView : FamilyView {
    std::shared_ptr<const data::MnistSet> test;   // shared with the run, never copied per publication
    std::size_t train_count = 0;
    std::string source;                           // "data/mnist: 8,000 training and 2,000 test digits"
    std::string data_message;                     // the result of the last OpenDigits (empty: none)
    bool data_failed = false;
    std::shared_ptr<const DigitsEvaluation> evaluation;  // null until measured
    std::shared_ptr<const nn::Mlp> model;         // the weights at this snapshot's step
};

}  // namespace train
