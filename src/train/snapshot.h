#pragma once
// What the trainer publishes: an immutable picture of the training state, drawn by the UI. A common
// part every panel may read (step, run state, message, metrics, gradient sizes) and a family part
// (the plane's points and fields, the digits' pictures) that only that family's panels ask for.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "train/config.h"
#include "train/history.h"

namespace train {

enum class RunState { Paused, Running, Diverged };

// How the UI should present a snapshot's message.
enum class MessageKind {
    None,
    Good,     // "converged"
    Warning,  // training goes on but something is wrong (stuck) or cannot start (no points)
    Error,    // training stopped itself (the loss ran away)
};

// A family's part of a snapshot (PlaneView, DigitsView...).
struct FamilyView {
    virtual ~FamilyView() = default;
};

struct Snapshot {
    std::uint64_t version = 0;   // grows with every publication
    std::uint64_t generation = 0;  // how many LoadConfig commands the trainer has applied
    std::uint64_t commands_applied = 0;  // how many commands of any kind (see Trainer::send)
    std::uint64_t step = 0;      // training steps taken since the model was made
    RunState state = RunState::Paused;
    std::string message;         // why training paused itself, or a note such as "converged"
    MessageKind message_kind = MessageKind::None;
    Config config;

    long parameter_count = 0;
    float loss = 0;              // perceptron: examples it gets wrong; networks: mean loss of the last batch
    float accuracy = 0;          // of the last batch (perceptron: of all points), in [0, 1]
    // Of all training and test examples with the current weights (negative when there are none).
    float train_loss = -1, train_accuracy = -1, test_loss = -1, test_accuracy = -1;
    MetricsHistory history;

    // Per linear layer, first to last: norms of the weight gradient of the last step and of the weights.
    std::vector<float> grad_norms, weight_norms;
    MultiSeries grad_norm_history;  // grad_norms over time

    std::shared_ptr<const FamilyView> family;

    // The family part a panel draws, or null when the snapshot is of another family.
    template <class View>
    const View* view() const {
        return dynamic_cast<const View*>(family.get());
    }
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace train
