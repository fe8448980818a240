#pragma once
// Rosenblatt's perceptron: one neuron with a hard threshold, trained one example at a time by
//   w <- w + lr (label - prediction) x,   b <- b + lr (label - prediction).
// It only moves when it gets an example wrong, and it settles only if a straight line (a plane)
// separates the two classes.
#include <cstdint>

#include "nn/tensor.h"

namespace nn {

struct Perceptron {
    RowVector w;  // one weight per input
    float b = 0;  // bias: the neuron fires when w.x + b > 0, so -b plays the threshold
};

// Small random weights in [-0.5, 0.5] from the seed.
Perceptron make_perceptron(int inputs, std::uint64_t seed);

float perceptron_score(const Perceptron& p, const RowVector& x);  // w.x + b
int perceptron_predict(const Perceptron& p, const RowVector& x);  // 1 when the score is above 0

// What one application of the rule did, for the lesson to show with numbers.
struct PerceptronUpdate {
    float score = 0;
    int predicted = 0;
    int label = 0;
    RowVector dw;      // change applied to w
    float db = 0;      // change applied to b
    bool changed() const { return predicted != label; }
};

PerceptronUpdate perceptron_learn(Perceptron& p, const RowVector& x, int label, float learning_rate);

}  // namespace nn
