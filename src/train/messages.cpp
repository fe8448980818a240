#include "train/messages.h"

#include <cmath>

#include "train/format.h"

namespace train {

namespace {
// "step 312", "1000 steps", "rate 38.1": a number stays on the line of the word it belongs to.
std::string joined(const std::string& a, const std::string& b) { return a + kNoBreakSpace + b; }
std::string count(std::uint64_t n) { return std::to_string(n); }
}  // namespace

std::string divergence_message(const DivergenceFacts& f) {
    const std::string whose = f.who.empty() ? "the loss" : "the loss of " + f.who;
    std::string m = "At " + joined("step", count(f.step)) + " ";
    if (std::isnan(f.loss)) m += whose + " became NaN (not a number)";
    else if (std::isinf(f.loss)) m += whose + " became infinite";
    else m += whose + " jumped to " + format_loss(f.loss);
    if (f.start_loss >= 0 && std::isfinite(f.start_loss)) m += " (it started at " + format_loss(f.start_loss) + ")";

    const std::string then = format_learning_rate(f.diverged_at_rate), now = format_learning_rate(f.learning_rate);
    const std::string why = f.who.empty() ? " is too large for this network"
                                          : " is too large: each step overshoots the valley by more than the last";
    // Compared as written: the slider and the message show these strings, not the floats.
    if (now == then) return m + ": " + joined("learning rate", now) + why + ". Lower it and press Reset.";
    m += ", with " + joined("learning rate", then) + ", which" + why + ".";
    if (f.learning_rate > f.diverged_at_rate) return m + " The learning rate is now " + now + ", larger still: lower it and press Reset.";
    return m + " The learning rate is now " + now + ": press Reset to start again with it.";
}

std::string exploded_loss_reason(float loss, float first_loss, float learning_rate) {
    return "The loss exploded to " + format_loss(loss) + " (it started at " + format_loss(first_loss) +
           "): the learning rate " + format_learning_rate(learning_rate) + " is too large. Lower it and press Reset.";
}

std::string stuck_message(const StuckFacts& f) {
    std::string m = "Stuck: for " + joined(count(f.steps), "steps") + " the loss has not improved (it is " +
                    format_loss(f.loss) + "; guessing costs " + format_loss(f.guess_loss) +
                    ") and accuracy is no better than chance (" + format_percent(f.chance) + ").";
    // Far worse than guessing: confident and wrong, saturated neurons, the mark of steps too large.
    if (f.guess_loss > 0 && f.loss > 1.25f * f.guess_loss)
        return m + " Steps this large push the neurons to where they stop learning: lower the learning rate and "
                   "press Reset.";
    bool all_zero = !f.grad_norms.empty();
    for (float g : f.grad_norms) all_zero = all_zero && g == 0.f;
    if (all_zero)
        return m + " No gradient reaches any weight: the neurons are dead (ReLU below 0) or saturated. Lower the "
                   "learning rate and press Reset, or try " + joined("New", "seed") + ".";
    const std::string vanishing = "in a deep network the gradient fades on its way back to the first layers: "
                                  "try ReLU or shortcuts, then press Reset.";
    // At the cost of guessing: the same answer for every point, the flat start of a network whose
    // gradient vanishes before it reaches the layers that would have to change.
    if (f.guess_loss > 0 && std::abs(f.loss - f.guess_loss) <= 0.05f * f.guess_loss)
        return m + " It gives every point the same answer, and " + vanishing;
    // Vanishing: the first layer hears less than a ten-thousandth of what the output layer does.
    if (f.grad_norms.size() >= 3 && f.grad_norms.front() < 1e-4f * f.grad_norms.back())
        return m + " The first layers get almost no gradient: " + vanishing;
    return m + " Try a lower learning rate and press Reset, or " + joined("New", "seed") + ".";
}

}  // namespace train
