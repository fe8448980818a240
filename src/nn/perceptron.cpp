#include "nn/perceptron.h"

#include <random>

namespace nn {

Perceptron make_perceptron(int inputs, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> uniform(-0.5f, 0.5f);
    Perceptron p;
    p.w.resize(inputs);
    for (int i = 0; i < inputs; ++i) p.w[i] = uniform(rng);
    p.b = uniform(rng);
    return p;
}

float perceptron_score(const Perceptron& p, const RowVector& x) { return p.w.dot(x) + p.b; }

int perceptron_predict(const Perceptron& p, const RowVector& x) { return perceptron_score(p, x) > 0.f ? 1 : 0; }

PerceptronUpdate perceptron_learn(Perceptron& p, const RowVector& x, int label, float learning_rate) {
    PerceptronUpdate u;
    u.score = perceptron_score(p, x);
    u.predicted = u.score > 0.f ? 1 : 0;
    u.label = label;
    const float error = float(label - u.predicted);  // -1, 0 or +1
    u.dw = learning_rate * error * x;
    u.db = learning_rate * error;
    p.w += u.dw;
    p.b += u.db;
    return u;
}

}  // namespace nn
