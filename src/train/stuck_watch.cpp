#include "train/stuck_watch.h"

#include <algorithm>
#include <cmath>

namespace train {

void StuckWatch::restart(float chance) {
    chance_ = chance;
    window_.clear();
    best_before_ = 0;
    have_before_ = false;
    block_loss_ = block_accuracy_ = 0;
    in_block_ = 0;
    stuck_steps_ = 0;
}

void StuckWatch::observe(float loss, float accuracy) {
    if (stuck_steps_ > 0) ++stuck_steps_;
    block_loss_ += loss;
    block_accuracy_ += accuracy;
    if (++in_block_ == options_.block) end_block();
}

void StuckWatch::end_block() {
    window_.push_back({block_loss_ / in_block_, block_accuracy_ / in_block_});
    block_loss_ = block_accuracy_ = 0;
    in_block_ = 0;
    const std::size_t blocks = std::max<std::size_t>(1, options_.window / std::uint64_t(options_.block));
    while (window_.size() > blocks) {
        const double l = window_.front().loss;
        // A non-finite block is no best to beat (the divergence check deals with it).
        if (std::isfinite(l) && (!have_before_ || l < best_before_)) {
            best_before_ = l;
            have_before_ = true;
        }
        window_.pop_front();
    }
    bool now = false;
    if (have_before_ && window_.size() == blocks) {
        double best = INFINITY, accuracy = 0;
        for (const Block& b : window_) {
            if (std::isfinite(b.loss)) best = std::min(best, b.loss);
            accuracy += b.accuracy;
        }
        accuracy /= double(window_.size());
        now = !(best < best_before_ * (1.0 - options_.min_improvement)) &&
              accuracy <= double(chance_ + options_.chance_margin);
    }
    if (!now) stuck_steps_ = 0;
    else if (stuck_steps_ == 0) stuck_steps_ = 1;
}

}  // namespace train
