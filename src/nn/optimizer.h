#pragma once
// Optimizers: how a gradient becomes a change of the weights.
//   SGD:       w <- w - lr g
//   Momentum:  v <- mu v + g;  w <- w - lr v          (a heavy ball: it keeps rolling through noise)
//   Adam:      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
//              w <- w - lr m^ / (sqrt(v^) + eps),  m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
//              (Kingma & Ba, 2015: a step of about lr in every direction, whatever the slope's scale;
//              the bias correction undoes the zero start of m and v in the first steps)
#include <optional>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace nn {

enum class OptimizerKind { SGD, Momentum, Adam };

inline constexpr OptimizerKind kAllOptimizers[] = {OptimizerKind::SGD, OptimizerKind::Momentum, OptimizerKind::Adam};

std::string_view optimizer_name(OptimizerKind k);  // "sgd", "momentum", "adam"
std::optional<OptimizerKind> optimizer_from_name(std::string_view name);

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::SGD;
    float learning_rate = 0.1f;
    float momentum = 0.9f;
    float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
};

// Squared norms of what an update touched, for the gradient and weight panels.
struct UpdateNorms {
    double value_sq = 0;  // ||w||^2 after the update
    double grad_sq = 0;   // ||g||^2
};

class Optimizer {
public:
    explicit Optimizer(OptimizerSettings settings = {}) : settings_(settings) {}

    const OptimizerSettings& settings() const { return settings_; }
    // The learning rate can change between steps; the velocities and moments are kept.
    void set_learning_rate(float lr) { settings_.learning_rate = lr; }
    // Another kind starts from a clean state.
    void set_kind(OptimizerKind kind);

    // Sizes of the parameter tensors, in slot order: allocates the state once, so that steps
    // allocate nothing. Calling it with other sizes starts from a clean state.
    void prepare(const std::vector<Eigen::Index>& sizes);
    // Forget velocities and moments (new weights).
    void reset();

    // Once per step, before the updates of that step (Adam counts steps for its bias correction).
    void begin_step() { ++t_; }

    // Updates value[0..n) of slot `slot` from grad[0..n); `offset` is where value[0] sits in the
    // slot, so that threads can update disjoint ranges of one tensor at the same time.
    UpdateNorms update(int slot, Eigen::Index offset, float* value, const float* grad, Eigen::Index n);

private:
    OptimizerSettings settings_;
    std::vector<Eigen::Index> sizes_;
    std::vector<std::vector<float>> first_, second_;  // momentum's v, or Adam's m and v, per slot
    long t_ = 0;
};

}  // namespace nn
