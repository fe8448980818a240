// Training throughput of the engine, one line per case, in a form that can be compared across
// versions:
//   mlp 784-128-64-10 batch 64 threads 2: 123,456 samples/s (41.2 GFLOP/s, 83% of its matrix products)
// Each "mlp" and "xor" case trains on synthetic data of the lesson's shape (forward, backward and a
// plain SGD update per step). Beside it, the bare Eigen matrix products that one step consists of,
// shared among the threads the same way, are timed on their own: the percentage is how close the
// whole step comes to them; the rest is overhead (copies, element-wise work, bookkeeping, threads).
//
// The "mnist" cases train on digits the way the app's trainer does, so that what they time
// includes drawing the batches (a shuffled order, each batch's rows copied out of the data set):
//   mnist epoch 784-128-64-10 batch 64 threads 2: 0.21 s (285,714 samples/s)
//   mnist 784-128-64-10 batch 64 threads 1 to 90% test accuracy: 1.80 s (1,400 steps, seed 1, learning rate 0.1)
// An epoch is 60,000 images, the size of the full MNIST training set. The digits are the full set
// when --mnist-dir names one, else the set-up's digits in data/mnist (8,000 training images, tiled
// to 60,000 rows for the epoch), else random pixels and labels of the same shape; a line printed
// before the first mnist case says which.
//
// The "transformer" cases train a decoder-only transformer (TransformerTrainer: forward, backward,
// clipping and AdamW) on random tokens, every position scored, in tokens (positions) per second:
//   transformer V64 T32 d64 h4 L2 batch 16 threads 2: 123,456 tokens/s (41.2 GFLOP/s, 83% of its matrix products)
// (vocabulary V, sequence length T, d_model, heads, layers), with the same two figures as the mlp
// cases: the products' flops per second, and the bare products' time over the step's.
//
// The "skipgram" cases time word2vec training (skipgram_train_range) in word2vec's own unit:
//   skipgram V300 d32 neg5 window5 threads 1: 1,234,567 words/s
// words being corpus positions consumed as centres, on a synthetic corpus whose word of rank r has
// probability proportional to 1/r (Zipf), with word2vec's defaults: a random window of 1..5 words
// each side, 5 negatives from the unigram distribution to the power 3/4, no subsampling.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "data/idx.h"
#include "nn/mlp.h"
#include "nn/mlp_trainer.h"
#include "nn/skipgram.h"
#include "nn/transformer/transformer.h"

namespace {

using Clock = std::chrono::steady_clock;

enum class Measure {
    Throughput,  // samples (or steps) per second of the bare training step on synthetic data
    Epoch,       // seconds of an epoch of 60,000 digits, drawing the batches included
    ToAccuracy,  // seconds of training until the test accuracy reaches kTargetAccuracy
    Words,       // corpus positions per second of skip-gram training on a synthetic Zipf corpus
    Tokens,      // sequence positions per second of transformer training on random tokens
};

constexpr double kTargetAccuracy = 0.90;

struct Case {
    std::string family;  // "mlp", "xor", "mnist" or "skipgram"
    std::vector<int> sizes;  // skipgram: {vocabulary, dimension}; transformer: {vocabulary, length, d_model, heads, layers}
    int batch = 1;
    int threads = 1;
    Measure measure = Measure::Throughput;

    std::string shape() const {
        std::string s;
        for (std::size_t i = 0; i < sizes.size(); ++i) s += (i ? "-" : "") + std::to_string(sizes[i]);
        return s;
    }
    std::string name() const {
        if (measure == Measure::Words)
            return family + " V" + std::to_string(sizes[0]) + " d" + std::to_string(sizes[1]) + " neg5 window5 threads " +
                   std::to_string(threads);
        if (measure == Measure::Tokens)
            return family + " V" + std::to_string(sizes[0]) + " T" + std::to_string(sizes[1]) + " d" +
                   std::to_string(sizes[2]) + " h" + std::to_string(sizes[3]) + " L" + std::to_string(sizes[4]) +
                   " batch " + std::to_string(batch) + " threads " + std::to_string(threads);
        const std::string run = shape() + " batch " + std::to_string(batch) + " threads " + std::to_string(threads);
        switch (measure) {
            case Measure::Throughput: return family + " " + run;
            case Measure::Epoch: return family + " epoch " + run;
            case Measure::ToAccuracy:
                return family + " " + run + " to " + std::to_string(int(kTargetAccuracy * 100 + 0.5)) + "% test accuracy";
            case Measure::Words:
            case Measure::Tokens: break;
        }
        return run;
    }
};

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (const std::vector<int>& sizes : {std::vector<int>{784, 16, 16, 10}, std::vector<int>{784, 128, 64, 10}})
        for (int batch : {1, 8, 64, 256})
            for (int threads : {1, 2}) cases.push_back({"mlp", sizes, batch, threads});
    for (int threads : {1, 2}) cases.push_back({"xor", {2, 4, 1}, 4, threads});
    for (int threads : {2, 1}) cases.push_back({"mnist", {784, 128, 64, 10}, 64, threads, Measure::Epoch});
    cases.push_back({"mnist", {784, 128, 64, 10}, 64, 1, Measure::ToAccuracy});
    for (const std::vector<int>& shape : {std::vector<int>{300, 32}, std::vector<int>{10'000, 100}})
        for (int threads : {1, 2}) cases.push_back({"skipgram", shape, 1, threads, Measure::Words});
    for (const std::vector<int>& shape : {std::vector<int>{64, 32, 64, 4, 2}, std::vector<int>{64, 64, 128, 4, 4}})
        for (int threads : {1, 2}) cases.push_back({"transformer", shape, 16, threads, Measure::Tokens});
    return cases;
}

// 1234567.8 -> "1,234,568"
std::string with_commas(double v) {
    // Built by appending, not by insert(): GCC 12 warns (wrongly, -Wrestrict) about the inlined insert.
    const std::string digits = std::to_string(static_cast<long long>(v + 0.5));
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

// Seconds per call of f, over at least `seconds` of calls after a warm-up.
template <class F>
double seconds_per_call(F&& f, double seconds) {
    for (int i = 0; i < 3; ++i) f();
    long calls = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    for (long batch_of_calls = 1;; batch_of_calls = std::min(batch_of_calls * 2, 1L << 16)) {
        for (long i = 0; i < batch_of_calls; ++i) f();
        calls += batch_of_calls;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed >= seconds) break;
    }
    return elapsed / double(calls);
}

// Floating-point operations of the matrix products of one step: forward x W^T, weight gradient
// dz^T a, and the gradient to the layer's input dz W (not for the first layer).
double product_flops(const Case& c) {
    double flops = 0;
    for (std::size_t l = 0; l + 1 < c.sizes.size(); ++l) {
        const double mac = double(c.batch) * c.sizes[l] * c.sizes[l + 1];
        flops += 2 * mac * (l == 0 ? 2 : 3);
    }
    return flops;
}

struct Batch {
    nn::Matrix x, t;
};

Batch synthetic_batch(const Case& c, std::mt19937_64& rng) {
    std::uniform_real_distribution<float> u(0.f, 1.f);
    const int out = c.sizes.back();
    Batch b{nn::Matrix(c.batch, c.sizes.front()), nn::Matrix::Zero(c.batch, out)};
    for (int i = 0; i < c.batch; ++i) {
        for (int j = 0; j < b.x.cols(); ++j) b.x(i, j) = u(rng);
        if (out == 1) b.t(i, 0) = float(rng() % 2);
        else b.t(i, int(rng() % std::uint64_t(out))) = 1.f;
    }
    return b;
}

// The bare products of one step under the trainer's plan: each worker's forward and input-gradient
// products on its rows, and each thread's weight-gradient product (or fused update) on its block
// of rows. Run back to back on each thread with no synchronisation between steps: the time the
// step would take if everything else were free.
class BareProducts {
public:
    BareProducts(const Case& c, const nn::StepPlan& plan, std::mt19937_64& rng)
        : plan_(plan), batch_(c.batch), L_(int(c.sizes.size()) - 1) {
        std::uniform_real_distribution<float> u(-0.01f, 0.01f);
        const auto random = [&](int r, int k) {
            nn::Matrix m(r, k);
            for (int i = 0; i < r; ++i)
                for (int j = 0; j < k; ++j) m(i, j) = u(rng);
            return m;
        };
        for (int l = 0; l < L_; ++l) {
            W_.push_back(random(c.sizes[l + 1], c.sizes[l]));
            dW_.push_back(random(c.sizes[l + 1], c.sizes[l]));
        }
        workers_.resize(std::size_t(plan.workers));
        for (int k = 0; k < plan.workers; ++k) {
            const int rows = c.batch * (k + 1) / plan.workers - c.batch * k / plan.workers;
            Worker& w = workers_[std::size_t(k)];
            for (int l = 0; l < L_; ++l) {
                w.a.push_back(random(rows, c.sizes[l]));
                w.z.push_back(random(rows, c.sizes[l + 1]));
                w.dz.push_back(random(rows, c.sizes[l + 1]));
                w.da.push_back(random(rows, c.sizes[l]));
            }
        }
    }

    void run(int thread) {
        if (plan_.split_first_layer) {
            Worker& w = workers_[0];
            const int rows = int(W_[0].rows());
            const int r0 = rows * thread / plan_.parts, r1 = rows * (thread + 1) / plan_.parts;
            w.z[0].middleCols(r0, r1 - r0).noalias() = w.a[0] * W_[0].middleRows(r0, r1 - r0).transpose();
        }
        if (thread < plan_.workers) {
            Worker& w = workers_[std::size_t(thread)];
            for (int l = plan_.split_first_layer ? 1 : 0; l < L_; ++l) w.z[l].noalias() = w.a[l] * W_[l].transpose();
            for (int l = L_ - 1; l >= 1; --l) w.da[l].noalias() = w.dz[l] * W_[l];
        }
        for (int l = 0; l < L_; ++l) {
            const int rows = int(W_[l].rows());
            const int r0 = rows * thread / plan_.parts, r1 = rows * (thread + 1) / plan_.parts;
            if (r1 == r0) continue;
            if (plan_.fused && nn::MlpTrainer::fuses_layer(batch_, int(W_[l].cols()), int(W_[l].rows()))) {
                const Worker& w = workers_[0];
                W_[l].middleRows(r0, r1 - r0).noalias() -= (1e-6f * w.dz[l].middleCols(r0, r1 - r0).transpose()) * w.a[l];
                continue;
            }
            for (int k = 0; k < plan_.workers; ++k) {
                const Worker& w = workers_[std::size_t(k)];
                auto dW = dW_[l].middleRows(r0, r1 - r0);
                if (k == 0) dW.noalias() = w.dz[l].middleCols(r0, r1 - r0).transpose() * w.a[l];
                else dW.noalias() += w.dz[l].middleCols(r0, r1 - r0).transpose() * w.a[l];
            }
        }
    }

    double seconds_per_step(double seconds) {
        if (plan_.parts == 1) return seconds_per_call([&] { run(0); }, seconds);
        // Size the run from a single-thread estimate, then let every thread loop on its share.
        const double estimate = seconds_per_call([&] { run(0); }, seconds / 4);
        const long steps = std::max(10L, long(seconds / estimate));
        const auto start = Clock::now();
#pragma omp parallel num_threads(plan_.parts)
        {
#ifdef _OPENMP
            const int k = omp_get_thread_num();
#else
            const int k = 0;
#endif
            for (long s = 0; s < steps; ++s) run(k);
        }
        return std::chrono::duration<double>(Clock::now() - start).count() / double(steps);
    }

private:
    struct Worker {
        std::vector<nn::Matrix> a, z, dz, da;
    };
    nn::StepPlan plan_;
    int batch_;
    int L_;
    std::vector<nn::Matrix> W_, dW_;
    std::vector<Worker> workers_;
};

void run_case(const Case& c, double seconds) {
    std::mt19937_64 rng(1);
    const Batch batch = synthetic_batch(c, rng);
    nn::Mlp mlp = nn::make_mlp<float>(c.sizes, nn::Activation::ReLU, 1);
    nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.01f}, c.threads);
    BareProducts bare(c, nn::MlpTrainer::plan(c.sizes, c.batch, c.threads, nn::OptimizerKind::SGD), rng);

    // Rounds of each, interleaved, keeping the fastest: a burst of work from another process
    // then slows one round of one of them, not the comparison.
    constexpr int kRounds = 5;
    double step = 1e9, products = 1e9;
    for (int round = 0; round < kRounds; ++round) {
        step = std::min(step, seconds_per_call([&] { trainer.step(mlp, batch.x, batch.t); }, seconds / kRounds));
        products = std::min(products, bare.seconds_per_step(seconds / kRounds));
    }

    const double per_second = c.family == "xor" ? 1.0 / step : double(c.batch) / step;
    std::printf("%s: %s %s (%.1f GFLOP/s, %.0f%% of its matrix products)\n", c.name().c_str(),
                with_commas(per_second).c_str(), c.family == "xor" ? "steps/s" : "samples/s",
                product_flops(c) / step * 1e-9, 100.0 * products / step);
    std::fflush(stdout);
}

// ---- Transformer -------------------------------------------------------------------------------

nn::TransformerShape transformer_shape(const Case& c) {
    nn::TransformerShape shape;
    shape.vocab = c.sizes[0];
    shape.context = c.sizes[1];
    shape.d_model = c.sizes[2];
    shape.heads = c.sizes[3];
    shape.layers = c.sizes[4];
    return shape;
}

// Flops of the matrix products of one step, forward and backward, at 2 per multiply-add. Forward:
// per layer x W^T through W_QKV [3d, d], W_O [d, d], W1 [4d, d] and W2 [d, 4d] (12 d^2 per row),
// and per sequence and head Q K^T and A V (2 T^2 hd: the full T x T square, as computed, masked
// half included); the unembedding (V d per row). Backward: every product twice (the gradient of
// each operand), so three times the forward in all. Element-wise work (norms, softmax, GELU,
// AdamW) is not counted.
double transformer_flops(const Case& c) {
    const double V = c.sizes[0], T = c.sizes[1], d = c.sizes[2], L = c.sizes[4];
    const double rows = double(c.batch) * T;
    const double forward_macs = rows * (L * 12 * d * d + V * d) + c.batch * L * 2 * T * T * d;
    return 3 * 2 * forward_macs;
}

// The bare products of one transformer step, each thread on its own share of the sequences as
// the trainer shares them (both bench shapes are large enough for every thread; a thread's weight
// gradients go to its own buffers, as the trainer's do), on random matrices of the same shapes.
class BareTransformerProducts {
public:
    BareTransformerProducts(const Case& c, int team, std::mt19937_64& rng)
        : V_(c.sizes[0]), T_(c.sizes[1]), d_(c.sizes[2]), H_(c.sizes[3]), L_(c.sizes[4]), team_(team) {
        std::uniform_real_distribution<float> u(-0.01f, 0.01f);
        const auto random = [&](int r, int k) {
            nn::Matrix m(r, k);
            for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = u(rng);
            return m;
        };
        Wqkv_ = random(3 * d_, d_);
        Wo_ = random(d_, d_);
        W1_ = random(4 * d_, d_);
        W2_ = random(d_, 4 * d_);
        U_ = random(V_, d_);
        for (int k = 0; k < team; ++k) {
            const int sequences = c.batch * (k + 1) / team - c.batch * k / team, n = sequences * T_;
            Thread t;
            t.sequences = sequences;
            t.x = random(n, d_);
            t.dx = random(n, d_);
            t.qkv = random(n, 3 * d_);
            t.dqkv = random(n, 3 * d_);
            t.concatenated = random(n, d_);
            t.hidden = random(n, 4 * d_);
            t.dhidden = random(n, 4 * d_);
            t.logits = random(n, V_);
            t.A = random(T_, T_);
            t.dA = random(T_, T_);
            t.dWqkv = random(3 * d_, d_);
            t.dWo = random(d_, d_);
            t.dW1 = random(4 * d_, d_);
            t.dW2 = random(d_, 4 * d_);
            t.dU = random(V_, d_);
            threads_.push_back(std::move(t));
        }
    }

    void run(int k) {
        Thread& t = threads_[std::size_t(k)];
        const int d = d_, hd = d_ / H_, T = T_;
        const auto attention = [&](bool backward) {
            for (int s = 0; s < t.sequences; ++s)
                for (int h = 0; h < H_; ++h) {
                    const auto Q = t.qkv.block(s * T, h * hd, T, hd), K = t.qkv.block(s * T, d + h * hd, T, hd),
                               Vh = t.qkv.block(s * T, 2 * d + h * hd, T, hd);
                    auto O = t.concatenated.block(s * T, h * hd, T, hd);
                    if (!backward) {
                        t.A.noalias() = Q * K.transpose();
                        O.noalias() = t.A * Vh;
                    } else {
                        t.dA.noalias() = O * Vh.transpose();
                        t.dqkv.block(s * T, 2 * d + h * hd, T, hd).noalias() = t.A.transpose() * O;
                        t.dqkv.block(s * T, h * hd, T, hd).noalias() = t.dA * K;
                        t.dqkv.block(s * T, d + h * hd, T, hd).noalias() = t.dA.transpose() * Q;
                    }
                }
        };
        for (int l = 0; l < L_; ++l) {
            t.qkv.noalias() = t.x * Wqkv_.transpose();
            attention(false);
            t.dx.noalias() = t.concatenated * Wo_.transpose();
            t.hidden.noalias() = t.x * W1_.transpose();
            t.dx.noalias() = t.hidden * W2_.transpose();
        }
        t.logits.noalias() = t.x * U_.transpose();
        t.dU.noalias() = t.logits.transpose() * t.x;
        t.dx.noalias() = t.logits * U_;
        for (int l = 0; l < L_; ++l) {
            t.dhidden.noalias() = t.dx * W2_;
            t.dW2.noalias() = t.dx.transpose() * t.hidden;
            t.dW1.noalias() = t.dhidden.transpose() * t.x;
            t.x.noalias() = t.dhidden * W1_;
            t.concatenated.noalias() = t.dx * Wo_;
            t.dWo.noalias() = t.dx.transpose() * t.concatenated;
            attention(true);
            t.dWqkv.noalias() = t.dqkv.transpose() * t.x;
            t.dx.noalias() = t.dqkv * Wqkv_;
        }
    }

    double seconds_per_step(double seconds) {
        if (team_ == 1) return seconds_per_call([&] { run(0); }, seconds);
        const double estimate = seconds_per_call([&] { run(0); }, seconds / 4);
        const long steps = std::max(10L, long(seconds / estimate));
        const auto start = Clock::now();
#pragma omp parallel num_threads(team_)
        {
#ifdef _OPENMP
            const int k = omp_get_thread_num();
#else
            const int k = 0;
#endif
            for (long s = 0; s < steps; ++s) run(k);
        }
        return std::chrono::duration<double>(Clock::now() - start).count() / double(steps);
    }

private:
    struct Thread {
        int sequences = 0;
        nn::Matrix x, dx, qkv, dqkv, concatenated, hidden, dhidden, logits, A, dA;
        nn::Matrix dWqkv, dWo, dW1, dW2, dU;
    };
    int V_, T_, d_, H_, L_, team_;
    nn::Matrix Wqkv_, Wo_, W1_, W2_, U_;
    std::vector<Thread> threads_;
};

void run_transformer_case(const Case& c, double seconds) {
    const nn::TransformerShape shape = transformer_shape(c);
    const int length = shape.context;
    std::mt19937_64 rng(1);
    const auto n = std::size_t(c.batch) * std::size_t(length);
    std::vector<int> tokens(n), targets(n);
    for (std::size_t i = 0; i < n; ++i) tokens[i] = int(rng() % std::uint64_t(shape.vocab));
    for (std::size_t i = 0; i < n; ++i) targets[i] = int(rng() % std::uint64_t(shape.vocab));
    nn::Transformer model(shape, 1);
    nn::TransformerTrainer trainer({}, c.threads);
    BareTransformerProducts bare(c, std::min(c.threads, c.batch), rng);

    constexpr int kRounds = 5;  // interleaved, the fastest kept: see run_case
    double step = 1e9, products = 1e9;
    for (int round = 0; round < kRounds; ++round) {
        step = std::min(step, seconds_per_call([&] { trainer.step(model, tokens, targets, c.batch, length); },
                                               seconds / kRounds));
        products = std::min(products, bare.seconds_per_step(seconds / kRounds));
    }
    std::printf("%s: %s tokens/s (%.1f GFLOP/s, %.0f%% of its matrix products)\n", c.name().c_str(),
                with_commas(double(n) / step).c_str(), transformer_flops(c) / step * 1e-9, 100.0 * products / step);
    std::fflush(stdout);
}

// ---- Skip-gram ----------------------------------------------------------------------------------

constexpr std::size_t kCorpusTokens = 2'000'000;
constexpr std::size_t kChunkTokens = 200'000;  // positions per timed call

// Word ids drawn with P(rank r) proportional to 1/r (id r - 1), the shape of real text.
std::vector<std::int32_t> zipf_corpus(int vocab, std::size_t tokens, std::uint64_t seed) {
    std::vector<double> cumulative(static_cast<std::size_t>(vocab));
    double total = 0;
    for (int r = 1; r <= vocab; ++r) cumulative[std::size_t(r - 1)] = total += 1.0 / r;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, total);
    std::vector<std::int32_t> corpus(tokens);
    for (std::int32_t& word : corpus) {
        const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), uniform(rng)) - cumulative.begin();
        word = std::int32_t(std::min<std::ptrdiff_t>(at, vocab - 1));
    }
    return corpus;
}

// Chunks of the corpus in turn, wrapping round, each a call of skipgram_train_range with a seed of
// its own, for at least `seconds` after a warm-up chunk; the fastest chunk's rate is reported, as
// the other throughput cases keep their fastest round.
void run_skipgram_case(const Case& c, double seconds) {
    const int vocab = c.sizes[0];
    const std::vector<std::int32_t> corpus = zipf_corpus(vocab, kCorpusTokens, 1);
    std::vector<std::int64_t> counts(std::size_t(vocab), 0);
    for (std::int32_t w : corpus) ++counts[std::size_t(w)];
    const nn::NegativeSampler sampler(counts);
    nn::SkipGram model(vocab, {.dim = c.sizes[1], .window = 5, .negatives = 5}, 1);
    constexpr float kLearningRate = 0.025f;  // word2vec's default for skip-gram

    std::size_t begin = 0;
    std::uint64_t chunk = 0;
    const auto train_chunk = [&] {
        const std::size_t end = std::min(begin + kChunkTokens, corpus.size());
        const auto start = Clock::now();
        nn::skipgram_train_range(model, corpus, begin, end, kLearningRate, sampler, ++chunk, c.threads);
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        const double rate = double(end - begin) / elapsed;
        begin = end == corpus.size() ? 0 : end;
        return rate;
    };
    train_chunk();
    double fastest = 0;
    const auto start = Clock::now();
    for (int round = 0; round < 3 || std::chrono::duration<double>(Clock::now() - start).count() < seconds; ++round)
        fastest = std::max(fastest, train_chunk());
    std::printf("%s: %s words/s\n", c.name().c_str(), with_commas(fastest).c_str());
    std::fflush(stdout);
}

// ---- Digits -------------------------------------------------------------------------------------

constexpr int kEpochRows = 60'000;  // the full MNIST training set

struct Digits {
    nn::Matrix train_x, test_x;  // [count, 784], pixels in [0, 1]
    std::vector<std::uint8_t> train_labels, test_labels;
    bool real = false;           // false: random pixels and labels, which time right but learn nothing
    std::string description;     // where they came from, for the line before the first mnist case
};

Digits from_set(data::MnistData&& d) {
    Digits digits;
    digits.train_x = std::move(d.train.images);
    digits.train_labels = std::move(d.train.labels);
    digits.test_x = std::move(d.test.images);
    digits.test_labels = std::move(d.test.labels);
    digits.real = true;
    return digits;
}

// Random pixels and labels of the full set's shape: the timings hold, the accuracy means nothing.
Digits synthetic_digits() {
    Digits digits;
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<float> pixel(0.f, 1.f);
    const auto fill = [&](nn::Matrix& x, std::vector<std::uint8_t>& labels, int count) {
        x.resize(count, data::kMnistPixels);
        for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = pixel(rng);
        labels.resize(std::size_t(count));
        for (std::uint8_t& label : labels) label = std::uint8_t(rng() % data::kMnistClasses);
    };
    fill(digits.train_x, digits.train_labels, kEpochRows);
    fill(digits.test_x, digits.test_labels, 10'000);
    return digits;
}

// The full MNIST from mnist_dir when given (an error there is fatal: the user asked for it), else
// the set-up's digits in data/mnist, else synthetic ones.
std::optional<Digits> load_digits(const std::string& mnist_dir) {
    const std::filesystem::path installed = "data/mnist";
    const std::filesystem::path dir = mnist_dir.empty() ? installed : std::filesystem::path(mnist_dir);
    data::MnistDataResult read = data::read_mnist_dir(dir);
    if (!read.data) {
        if (!mnist_dir.empty()) {
            std::fprintf(stderr, "bench: --mnist-dir: %s\n", read.error.c_str());
            return std::nullopt;
        }
        Digits digits = synthetic_digits();
        digits.description = "random pixels and labels (no digits: " + read.error +
                             "); times hold, accuracy means nothing";
        return digits;
    }
    Digits digits = from_set(std::move(*read.data));
    const auto count = long(digits.train_labels.size());
    digits.description = with_commas(double(count)) + " training and " +
                         with_commas(double(digits.test_labels.size())) + " test digits from " + dir.string();
    if (count < kEpochRows) digits.description += "; an epoch repeats the training digits to " +
                                                  with_commas(kEpochRows) + " rows";
    else if (count > kEpochRows) digits.description += "; an epoch is the first " + with_commas(kEpochRows);
    return digits;
}

// The training digits repeated (or cut) to exactly `rows` rows, so that an epoch reads as much
// memory as one of the full set.
void tile_rows(const Digits& digits, int rows, nn::Matrix& x, std::vector<std::uint8_t>& labels) {
    const auto count = digits.train_x.rows();
    x.resize(rows, digits.train_x.cols());
    labels.resize(std::size_t(rows));
    for (int i = 0; i < rows; ++i) {
        x.row(i) = digits.train_x.row(i % count);
        labels[std::size_t(i)] = digits.train_labels[std::size_t(i % count)];
    }
}

// One-hot targets [count, 10] of digit labels.
nn::Matrix one_hot(const std::vector<std::uint8_t>& labels) {
    nn::Matrix t = nn::Matrix::Zero(Eigen::Index(labels.size()), data::kMnistClasses);
    for (std::size_t i = 0; i < labels.size(); ++i) t(Eigen::Index(i), labels[i]) = 1.f;
    return t;
}

// Batches as the app's session draws them: every example once per pass, in a new random order each
// pass; a fixed batch size, so a batch that runs past the end of a pass is finished from the next
// pass's order. A batch is the numbers of its rows; MlpTrainer::step_rows copies the rows, each
// thread its own share, into batch matrices allocated once.
class BatchOrder {
public:
    BatchOrder(int count, int batch, std::uint64_t seed)
        : order_(std::size_t(count)), cursor_(order_.size()), rng_(seed), batch_(std::size_t(batch)) {
        std::iota(order_.begin(), order_.end(), 0);
    }

    std::span<const int> next() {
        for (int& row : batch_) {
            if (cursor_ == order_.size()) {
                std::shuffle(order_.begin(), order_.end(), rng_);
                cursor_ = 0;
            }
            row = order_[cursor_++];
        }
        return batch_;
    }

private:
    std::vector<int> order_;
    std::size_t cursor_;  // next place in order_; at the end, a new pass is shuffled first
    std::mt19937_64 rng_;
    std::vector<int> batch_;
};

// Share of the test digits the model classifies right, evaluated in blocks of rows on one thread.
double test_accuracy(const nn::Mlp& mlp, const Digits& digits, nn::MlpCache& cache) {
    constexpr Eigen::Index kBlock = 500;
    const nn::Matrix& x = digits.test_x;
    long correct = 0;
    for (Eigen::Index begin = 0; begin < x.rows(); begin += kBlock) {
        const Eigen::Index rows = std::min(kBlock, x.rows() - begin);
        cache.set_input(x.row(begin).data(), rows, x.cols());
        const nn::Matrix& logits = nn::mlp_forward(mlp, cache);
        for (Eigen::Index i = 0; i < rows; ++i) {
            Eigen::Index guess = 0;
            logits.row(i).maxCoeff(&guess);
            correct += guess == digits.test_labels[std::size_t(begin + i)];
        }
    }
    return double(correct) / double(x.rows());
}

// One epoch: ceil(60,000 / batch) steps, each drawing its batch (and, once, the pass's shuffle)
// then training on it with plain SGD and softmax cross-entropy, the rows copied by the step. The last batch runs 32 rows into
// the next pass, so the time is scaled to exactly 60,000 rows. Epochs are repeated for `seconds`
// (at least three) and the fastest is kept, as the throughput cases keep their fastest round.
void run_epoch_case(const Case& c, const Digits& digits, double seconds) {
    nn::Matrix x;
    std::vector<std::uint8_t> labels;
    tile_rows(digits, kEpochRows, x, labels);
    const nn::Matrix t = one_hot(labels);
    nn::Mlp mlp = nn::make_mlp<float>(c.sizes, nn::Activation::ReLU, 1);
    nn::MlpTrainer trainer({nn::OptimizerKind::SGD, 0.1f}, c.threads);
    BatchOrder order(kEpochRows, c.batch, 1);
    const auto train = [&] { trainer.step_rows(mlp, x, t, order.next()); };
    for (int i = 0; i < 3; ++i) train();  // the first step sizes the trainer's buffers

    const long steps = (kEpochRows + c.batch - 1) / c.batch;
    double fastest = 1e9;
    const auto start = Clock::now();
    for (int epoch = 0; epoch < 3 || std::chrono::duration<double>(Clock::now() - start).count() < seconds; ++epoch) {
        const auto epoch_start = Clock::now();
        for (long s = 0; s < steps; ++s) train();
        fastest = std::min(fastest, std::chrono::duration<double>(Clock::now() - epoch_start).count());
    }
    const double epoch_seconds = fastest * kEpochRows / double(steps * c.batch);
    std::printf("%s: %.2f s (%s samples/s)\n", c.name().c_str(), epoch_seconds,
                with_commas(kEpochRows / epoch_seconds).c_str());
    std::fflush(stdout);
}

// Trains from seed 1 until the test accuracy reaches kTargetAccuracy, checking every
// kEvaluateEvery steps. The clock runs while training (drawing batches and steps) and stops while
// evaluating: the time is what training took, however often one looks.
void run_accuracy_case(const Case& c, const Digits& digits) {
    // Plain SGD on cross-entropy at batch 64: 0.1 is the textbook rate, and the same as the epoch
    // case's. Measured on the set-up's digits over seeds 1-5, it reaches 90% in 200-275 steps
    // (0.3 in 125-175, 0.05 in 350-475): a rate for which the result does not hang on the seed.
    constexpr float kLearningRate = 0.1f;
    constexpr std::uint64_t kSeed = 1;
    constexpr long kEvaluateEvery = 50;
    constexpr long kMaxSteps = 20'000;
    if (!digits.real) {
        std::printf("%s: skipped (no digits to learn from)\n", c.name().c_str());
        return;
    }
    nn::Mlp mlp = nn::make_mlp<float>(c.sizes, nn::Activation::ReLU, kSeed);
    nn::MlpTrainer trainer({nn::OptimizerKind::SGD, kLearningRate}, c.threads);
    const nn::Matrix t = one_hot(digits.train_labels);
    BatchOrder order(int(digits.train_labels.size()), c.batch, kSeed);
    nn::MlpCache cache;
    double training_seconds = 0, accuracy = 0;
    long steps = 0;
    while (steps < kMaxSteps && accuracy < kTargetAccuracy) {
        const auto start = Clock::now();
        for (long s = 0; s < kEvaluateEvery; ++s) trainer.step_rows(mlp, digits.train_x, t, order.next());
        training_seconds += std::chrono::duration<double>(Clock::now() - start).count();
        steps += kEvaluateEvery;
        accuracy = test_accuracy(mlp, digits, cache);
    }
    if (accuracy >= kTargetAccuracy)
        std::printf("%s: %.2f s (%s steps, seed %d, learning rate %g)\n", c.name().c_str(), training_seconds,
                    with_commas(double(steps)).c_str(), int(kSeed), double(kLearningRate));
    else
        std::printf("%s: not reached in %s steps (%.2f s; %.1f%% then; seed %d, learning rate %g)\n",
                    c.name().c_str(), with_commas(double(steps)).c_str(), training_seconds, 100 * accuracy,
                    int(kSeed), double(kLearningRate));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<Case> cases = all_cases();
    std::string case_list;
    for (const Case& c : cases) case_list += "  " + c.name() + "\n";

    CLI::App app{"nnscope bench: training throughput of the engine, one comparable line per case"};
    app.footer("Cases:\n" + case_list +
               "\nThe mlp and xor cases time forward + backward + SGD update on synthetic data.\n"
               "The mnist cases train 784-128-64-10 (ReLU, softmax cross-entropy, plain SGD) as the app does:\n"
               "a shuffled order each pass; each step copies its batch's rows (each thread its share).\n"
               "  epoch: 60,000 images (the fastest of at least three epochs), learning rate 0.1.\n"
               "  to 90% test accuracy: from seed 1, learning rate 0.1, the test set checked every 50\n"
               "  steps with the clock stopped; at most 20,000 steps.\n"
               "Their digits: the full MNIST in --mnist-dir; else the set-up's digits in data/mnist\n"
               "(8,000 training and 2,000 test; an epoch repeats them to 60,000 rows); else random\n"
               "pixels and labels (the epoch still times right; the accuracy case is skipped). A line\n"
               "before the first mnist case says which.\n"
               "\nThe skipgram cases time word2vec training (skip-gram, negative sampling) in words/s: corpus\n"
               "positions consumed as centres; the fastest chunk of 200,000 positions, of those run for\n"
               "--seconds (at least three) after one warm-up chunk. Synthetic corpus of 2,000,000 words,\n"
               "rank r drawn with probability ~ 1/r (seed 1); a random window of 1..5 words each side, 5\n"
               "negatives from unigram^0.75, no subsampling, learning rate 0.025, threads updating the\n"
               "shared tables without locks (Hogwild).\n"
               "\nThe transformer cases train a decoder-only transformer (GELU, learned positions, untied\n"
               "unembedding, AdamW, clipping at 1) on random tokens, every position scored, in tokens/s:\n"
               "sequence positions per second of training steps, batch 16 sequences of the context length.\n"
               "\nExamples: bench --filter 784-128-64-10 --seconds 2\n"
               "          bench --filter skipgram --seconds 2");
    std::vector<std::string> filters;
    double seconds = 1.0;
    bool list = false;
    std::string mnist_dir;
    app.add_option("--filter", filters, "run only the cases whose name contains one of these texts");
    app.add_option("--seconds", seconds, "seconds to time each case, and as long again its bare products (default 1)")
        ->check(CLI::Range(0.01, 600.0));
    app.add_option("--mnist-dir", mnist_dir,
                   "folder with the full MNIST (the four IDX files, gzipped or not) for the mnist cases");
    app.add_flag("--list", list, "print the cases and exit");
    CLI11_PARSE(app, argc, argv);

    std::optional<Digits> digits;  // loaded by the first mnist case that runs
    int ran = 0;
    for (const Case& c : cases) {
        bool wanted = filters.empty();
        for (const std::string& f : filters) wanted = wanted || c.name().find(f) != std::string::npos;
        if (!wanted) continue;
        ++ran;
        if (list) {
            std::printf("%s\n", c.name().c_str());
            continue;
        }
        if (c.measure == Measure::Throughput) {
            run_case(c, seconds);
            continue;
        }
        if (c.measure == Measure::Words) {
            run_skipgram_case(c, seconds);
            continue;
        }
        if (c.measure == Measure::Tokens) {
            run_transformer_case(c, seconds);
            continue;
        }
        if (!digits) {
            digits = load_digits(mnist_dir);
            if (!digits) return 2;
            std::printf("mnist data: %s\n", digits->description.c_str());
        }
        if (c.measure == Measure::Epoch) run_epoch_case(c, *digits, seconds);
        else run_accuracy_case(c, *digits);
    }
    if (ran == 0) {
        std::fprintf(stderr, "bench: no case matches the filter; `bench --list` shows them\n");
        return 2;
    }
    return 0;
}
