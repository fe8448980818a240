#pragma once
// Metrics over training steps, kept to a bounded length: when a series is full, every other point
// is dropped and points are kept half as often, so a run of a million steps still shows its whole
// curve in a few thousand points.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace train {

// Values recorded at increasing steps.
struct Series {
    std::vector<double> step;
    std::vector<float> value;
    std::uint64_t stride = 1;  // at least this many steps between two kept points

    static constexpr std::size_t kCapacity = 2048;

    void add(std::uint64_t at_step, float v);
    void clear();
    std::size_t size() const { return step.size(); }
    bool empty() const { return step.empty(); }
};

// Several values recorded together at the same steps (e.g. one per layer): rows are steps.
struct MultiSeries {
    int width = 0;
    std::vector<double> step;
    std::vector<float> values;  // step.size() x width, row-major
    std::uint64_t stride = 1;

    static constexpr std::size_t kCapacity = 1024;

    void add(std::uint64_t at_step, const std::vector<float>& row);
    void clear();
    std::size_t size() const { return step.size(); }
};

struct MetricsHistory {
    Series loss;           // of the batch each step trained on (the perceptron: examples it gets wrong)
    Series accuracy;       // of that batch
    Series test_loss;      // of the test points, at the steps they were evaluated
    Series test_accuracy;
    Series train_accuracy;  // of all the training points, at the same steps as the test points

    void clear();
};

}  // namespace train
