#include "train/history.h"

namespace train {

void Series::add(std::uint64_t at_step, float v) {
    if (!step.empty() && double(at_step) < step.back() + double(stride)) return;
    step.push_back(double(at_step));
    value.push_back(v);
    if (step.size() < kCapacity) return;
    // Keep every other point (the first and the newest stay), and from now on points twice as far apart.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < step.size(); i += 2) {
        step[kept] = step[i];
        value[kept] = value[i];
        ++kept;
    }
    if (step.size() % 2 == 0) {
        step[kept] = step.back();
        value[kept] = value.back();
        ++kept;
    }
    step.resize(kept);
    value.resize(kept);
    stride *= 2;
}

void Series::clear() {
    step.clear();
    value.clear();
    stride = 1;
}

void MultiSeries::add(std::uint64_t at_step, const std::vector<float>& row) {
    if (int(row.size()) != width) {
        clear();
        width = int(row.size());
    }
    if (!step.empty() && double(at_step) < step.back() + double(stride)) return;
    step.push_back(double(at_step));
    values.insert(values.end(), row.begin(), row.end());
    if (step.size() < kCapacity) return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < step.size(); i += 2, ++kept) {
        step[kept] = step[i];
        for (int k = 0; k < width; ++k) values[kept * std::size_t(width) + std::size_t(k)] = values[i * std::size_t(width) + std::size_t(k)];
    }
    step.resize(kept);
    values.resize(kept * std::size_t(width));
    stride *= 2;
}

void MultiSeries::clear() {
    step.clear();
    values.clear();
    stride = 1;
}

void MetricsHistory::clear() {
    for (Series* s : {&loss, &accuracy, &test_loss, &test_accuracy, &train_accuracy}) s->clear();
}

}  // namespace train
