// The fast training step against the reference implementation, on one and two threads.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "nn/mlp.h"
#include "nn/mlp_trainer.h"

namespace {

struct Batch {
    nn::Matrix x, t;
};

// A batch of random inputs (standard normal) with random class labels.
Batch classes_batch(int rows, int inputs, int classes, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> u(0.f, 1.f);
    Batch b{nn::Matrix(rows, inputs), nn::Matrix::Zero(rows, classes)};
    for (int i = 0; i < rows; ++i) {
        for (int j = 0; j < inputs; ++j) b.x(i, j) = u(rng);
        b.t(i, int(rng() % std::uint64_t(classes))) = 1.f;
    }
    return b;
}

// One reference step: the gradient from the reference backward pass, then w -= lr g.
float reference_sgd_step(nn::Mlp& mlp, const Batch& b, float lr, std::vector<float>* grad_norms = nullptr) {
    nn::MlpCache cache;
    nn::MlpGrads grads;
    const float loss = nn::mlp_loss_and_grads(mlp, b.x, b.t, cache, grads);
    if (grad_norms) grad_norms->clear();
    for (int l = 0; l < mlp.layer_count(); ++l) {
        if (grad_norms) grad_norms->push_back(grads.dW[l].norm());
        mlp.W[l] -= lr * grads.dW[l];
        mlp.b[l] -= lr * grads.db[l];
    }
    return loss;
}

float max_difference(const nn::Mlp& a, const nn::Mlp& b) {
    float d = 0;
    for (int l = 0; l < a.layer_count(); ++l) {
        d = std::max(d, (a.W[l] - b.W[l]).cwiseAbs().maxCoeff());
        d = std::max(d, (a.b[l] - b.b[l]).cwiseAbs().maxCoeff());
    }
    return d;
}

}  // namespace

TEST_CASE("the training step equals the reference backward pass plus SGD, for every batch path and thread count") {
    // Batch 1 and 8: the fused update; 64: rows split between workers and dW formed.
    for (int batch : {1, 8, 64})
        for (int threads : {1, 2}) {
            CAPTURE(batch);
            CAPTURE(threads);
            const Batch b = classes_batch(batch, 20, 4, 7);
            nn::Mlp fast = nn::make_mlp<float>({20, 16, 12, 4}, nn::Activation::Tanh, 3);
            nn::Mlp reference = fast;
            nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.3f}, threads);
            for (int step = 0; step < 4; ++step) {
                std::vector<float> ref_norms;
                const float ref_loss = reference_sgd_step(reference, b, 0.3f, &ref_norms);
                const nn::StepResult r = trainer.step(fast, b.x, b.t);
                CHECK(r.loss == doctest::Approx(ref_loss).epsilon(1e-5));
                for (int l = 0; l < fast.layer_count(); ++l) {
                    CHECK(trainer.grad_norms()[l] == doctest::Approx(ref_norms[l]).epsilon(1e-3));
                    CHECK(trainer.weight_norms()[l] == doctest::Approx(fast.W[l].norm()).epsilon(1e-4));
                }
            }
            CHECK(max_difference(fast, reference) < 1e-5f);
        }
}

TEST_CASE("a small batch of a wide network: the fused update with Gram norms, and on two threads each its own "
          "block of the first layer, equal the reference") {
    const std::vector<int> sizes = {784, 128, 64, 10};
    for (int batch : {8, 16})
        for (int threads : {1, 2}) {
            CAPTURE(batch);
            CAPTURE(threads);
            const nn::StepPlan plan = nn::MlpTrainer::plan(sizes, batch, threads, nn::OptimizerKind::SGD);
            CHECK(plan.fused);
            CHECK(plan.split_first_layer == (threads == 2));
            CHECK(nn::MlpTrainer::fuses_layer(batch, 784, 128));
            const Batch b = classes_batch(batch, 784, 10, 3);
            nn::Mlp fast = nn::make_mlp<float>(sizes, nn::Activation::ReLU, 4);
            nn::Mlp reference = fast;
            nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.05f}, threads);
            for (int step = 0; step < 3; ++step) {
                std::vector<float> ref_norms;
                const float ref_loss = reference_sgd_step(reference, b, 0.05f, &ref_norms);
                CHECK(trainer.step(fast, b.x, b.t).loss == doctest::Approx(ref_loss).epsilon(1e-5));
                for (int l = 0; l < fast.layer_count(); ++l) {
                    CHECK(trainer.grad_norms()[l] == doctest::Approx(ref_norms[l]).epsilon(1e-3));
                    CHECK(trainer.weight_norms()[l] == doctest::Approx(fast.W[l].norm()).epsilon(1e-4));
                }
            }
            CHECK(max_difference(fast, reference) < 1e-5f);
        }
    // Steps this small are not worth a second core (measured in bench).
    CHECK(nn::MlpTrainer::plan({2, 4, 1}, 4, 2, nn::OptimizerKind::SGD).parts == 1);
    CHECK(nn::MlpTrainer::plan(sizes, 1, 2, nn::OptimizerKind::SGD).parts == 1);
}

TEST_CASE("a step on rows of a data set, each thread copying its own, equals a step on those rows copied first") {
    // Batch 8: one worker (on two threads, each its block of the first layer); 64: a worker per
    // thread; 63: blocks of unequal size.
    const Batch data = classes_batch(300, 50, 10, 11);
    for (int batch : {8, 63, 64})
        for (int threads : {1, 2}) {
            CAPTURE(batch);
            CAPTURE(threads);
            std::mt19937_64 rng(batch);
            nn::Mlp from_rows = nn::make_mlp<float>({50, 64, 32, 10}, nn::Activation::ReLU, 6);
            nn::Mlp from_batch = from_rows;
            nn::MlpTrainer by_rows({nn::OptimizerKind::SGD, 0.1f}, threads), by_batch({nn::OptimizerKind::SGD, 0.1f}, threads);
            for (int step = 0; step < 3; ++step) {
                std::vector<int> rows(static_cast<std::size_t>(batch));
                for (int& r : rows) r = int(rng() % std::uint64_t(data.x.rows()));
                Batch copied{nn::Matrix(batch, data.x.cols()), nn::Matrix(batch, data.t.cols())};
                for (int i = 0; i < batch; ++i) {
                    copied.x.row(i) = data.x.row(rows[std::size_t(i)]);
                    copied.t.row(i) = data.t.row(rows[std::size_t(i)]);
                }
                const nn::StepResult a = by_rows.step_rows(from_rows, data.x, data.t, rows);
                const nn::StepResult b = by_batch.step(from_batch, copied.x, copied.t);
                CHECK(a.loss == b.loss);
                CHECK(a.correct == b.correct);
            }
            CHECK(max_difference(from_rows, from_batch) == 0.f);
        }
}

TEST_CASE("two threads give the same step as one, with shortcuts and Adam") {
    const Batch b = classes_batch(256, 12, 3, 9);
    auto one = nn::make_mlp<float>({12, 16, 16, 16, 3}, nn::Activation::ReLU, 5, true);
    auto two = one;
    nn::MlpTrainer t1({nn::OptimizerKind::Adam, 0.01f}, 1), t2({nn::OptimizerKind::Adam, 0.01f}, 2);
    for (int step = 0; step < 5; ++step) {
        const auto r1 = t1.step(one, b.x, b.t);
        const auto r2 = t2.step(two, b.x, b.t);
        CHECK(r1.loss == doctest::Approx(r2.loss).epsilon(1e-5));
        CHECK(r1.correct == r2.correct);
    }
    CHECK(max_difference(one, two) < 1e-5f);
}

TEST_CASE("the same seed gives the same losses bit for bit with the same thread count") {
    for (int threads : {1, 2}) {
        CAPTURE(threads);
        const Batch b = classes_batch(64, 30, 5, 2);
        std::vector<float> losses[2];
        for (auto& run : losses) {
            auto mlp = nn::make_mlp<float>({30, 20, 5}, nn::Activation::GELU, 8);
            nn::MlpTrainer trainer({nn::OptimizerKind::Momentum, 0.05f}, threads);
            for (int step = 0; step < 20; ++step) run.push_back(trainer.step(mlp, b.x, b.t).loss);
        }
        CHECK(losses[0] == losses[1]);
    }
}

TEST_CASE("the fused path's running weight norm stays exact over many steps") {
    const Batch b = classes_batch(1, 10, 2, 4);
    auto mlp = nn::make_mlp<float>({10, 8, 2}, nn::Activation::Sigmoid, 1);
    nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.5f}, 1);
    for (int step = 0; step < 2000; ++step) trainer.step(mlp, b.x, b.t);
    for (int l = 0; l < mlp.layer_count(); ++l)
        CHECK(trainer.weight_norms()[l] == doctest::Approx(mlp.W[l].norm()).epsilon(1e-4));
}

TEST_CASE("training reduces the loss: a 784-16-16-10 MLP memorises a batch") {
    const Batch b = classes_batch(64, 784, 10, 12);
    auto mlp = nn::make_mlp<float>({784, 16, 16, 10}, nn::Activation::Tanh, 2);
    CHECK(mlp.parameter_count() == 13002);
    nn::MlpTrainer trainer({nn::OptimizerKind::Adam, 0.01f}, 2);
    const float first = trainer.step(mlp, b.x, b.t).loss;
    CHECK(first == doctest::Approx(std::log(10.f)).epsilon(0.3));  // about log 10 for a net that knows nothing
    nn::StepResult last;
    for (int step = 0; step < 300; ++step) last = trainer.step(mlp, b.x, b.t);
    CHECK(last.loss < 0.01f);
    CHECK(last.correct == 64);
}

TEST_CASE("vanishing gradients: a deep sigmoid net's first layer gets orders of magnitude less gradient than its last") {
    // 20 hidden layers of 16 on a 2-D problem, as in lesson 4.
    std::vector<int> sizes = {2};
    for (int i = 0; i < 20; ++i) sizes.push_back(16);
    sizes.push_back(1);
    std::mt19937_64 rng(3);
    std::normal_distribution<float> normal;
    Batch b{nn::Matrix(128, 2), nn::Matrix(128, 1)};
    for (int i = 0; i < 128; ++i) {
        b.x(i, 0) = normal(rng);
        b.x(i, 1) = normal(rng);
        b.t(i, 0) = b.x(i, 0) * b.x(i, 1) > 0 ? 1.f : 0.f;
    }
    const auto first_over_last = [&](nn::Activation a, bool residual) {
        auto mlp = nn::make_mlp<float>(sizes, a, 1, residual);
        nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.01f}, 1);
        trainer.step(mlp, b.x, b.t);
        return trainer.grad_norms().front() / trainer.grad_norms().back();
    };
    const float sigmoid = first_over_last(nn::Activation::Sigmoid, false);
    const float relu = first_over_last(nn::Activation::ReLU, false);
    const float relu_residual = first_over_last(nn::Activation::ReLU, true);
    MESSAGE("first/last layer gradient norm: sigmoid " << sigmoid << ", relu " << relu << ", relu + shortcuts "
                                                       << relu_residual);
    CHECK(sigmoid < 1e-6f);
    CHECK(relu_residual > 1e-2f);
    CHECK(relu_residual > 1e4f * sigmoid);
}
