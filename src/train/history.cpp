#include "train/history.h"

namespace train {

void MetricsHistory::add(std::uint64_t at_step, float loss_value, float accuracy_value) {
    if (at_step % stride != 0) return;
    step.push_back(double(at_step));
    loss.push_back(loss_value);
    accuracy.push_back(accuracy_value);
    if (step.size() < kCapacity) return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < step.size(); ++i) {
        if (std::uint64_t(step[i]) % (stride * 2) != 0) continue;
        step[kept] = step[i];
        loss[kept] = loss[i];
        accuracy[kept] = accuracy[i];
        ++kept;
    }
    step.resize(kept);
    loss.resize(kept);
    accuracy.resize(kept);
    stride *= 2;
}

void MetricsHistory::clear() {
    step.clear();
    loss.clear();
    accuracy.clear();
    stride = 1;
}

}  // namespace train
