#include "train/trainer.h"

#include "train/messages.h"

#include <algorithm>
#include <cmath>
#include <limits>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#endif

namespace train {

using Clock = std::chrono::steady_clock;

namespace {
// Longest stretch of training between two looks at the command queue: short enough that a click
// feels instant, long enough that the look costs nothing.
constexpr auto kSlice = std::chrono::milliseconds(4);
}  // namespace

Trainer::Trainer(const Config& config, TrainerOptions options)
    : options_(options), run_(make_run(config, options.threads)), thread_([this] { run(); }) {}

Trainer::~Trainer() {
    {
        std::lock_guard lk(queue_mu_);
        stop_ = true;
    }
    queue_cv_.notify_all();
    thread_.join();
}

std::uint64_t Trainer::send(Command command) {
    std::uint64_t number = 0;
    {
        std::lock_guard lk(queue_mu_);
        queue_.push_back(std::move(command));
        number = ++commands_sent_;
    }
    queue_cv_.notify_all();
    return number;
}

SnapshotPtr Trainer::wait_for(const std::function<bool(const Snapshot&)>& pred, std::chrono::milliseconds timeout) {
    std::unique_lock lk(published_mu_);
    SnapshotPtr seen;
    published_cv_.wait_for(lk, timeout, [&] {
        seen = channel_.latest();
        return seen && pred(*seen);
    });
    return seen;
}

void Trainer::run() {
#ifdef __linux__
    // Per thread on Linux; the OpenMP workers this thread starts inherit the policy.
    if (options_.background) {
        sched_param param{};
        pthread_setschedparam(pthread_self(), SCHED_IDLE, &param);
    }
#endif
    last_publish_ = Clock::now() - std::chrono::hours(1);
    restart_stuck_watch();
    std::vector<Command> commands;
    for (;;) {
        {
            std::unique_lock lk(queue_mu_);
            const bool busy = state_ == RunState::Running || pending_steps_ > 0;
            if (!busy && !dirty_) queue_cv_.wait(lk, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            commands.swap(queue_);
        }
        // A presenter paging quickly sends a LoadConfig per step passed; only the last will be
        // seen, so the ones before it cost no model and no warm-up (their generation still counts).
        std::size_t last_load = commands.size();
        for (std::size_t i = 0; i < commands.size(); ++i)
            if (std::holds_alternative<LoadConfig>(commands[i])) last_load = i;
        for (std::size_t i = 0; i < commands.size(); ++i) {
            if (std::holds_alternative<LoadConfig>(commands[i]) && i < last_load) ++generation_;
            else apply(commands[i]);
            ++commands_applied_;
        }
        commands.clear();

        if (pending_steps_ > 0 || state_ == RunState::Running) train_for(kSlice);

        const double publish_hz = run_->max_publish_hz() > 0 ? std::min(options_.publish_hz, run_->max_publish_hz())
                                                              : options_.publish_hz;
        const bool publish_due = Clock::now() - last_publish_ >= std::chrono::duration<double>(1.0 / publish_hz);
        if (dirty_ && (publish_due || (state_ != RunState::Running && pending_steps_ == 0))) publish();

        // Paced training: sleep until the next step is due, waking early for a command.
        if (state_ == RunState::Running && pending_steps_ == 0 && run_->config().steps_per_second > 0) {
            const double sps = run_->config().steps_per_second;
            auto next_step = pace_origin_ + std::chrono::duration_cast<Clock::duration>(
                                                std::chrono::duration<double>(double(paced_steps_ + 1) / sps));
            if (dirty_) next_step = std::min(next_step, last_publish_ + std::chrono::duration_cast<Clock::duration>(
                                                            std::chrono::duration<double>(1.0 / publish_hz)));
            std::unique_lock lk(queue_mu_);
            queue_cv_.wait_until(lk, next_step, [&] { return stop_ || !queue_.empty(); });
        }
    }
}

namespace {
template <class>
inline constexpr bool kNotHandled = false;
}  // namespace

void Trainer::apply(Command& command) {
    dirty_ = true;
    // Anything but running, pausing and pacing changes what the network learns from or how: the
    // watch for a stuck network starts over.
    const bool restarts_watch = !std::holds_alternative<Play>(command) && !std::holds_alternative<Pause>(command) &&
                                !std::holds_alternative<StepN>(command) && !std::holds_alternative<SetSpeed>(command);
    const auto start_pacing = [&] {
        pace_origin_ = Clock::now();
        paced_steps_ = 0;
    };
    std::visit(
        [&](auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, Play>) {
                if (state_ == RunState::Diverged) return;  // NaN weights stay NaN: Reset first
                state_ = RunState::Running;
                message_.clear();
                pending_steps_ = 0;
                start_pacing();
            } else if constexpr (std::is_same_v<T, Pause>) {
                if (state_ == RunState::Running) state_ = RunState::Paused;
                pending_steps_ = 0;
            } else if constexpr (std::is_same_v<T, StepN>) {
                if (state_ == RunState::Diverged) return;
                state_ = RunState::Paused;
                pending_steps_ += std::max(0, c.n);
            } else if constexpr (std::is_same_v<T, Reset>) {
                run_->reset(c.seed);
                after_new_weights();
                start_pacing();
            } else if constexpr (std::is_same_v<T, SetLearningRate>) {
                if (c.learning_rate > 0 && std::isfinite(c.learning_rate)) run_->set_learning_rate(c.learning_rate);
            } else if constexpr (std::is_same_v<T, SetActivation>) {
                run_->set_activation(c.activation);
            } else if constexpr (std::is_same_v<T, SetLoss>) {
                run_->set_loss(c.loss);
            } else if constexpr (std::is_same_v<T, SetOptimizer>) {
                run_->set_optimizer(c.optimizer);
            } else if constexpr (std::is_same_v<T, SetBatchSize>) {
                run_->set_batch_size(c.batch_size);
            } else if constexpr (std::is_same_v<T, SetSpeed>) {
                run_->set_steps_per_second(std::max(0.0, c.steps_per_second));
                start_pacing();
            } else if constexpr (std::is_same_v<T, SetHidden>) {
                run_->set_hidden(std::move(c.hidden));
                after_new_weights();
            } else if constexpr (std::is_same_v<T, FamilyCommand>) {
                run_->apply(c);
            } else if constexpr (std::is_same_v<T, LoadConfig>) {
                run_ = make_run(c.config, options_.threads);
                ++generation_;
                message_.clear();
                pending_steps_ = 0;
                state_ = RunState::Paused;
                restart_stuck_watch();
                // Steps the class will never see when another step's preset is already waiting.
                for (int i = 0; i < c.warmup_steps && run_->divergence().empty(); ++i) {
                    if (i % 64 == 63 && load_waiting()) break;
                    step_once();
                }
                if (!run_->divergence().empty()) {
                    state_ = RunState::Diverged;
                    diverged_at_rate_ = run_->config().learning_rate;
                } else if (c.play) {
                    state_ = RunState::Running;
                    start_pacing();
                }
            } else {
                // A new command that no branch above handles must not vanish silently.
                static_assert(kNotHandled<T>, "Trainer::apply has no branch for this command");
            }
        },
        command);
    if (restarts_watch && !std::holds_alternative<LoadConfig>(command)) restart_stuck_watch();
}

bool Trainer::load_waiting() {
    std::lock_guard lk(queue_mu_);
    for (const Command& c : queue_)
        if (std::holds_alternative<LoadConfig>(c)) return true;
    return false;
}

void Trainer::restart_stuck_watch() {
    guess_ = run_->guess_baseline();
    stuck_.restart(guess_ ? guess_->chance : 0.5f);
}

void Trainer::step_once() {
    run_->step();
    if (guess_ && run_->divergence().empty())
        stuck_.observe(run_->loss(), run_->accuracy());
}

// Fresh weights clear a divergence: training may go on.
void Trainer::after_new_weights() {
    if (state_ == RunState::Diverged) state_ = RunState::Paused;
    message_.clear();
    pending_steps_ = 0;
}

void Trainer::train_for(Clock::duration budget) {
    const auto start = Clock::now();
    const double sps = run_->config().steps_per_second;
    long todo;
    if (pending_steps_ > 0) {
        todo = pending_steps_;
    } else if (sps > 0) {
        const double due = std::chrono::duration<double>(start - pace_origin_).count() * sps;
        todo = long(due) - long(paced_steps_);
        // Steps slower than the pace asked for: give up catching up rather than stall the queue.
        if (todo > long(sps) + 1) {
            pace_origin_ = start;
            paced_steps_ = 0;
            todo = 1;
        }
    } else {
        todo = std::numeric_limits<long>::max();
    }
    if (const std::string why = run_->cannot_train(); !why.empty()) {
        // Nothing to train on (the user cleared the points): pause and say so.
        state_ = RunState::Paused;
        pending_steps_ = 0;
        message_ = why;
        dirty_ = true;
        return;
    }
    long done = 0;
    while (done < todo) {
        step_once();
        ++done;
        if (!run_->divergence().empty()) break;
        if (Clock::now() - start >= budget) break;
    }
    if (done > 0) dirty_ = true;
    if (pending_steps_ > 0) pending_steps_ -= done;
    else paced_steps_ += std::uint64_t(done);

    if (!run_->divergence().empty()) {
        state_ = RunState::Diverged;
        diverged_at_rate_ = run_->config().learning_rate;  // what that step applied
        pending_steps_ = 0;
    }
}

void Trainer::publish() {
    if (run_->steps() != evaluated_at_step_) {
        // Training on: measure when affordable. Stopped: the figures must be of the step on screen.
        if (state_ == RunState::Running || pending_steps_ > 0) run_->evaluate();
        else run_->evaluate_now();
    }
    evaluated_at_step_ = run_->steps();
    auto s = std::make_shared<Snapshot>();
    run_->fill_snapshot(*s);
    s->version = ++version_;
    s->generation = generation_;
    s->commands_applied = commands_applied_;
    s->state = pending_steps_ > 0 ? RunState::Running : state_;
    compose_message(*s);
    {
        std::lock_guard lk(published_mu_);
        channel_.publish(std::move(s));
    }
    published_cv_.notify_all();
    last_publish_ = Clock::now();
    dirty_ = false;
}

// Written from the snapshot's own figures at the moment it is published, so the message quotes the
// loss the scoreboard shows and the learning rate the slider shows, even after either has changed.
void Trainer::compose_message(Snapshot& s) const {
    s.message.clear();
    s.message_kind = MessageKind::None;
    if (state_ == RunState::Diverged) {
        DivergenceFacts f;
        f.step = s.step;
        f.diverged_at_rate = diverged_at_rate_;
        f.learning_rate = s.config.learning_rate;
        run_->describe_divergence(s, f);
        s.message = divergence_message(f);
        s.message_kind = MessageKind::Error;
    } else if (!message_.empty()) {
        s.message = message_;
        s.message_kind = MessageKind::Warning;
    } else if (guess_ && stuck_.stuck()) {
        s.message = stuck_message({stuck_.steps_without_improvement(), s.train_loss, guess_->guess_loss, stuck_.chance(), s.grad_norms});
        s.message_kind = MessageKind::Warning;
    } else if (run_->converged()) {
        s.message = "Converged: a whole pass over the data without a single mistake.";
        s.message_kind = MessageKind::Good;
    }
}

}  // namespace train
