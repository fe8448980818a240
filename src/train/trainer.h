#pragma once
// The trainer thread: owns the run of a family (see train/family.h), applies commands between steps, and publishes snapshots at
// a bounded rate. The UI never waits on it: send() only appends to a queue, latest() only copies a
// pointer.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "train/commands.h"
#include "train/family.h"
#include "train/snapshot.h"
#include "train/stuck_watch.h"

namespace train {

// The lock guards a pointer swap, nothing else.
class SnapshotChannel {
public:
    void publish(SnapshotPtr s) {
        std::lock_guard lk(mu_);
        latest_ = std::move(s);
    }
    SnapshotPtr latest() const {
        std::lock_guard lk(mu_);
        return latest_;
    }

private:
    mutable std::mutex mu_;
    SnapshotPtr latest_;
};

struct TrainerOptions {
    int threads = 1;            // OpenMP team size inside a step
    double publish_hz = 60.0;   // snapshots per second while training
    // Run the trainer thread only on CPU time nothing else wants (Linux SCHED_IDLE). A window sets
    // it so that drawing a frame always wins a core over one more training step; when the window
    // is idle, training still gets the whole core.
    bool background = false;
};

class Trainer {
public:
    Trainer(const Config& config, TrainerOptions options = {});
    ~Trainer();  // stops and joins the thread
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Queues a command; returns its number (1, 2, 3...), which a snapshot's commands_applied reaches
    // once the trainer has applied it.
    std::uint64_t send(Command command);


    SnapshotPtr latest() const { return channel_.latest(); }

    // Blocks the caller until a published snapshot satisfies pred, or the timeout passes; returns
    // the last snapshot seen either way. For start-up (--train-steps) and tests, never per frame.
    SnapshotPtr wait_for(const std::function<bool(const Snapshot&)>& pred, std::chrono::milliseconds timeout);

private:
    void run();
    void apply(Command& command);
    void train_for(std::chrono::steady_clock::duration budget);
    void publish();
    void after_new_weights();
    // Whether a LoadConfig is queued behind the command being applied.
    bool load_waiting();
    void restart_stuck_watch();
    void step_once();
    void compose_message(Snapshot& s) const;

    TrainerOptions options_;
    std::unique_ptr<Run> run_;  // touched only by the trainer thread once it runs

    // Shared with the UI thread.
    std::mutex queue_mu_;
    std::condition_variable queue_cv_;
    std::vector<Command> queue_;
    bool stop_ = false;

    std::mutex published_mu_;
    std::condition_variable published_cv_;
    SnapshotChannel channel_;

    // Trainer thread only.
    RunState state_ = RunState::Paused;
    std::string message_;          // why training cannot run (no points); the others are composed at publishing
    float diverged_at_rate_ = 0;   // the learning rate of the step whose loss ran away
    StuckWatch stuck_;
    std::optional<GuessBaseline> guess_;  // the stuck watch's baseline; none: the watch is off
    long pending_steps_ = 0;
    std::chrono::steady_clock::time_point pace_origin_;
    std::uint64_t paced_steps_ = 0;
    std::chrono::steady_clock::time_point last_publish_;
    std::uint64_t version_ = 0;
    std::uint64_t commands_sent_ = 0;     // guarded by queue_mu_
    std::uint64_t commands_applied_ = 0;  // trainer thread only
    std::uint64_t generation_ = 0;
    bool dirty_ = true;
    std::uint64_t evaluated_at_step_ = 0;

    std::thread thread_;  // last: starts after everything above exists
};

}  // namespace train
