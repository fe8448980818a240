#include "train/stuck_watch.h"

#include <cmath>

namespace train {

void StuckWatch::restart(float chance) {
    chance_ = chance;
    have_best_ = false;
    best_ = 0;
    block_loss_ = 0;
    in_block_ = 0;
    accuracy_sum_ = 0;
    since_improvement_ = 0;
}

void StuckWatch::observe(float loss, float accuracy) {
    ++since_improvement_;
    accuracy_sum_ += accuracy;
    block_loss_ += loss;
    if (++in_block_ < options_.block) return;
    const double mean = block_loss_ / in_block_;
    const bool improved = std::isfinite(mean) && (!have_best_ || mean < double(best_) * (1.0 - options_.min_improvement));
    if (improved) {
        best_ = float(mean);
        have_best_ = true;
        since_improvement_ = 0;
        accuracy_sum_ = 0;
    }
    block_loss_ = 0;
    in_block_ = 0;
}

bool StuckWatch::stuck() const {
    if (since_improvement_ < options_.window) return false;
    return accuracy_sum_ / double(since_improvement_) <= double(chance_ + options_.chance_margin);
}

}  // namespace train
