#pragma once
// The trainer's messages, written from the figures the same snapshot shows elsewhere (the loss on
// the scoreboard, the learning rate on the slider), so that a message never contradicts the screen.
// Pure functions: the tests read them without a thread.
#include <cstdint>
#include <string>
#include <vector>

namespace train {

// A network whose loss ran away.
struct DivergenceFacts {
    std::uint64_t step = 0;     // the step at which training stopped
    float loss = 0;             // the loss the scoreboard shows now (NaN or infinite allowed)
    float start_loss = -1;      // the loss before the first step (negative: unknown)
    float diverged_at_rate = 0; // the learning rate the step that diverged used
    float learning_rate = 0;    // the learning rate now (the slider's), perhaps moved since
    std::string who;            // empty for the network; "SGD", "momentum"... for a landscape path
};
std::string divergence_message(const DivergenceFacts& f);

// Why a run stopped itself when its loss ran far above where it started: "The loss exploded to 41.2
// (it started at 4.159): the learning rate 100 is too large. Lower it and press Reset."
std::string exploded_loss_reason(float loss, float first_loss, float learning_rate);

// A network that has stopped learning (see StuckWatch).
struct StuckFacts {
    std::uint64_t steps = 0;    // steps without improvement
    float loss = 0;             // the loss the scoreboard shows now
    float guess_loss = 0;       // the loss of always predicting the class shares
    float chance = 0.5f;        // the accuracy of always guessing the larger class
    // Sizes of each layer's weight gradient, first to last, from the snapshot: they tell which hint fits.
    std::vector<float> grad_norms;
};
std::string stuck_message(const StuckFacts& f);

}  // namespace train
