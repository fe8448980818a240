#pragma once
// The fast training step of an MLP: forward, loss, backward and the optimizer's update on one
// batch, on up to `threads` cores, allocating nothing once the first step has sized its buffers.
//
// How the cores share a step (measured on the 2-core machine this was written on: at the shapes
// of the lessons, one Eigen product split across two threads is slower than on one, so the work
// is split between products instead):
//   1. rows: each worker runs forward and backward on its own slice of the batch, when the batch
//      is large enough to give every worker kMinRowsPerWorker rows;
//   2. weights: after one barrier, each thread forms the weight gradients of its own block of
//      every layer's output rows, dW = dz^T a, and updates those rows; no gradient is reduced
//      across threads and no two threads write the same memory.
// A batch too small to split by rows is one worker's, and then each thread also computes the
// first layer's outputs for its own block of rows. The first layer holds most of the weights
// (100,352 of 109,386 in 784-128-64-10), so each core keeps reading and writing its own half of
// them in its own cache; were the forward pass on one core, every step would move the other
// half between the cores' caches. A step too small to pay for waking a second core runs on one.
// With plain SGD and a small batch, step 2 never forms dW: W -= lr dz^T a is applied as one
// product. At batch 1 that halves the memory traffic of the step, which is what limits it.
#include <span>
#include <vector>

#include "nn/mlp.h"
#include "nn/optimizer.h"

namespace nn {

// How a step of a given batch is shared out (see above).
struct StepPlan {
    int workers = 1;     // slices of the batch run forward and backward at the same time
    int parts = 1;       // threads, each with its own block of every layer's weight rows
    bool split_first_layer = false;  // one worker, and the first layer's outputs computed by parts
    bool fused = false;  // W -= lr dz^T a without forming dW, in the layers where it pays (fuses_layer)
};

struct StepResult {
    float loss = 0;   // mean loss of the batch, before the update
    int correct = 0;  // rows the model classified right, before the update
};

class MlpTrainer {
public:
    explicit MlpTrainer(OptimizerSettings optimizer = {}, int threads = 1);

    void set_threads(int threads);
    int threads() const { return threads_; }
    Optimizer& optimizer() { return optimizer_; }
    const Optimizer& optimizer() const { return optimizer_; }

    static StepPlan plan(const std::vector<int>& sizes, int batch, int threads, OptimizerKind optimizer);
    // Under a fused plan, whether a layer of in -> out applies its update without forming dW. The
    // fused form saves writing and reading dW (in x out floats) but pays batch^2 (in + out)
    // multiply-adds for the Gram matrices that give ||dW||: worth it when the batch is small
    // against the layer.
    static bool fuses_layer(int batch, int in, int out) { return 4L * batch * (in + out) <= long(in) * out; }

    // One step on the batch x [batch, inputs] with targets t [batch, outputs].
    StepResult step(Mlp& mlp, const Matrix& x, const Matrix& t);
    // The same step on the batch made of rows `rows` of a data set x [count, inputs] with targets
    // t [count, outputs] (a shuffled order's next slice): step(mlp, x(rows), t(rows)). Each thread
    // copies the rows it will work on itself, so the copying is shared out and each row arrives
    // in the cache of the core that reads it. Measured over an epoch of 60,000 digits
    // (784-128-64-10, batch 64, two threads, 0.143 s of steps on an idle machine): rows copied by
    // one thread into one batch before each step add 0.032 s (the copying alone is 0.019 s; the
    // rest is the other core fetching its half from the first core's cache); copied here, 0.022 s.
    StepResult step_rows(Mlp& mlp, const Matrix& x, const Matrix& t, std::span<const int> rows);

    // Per layer, for the panels: the norm of the weight gradient dL/dW of the last step, and the
    // norm of the weights after it (Frobenius norms; biases left out).
    const std::vector<float>& grad_norms() const { return grad_norms_; }
    const std::vector<float>& weight_norms() const { return weight_norms_; }

    // The model was replaced or its weights were changed elsewhere: forget the optimizer's state
    // and the norms it was keeping.
    void reset();

    static constexpr int kMinRowsPerWorker = 32;
    static constexpr int kFusedMaxBatch = 16;
    // Multiply-adds of a step's forward pass below which a second core costs more to wake than
    // it saves (about 2 microseconds of work).
    static constexpr long kMinMacsForTeam = 200'000;

private:
    struct Worker {
        MlpCache cache;
        Matrix x;  // the worker's rows of the batch, when step_rows copies them (else cache.x views the caller's)
        Matrix t;  // the worker's rows of the targets
        StepResult result;
    };
    // One thread's block of one layer's output rows, with its running norms.
    struct Part {
        double weight_sq = 0, grad_sq = 0;
        Matrix gram_a, gram_dz;  // fused SGD: Gram matrices of the batch, for ||dW|| without dW
    };

    // What step and step_rows share: x and t are the batch, or (rows not empty) the data set the
    // batch's rows are copied from.
    StepResult run_step(Mlp& mlp, const Matrix& x, const Matrix& t, std::span<const int> rows, int batch);
    void prepare(const Mlp& mlp, int batch);
    void copy_rows(const Matrix& x, const Matrix& t, std::span<const int> rows, int part);
    void forward_backward(const Mlp& mlp, Worker& w, int rows, int batch, bool first_layer_done);
    void first_layer_rows(const Mlp& mlp, int part);
    void update_rows(Mlp& mlp, int layer, int part, bool fused);
    void exact_weight_norms(const Mlp& mlp);

    Optimizer optimizer_;
    int threads_;

    // Shapes the buffers below were sized for.
    std::vector<int> sizes_;
    int batch_ = 0;
    StepPlan plan_;
    std::vector<Worker> workers_;
    std::vector<MatrixT<float>> dW_;  // weight gradients, when they are formed
    std::vector<RowVector> db_;
    std::vector<Part> parts_by_layer_;  // [layer * parts_ + part]
    long steps_since_exact_ = 0;
    bool norms_valid_ = false;
    std::vector<float> grad_norms_, weight_norms_;
};

}  // namespace nn
