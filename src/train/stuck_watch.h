#pragma once
// Notices a network that has stopped learning: over a long stretch of steps its loss has not fallen
// by a tenth below the best it reached before, while its accuracy stays where guessing would put it.
// The trainer feeds it every step and says so on screen; the run goes on (a stuck network harms
// nothing, and a student may be watching it on purpose, or waiting for it to leave a plateau).
#include <cstdint>
#include <deque>

namespace train {

class StuckWatch {
public:
    struct Options {
        std::uint64_t window = 1000;     // steps looked back over; a multiple of block
        int block = 25;                  // steps averaged together: a mini-batch's loss is noisy
        float min_improvement = 0.1f;    // the window's best block must beat the best before it by this share
        float chance_margin = 0.05f;     // "at chance": mean accuracy over the window at most chance + this
    };

    StuckWatch() = default;
    explicit StuckWatch(Options options) : options_(options) {}

    // Starts watching afresh: new weights, data or hyper-parameters. chance is the accuracy of
    // always guessing the larger class of the training points.
    void restart(float chance);
    // One training step's loss and accuracy (of the batch it trained on).
    void observe(float loss, float accuracy);

    bool stuck() const { return stuck_steps_ > 0; }
    // How many steps the loss has gone without improving: the window and the steps stuck since.
    std::uint64_t steps_without_improvement() const { return stuck() ? options_.window + stuck_steps_ - 1 : 0; }
    float chance() const { return chance_; }
    const Options& options() const { return options_; }

private:
    struct Block {
        double loss, accuracy;  // means
    };
    void end_block();

    Options options_;
    float chance_ = 0.5f;
    std::deque<Block> window_;   // the last window / block blocks
    double best_before_ = 0;     // lowest block mean that has left the window
    bool have_before_ = false;
    double block_loss_ = 0, block_accuracy_ = 0;
    int in_block_ = 0;
    std::uint64_t stuck_steps_ = 0;
};

}  // namespace train
