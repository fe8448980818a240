#pragma once
// Loss and accuracy per step, kept to a bounded length: when full, every other point is dropped,
// so a run of a million steps still shows its whole curve in a few thousand points.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace train {

struct MetricsHistory {
    std::vector<double> step;
    std::vector<float> loss;
    std::vector<float> accuracy;
    std::uint64_t stride = 1;  // steps between two kept points

    static constexpr std::size_t kCapacity = 2048;

    void add(std::uint64_t at_step, float loss_value, float accuracy_value);
    void clear();
    std::size_t size() const { return step.size(); }
};

}  // namespace train
