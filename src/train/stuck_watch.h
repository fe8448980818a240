#pragma once
// Notices a network that has stopped learning: its loss has not improved for a long stretch of
// steps while its accuracy stays where guessing would put it. The trainer feeds it every step and
// says so on screen; the run goes on (a stuck network harms nothing, and a student may be watching
// it on purpose, or waiting for it to escape a plateau).
#include <cstdint>

namespace train {

class StuckWatch {
public:
    struct Options {
        std::uint64_t window = 1000;     // steps without improvement before the network counts as stuck
        int block = 25;                  // steps averaged together: a mini-batch's loss is noisy
        float min_improvement = 0.02f;   // a block's mean loss must beat the best by this share
        float chance_margin = 0.05f;     // "at chance": mean accuracy at most chance + this
    };

    StuckWatch() = default;
    explicit StuckWatch(Options options) : options_(options) {}

    // Starts watching afresh: new weights, data or hyper-parameters. chance is the accuracy of
    // always guessing the larger class of the training points.
    void restart(float chance);
    // One training step's loss and accuracy (of the batch it trained on).
    void observe(float loss, float accuracy);

    bool stuck() const;
    // Steps since the loss last improved (or since the watch started).
    std::uint64_t steps_without_improvement() const { return since_improvement_; }
    float chance() const { return chance_; }
    const Options& options() const { return options_; }

private:
    Options options_;
    float chance_ = 0.5f;
    float best_ = 0;  // lowest block mean so far
    bool have_best_ = false;
    double block_loss_ = 0;
    int in_block_ = 0;
    double accuracy_sum_ = 0;  // of every step since the last improvement
    std::uint64_t since_improvement_ = 0;
};

}  // namespace train
