// Training throughput of the engine, one line per case, in a form that can be compared across
// versions:
//   mlp 784-128-64-10 batch 64 threads 2: 123,456 samples/s (41.2 GFLOP/s, 83% of its matrix products)
// Each case trains on synthetic data of the lesson's shape (forward, backward and a plain SGD
// update per step). Beside it, the bare Eigen matrix products that one step consists of, shared
// among the threads the same way, are timed on their own: the percentage is how close the whole
// step comes to them; the rest is overhead (copies, element-wise work, bookkeeping, threads).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "nn/mlp.h"
#include "nn/mlp_trainer.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Case {
    std::string family;  // "mlp" or "xor"
    std::vector<int> sizes;
    int batch = 1;
    int threads = 1;

    std::string shape() const {
        std::string s;
        for (std::size_t i = 0; i < sizes.size(); ++i) s += (i ? "-" : "") + std::to_string(sizes[i]);
        return s;
    }
    std::string name() const {
        return family + " " + shape() + " batch " + std::to_string(batch) + " threads " + std::to_string(threads);
    }
};

std::vector<Case> all_cases() {
    std::vector<Case> cases;
    for (const std::vector<int>& sizes : {std::vector<int>{784, 16, 16, 10}, std::vector<int>{784, 128, 64, 10}})
        for (int batch : {1, 8, 64, 256})
            for (int threads : {1, 2}) cases.push_back({"mlp", sizes, batch, threads});
    for (int threads : {1, 2}) cases.push_back({"xor", {2, 4, 1}, 4, threads});
    return cases;
}

// 1234567.8 -> "1,234,568"
std::string with_commas(double v) {
    std::string digits = std::to_string(static_cast<long long>(v + 0.5));
    for (int i = int(digits.size()) - 3; i > 0; i -= 3) digits.insert(std::size_t(i), ",");
    return digits;
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

}  // namespace

int main(int argc, char** argv) {
    const std::vector<Case> cases = all_cases();
    std::string case_list = "Cases (each trains forward + backward + SGD update on synthetic data):\n";
    for (const Case& c : cases) case_list += "  " + c.name() + "\n";

    CLI::App app{"nnscope bench: training throughput of the engine, one comparable line per case"};
    app.footer(case_list + "\nExample: bench --filter 784-128-64-10 --seconds 2");
    std::vector<std::string> filters;
    double seconds = 1.0;
    bool list = false;
    app.add_option("--filter", filters, "run only the cases whose name contains one of these texts");
    app.add_option("--seconds", seconds, "seconds to time each case, and as long again its bare products (default 1)")
        ->check(CLI::Range(0.01, 600.0));
    app.add_flag("--list", list, "print the cases and exit");
    CLI11_PARSE(app, argc, argv);

    int ran = 0;
    for (const Case& c : cases) {
        bool wanted = filters.empty();
        for (const std::string& f : filters) wanted = wanted || c.name().find(f) != std::string::npos;
        if (!wanted) continue;
        ++ran;
        if (list) std::printf("%s\n", c.name().c_str());
        else run_case(c, seconds);
    }
    if (ran == 0) {
        std::fprintf(stderr, "bench: no case matches the filter; `bench --list` shows them\n");
        return 2;
    }
    return 0;
}
