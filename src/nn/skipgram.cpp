// Skip-gram with negative sampling: the double-precision loss the tests check against, the
// negative sampler, and two training loops over one shared kernel. SkipGram::step serves the
// lesson (exact sigmoid, a random stream per centre so results do not hang on the thread count,
// touched rows recorded); skipgram_train_range serves throughput (word2vec's sigmoid table, one
// stream per thread, no bookkeeping, the vector length fixed at compile time for common sizes).
#include "nn/skipgram.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cmath>
#include <random>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace nn {

namespace {

// log σ(x) without overflow: for x < 0, exp(x) is small, and for x >= 0, exp(-x) is.
template <class S>
S log_sigmoid(S x) {
    return x >= 0 ? -std::log1p(std::exp(-x)) : x - std::log1p(std::exp(x));
}

template <class S>
S sigmoid(S x) {
    return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

int thread_index() {
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// wyrand (Wang Yi): an add and one 64x64->128-bit multiply per 64 random bits, all of them good
// (the sampler uses the low half as well as the high one), at a dozen draws per pair.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(splitmix64(seed)) {}
    std::uint64_t next() {
        state_ += 0xa0761d6478bd642fULL;
        const auto product = static_cast<unsigned __int128>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
        return std::uint64_t(product >> 64) ^ std::uint64_t(product);
    }
    // Uniform in [0, n), by a multiply instead of a division.
    std::uint32_t below(std::uint32_t n) { return std::uint32_t(((next() >> 32) * n) >> 32); }

private:
    std::uint64_t state_;
};

struct ExactSigmoid {
    static float sigmoid(float x) { return nn::sigmoid(x); }
    static float log_sigmoid(float x) { return nn::log_sigmoid(x); }
};

// word2vec's sigmoid: a table over [-6, 6], and 0 or 1 beyond (the gradient there is under 0.25%).
// Each entry holds the value at the middle of its interval.
class SigmoidTable {
public:
    static constexpr float kRange = 6;
    static constexpr int kSize = 1024;

    SigmoidTable() {
        for (int i = 0; i < kSize; ++i) {
            const double x = -kRange + (i + 0.5) * (2 * kRange / kSize);
            sigmoid_[i] = float(nn::sigmoid(x));
            log_sigmoid_[i] = float(nn::log_sigmoid(x));
        }
    }
    // Written so that NaN takes the first branch instead of an index out of range.
    float sigmoid(float x) const {
        if (!(x < kRange)) return 1;
        if (x <= -kRange) return 0;
        return sigmoid_[index(x)];
    }
    float log_sigmoid(float x) const {
        if (!(x < kRange)) return 0;
        if (x <= -kRange) return x;  // log σ(x) = x - log(1 + e^x), and e^x < 0.25%
        return log_sigmoid_[index(x)];
    }

private:
    // Clamped: for x just under kRange, x + kRange rounds up to exactly 2 kRange in float.
    static int index(float x) { return std::min(kSize - 1, int((x + kRange) * (kSize / (2 * kRange)))); }
    float sigmoid_[kSize];
    float log_sigmoid_[kSize];
};

const SigmoidTable g_sigmoid_table;

struct TableSigmoid {
    static float sigmoid(float x) { return g_sigmoid_table.sigmoid(x); }
    static float log_sigmoid(float x) { return g_sigmoid_table.log_sigmoid(x); }
};

constexpr int kMaxRowsPerPair = 1 + SkipGramOptions::kMaxNegatives;

// kDim > 0 fixes the vector length at compile time (the loops unroll into whole vector registers);
// 0 reads it from `dim`.
template <int kDim>
float dot(const float* __restrict a, const float* __restrict b, int dim) {
    const int n = kDim ? kDim : dim;
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int i = 0; i < n; ++i) sum += a[i] * b[i];
    return sum;
}

// One (centre, context) pair: rows[0] is the context's output row (label 1), the others the
// negatives' (label 0). Every score is taken before any row moves, so the pair's update is the
// exact gradient of its loss at the rows it started from (negatives drawn twice included); the
// output rows move first, the centre's row last, as in word2vec. Returns the pair's loss.
//
// Without unroll-and-jam: GCC's -O3 otherwise fuses two rows' loops into one and reads the second
// row with gathers (a fifth of the samples at dimension 100 in perf).
template <int kDim, class Sigmoid>
[[gnu::optimize("no-loop-unroll-and-jam")]] float train_pair(float* __restrict v, float* __restrict v_gradient, float* const* rows, int count,
                 float learning_rate, int dim) {
    const int n = kDim ? kDim : dim;
    float slope[kMaxRowsPerPair];  // dL/d(score) = σ(score) - label
    float loss = 0;
    for (int j = 0; j < count; ++j) {
        const float score = dot<kDim>(v, rows[j], n);
        const bool context = j == 0;
        slope[j] = Sigmoid::sigmoid(score) - (context ? 1.f : 0.f);
        loss -= Sigmoid::log_sigmoid(context ? score : -score);
    }
    {
        const float* __restrict u = rows[0];
        const float s = slope[0];
#pragma omp simd
        for (int i = 0; i < n; ++i) v_gradient[i] = s * u[i];
    }
    for (int j = 1; j < count; ++j) {
        const float* __restrict u = rows[j];
        const float s = slope[j];
#pragma omp simd
        for (int i = 0; i < n; ++i) v_gradient[i] += s * u[i];
    }
    for (int j = 0; j < count; ++j) {
        float* __restrict u = rows[j];
        const float step = learning_rate * slope[j];
#pragma omp simd
        for (int i = 0; i < n; ++i) u[i] -= step * v[i];
    }
#pragma omp simd
    for (int i = 0; i < n; ++i) v[i] -= learning_rate * v_gradient[i];
    return loss;
}

struct Tally {
    double loss = 0;
    std::int64_t pairs = 0;
};

// What a centre needs besides its position: the tables, the corpus and how to draw.
struct Training {
    float* input;
    float* output;
    int dim;
    std::span<const std::int32_t> tokens;
    const NegativeSampler* sampler;
    int window;
    int negatives;
    float learning_rate;
};

Training training(SkipGram& model, std::span<const std::int32_t> tokens, const NegativeSampler& sampler,
                  float learning_rate) {
    const SkipGramOptions& o = model.options();
    // An empty sampler has nothing to draw: the pairs train on their context alone.
    const int negatives = sampler.empty() ? 0 : std::clamp(o.negatives, 0, SkipGramOptions::kMaxNegatives);
    return {model.input().data(), model.output().data(), model.dim(), tokens, &sampler,
            std::max(1, o.window), negatives, learning_rate};
}

// Asks for the cache lines of a row ahead of its use: with a large vocabulary the negatives' rows
// are rarely in cache, and without this the pair's first loads waited for them.
void prefetch_row(const float* row, int dim) {
    const char* bytes = reinterpret_cast<const char*>(row);
    for (std::size_t offset = 0; offset < std::size_t(dim) * sizeof(float); offset += 64) __builtin_prefetch(bytes + offset, 1);
}

// The output rows of one pair: its context word's, then its negatives'.
struct PairRows {
    float* rows[kMaxRowsPerPair];
    int count = 0;
};

// The pair of the context word at `position`: draws its negatives (one equal to the context is
// dropped, as word2vec does) and prefetches their rows. touch(word, is_input) sees every row.
template <class Touch>
void draw_pair(const Training& t, std::size_t position, Rng& rng, PairRows& pair, Touch& touch) {
    const int context = t.tokens[position];
    touch(context, false);
    pair.rows[0] = t.output + std::size_t(context) * std::size_t(t.dim);
    pair.count = 1;
    for (int k = 0; k < t.negatives; ++k) {
        const int word = t.sampler->sample(rng.next());
        if (word == context) continue;
        touch(word, false);
        float* row = t.output + std::size_t(word) * std::size_t(t.dim);
        prefetch_row(row, t.dim);
        pair.rows[pair.count++] = row;
    }
}

// The centre at `position`: a window of 1..window words each side, each context word in turn with
// its negatives. Each pair is drawn while the one before it trains, so its rows arrive meanwhile.
template <int kDim, class Sigmoid, class Touch>
void train_centre(const Training& t, std::size_t position, Rng& rng, float* v_gradient, Tally& tally,
                  Touch&& touch) {
    const int centre = t.tokens[position];
    float* v = t.input + std::size_t(centre) * std::size_t(t.dim);
    touch(centre, true);
    const auto reach = std::size_t(1 + rng.below(std::uint32_t(t.window)));
    const std::size_t first = position >= reach ? position - reach : 0;
    const std::size_t last = std::min(position + reach, t.tokens.size() - 1);
    if (position + 1 < t.tokens.size())  // the next centre's row
        prefetch_row(t.input + std::size_t(t.tokens[position + 1]) * std::size_t(t.dim), t.dim);
    const auto next_context = [&](std::size_t q) { return q == position ? q + 1 : q; };
    PairRows pairs[2];
    int current = 0;
    std::size_t q = next_context(first);
    if (q > last) return;
    draw_pair(t, q, rng, pairs[current], touch);
    while (true) {
        const std::size_t after = next_context(q + 1);
        if (after <= last) draw_pair(t, after, rng, pairs[1 - current], touch);
        const PairRows& pair = pairs[current];
        tally.loss += train_pair<kDim, Sigmoid>(v, v_gradient, pair.rows, pair.count, t.learning_rate, t.dim);
        ++tally.pairs;
        if (after > last) break;
        q = after;
        current = 1 - current;
    }
}

// Marks may be set by several threads at once; the value is always 1, so relaxed stores suffice.
void mark(std::vector<std::uint8_t>& marks, int word) {
    std::atomic_ref<std::uint8_t>(marks[std::size_t(word)]).store(1, std::memory_order_relaxed);
}

// The marked words in order into `touched`, clearing the marks for the next step.
void take_marked(std::vector<std::uint8_t>& marks, std::vector<int>& touched) {
    touched.clear();
    for (std::size_t w = 0; w < marks.size(); ++w)
        if (marks[w]) {
            touched.push_back(int(w));
            marks[w] = 0;
        }
}

template <int kDim>
SkipGramStepStats train_range(SkipGram& model, std::span<const std::int32_t> tokens, std::size_t begin,
                              std::size_t end, float learning_rate, const NegativeSampler& sampler,
                              std::uint64_t seed, int threads) {
    const Training t = training(model, tokens, sampler, learning_rate);
    double loss = 0;
    std::int64_t pairs = 0;
#pragma omp parallel num_threads(threads) reduction(+ : loss, pairs)
    {
#ifdef _OPENMP
        const int team = omp_get_num_threads();
#else
        const int team = 1;
#endif
        const std::size_t count = end - begin, part = std::size_t(thread_index());
        const std::size_t slice_begin = begin + count * part / std::size_t(team);
        const std::size_t slice_end = begin + count * (part + 1) / std::size_t(team);
        std::vector<float> v_gradient(std::size_t(t.dim));
        Rng rng(seed ^ splitmix64(slice_begin));
        Tally tally;
        for (std::size_t p = slice_begin; p < slice_end; ++p)
            train_centre<kDim, TableSigmoid>(t, p, rng, v_gradient.data(), tally, [](int, bool) {});
        loss += tally.loss;
        pairs += tally.pairs;
    }
    return {loss, pairs, std::int64_t(end - begin)};
}

}  // namespace

// ---- One example in double precision ----

double skipgram_example_loss(const Eigen::VectorXd& v, const Eigen::VectorXd& context, const Eigen::MatrixXd& negatives) {
    double loss = -log_sigmoid(context.dot(v));
    for (Eigen::Index j = 0; j < negatives.rows(); ++j) loss -= log_sigmoid(-negatives.row(j).dot(v));
    return loss;
}

void skipgram_example_backward(const Eigen::VectorXd& v, const Eigen::VectorXd& context,
                               const Eigen::MatrixXd& negatives, Eigen::VectorXd& dv, Eigen::VectorXd& dcontext,
                               Eigen::MatrixXd& dnegatives) {
    // d/ds of -log σ(s) is σ(s) - 1; of -log σ(-s), σ(s).
    const double context_slope = sigmoid(context.dot(v)) - 1;
    dcontext = context_slope * v;
    dv = context_slope * context;
    dnegatives.resize(negatives.rows(), negatives.cols());
    for (Eigen::Index j = 0; j < negatives.rows(); ++j) {
        const double slope = sigmoid(negatives.row(j).dot(v));
        dnegatives.row(j) = slope * v.transpose();
        dv += slope * negatives.row(j).transpose();
    }
}

// ---- NegativeSampler ----

NegativeSampler::NegativeSampler(std::span<const std::int64_t> counts, double power) {
    const std::size_t n = counts.size();
    probability_.assign(n, 0.0);
    double total = 0;
    for (std::size_t w = 0; w < n; ++w)
        if (counts[w] > 0) total += probability_[w] = std::pow(double(counts[w]), power);
    if (total == 0) return;
    for (double& p : probability_) p /= total;

    // Vose's construction: every slot holds 1/n of the mass, its own word's share of it topped up
    // from a word with more than 1/n. In units of 1/n a slot is full at 1.
    std::vector<double> mass(n);
    std::vector<std::size_t> under, over;
    for (std::size_t w = 0; w < n; ++w) {
        mass[w] = probability_[w] * double(n);
        (mass[w] < 1 ? under : over).push_back(w);
    }
    const auto threshold = [](double share) {
        return share >= 1 ? UINT32_MAX : std::uint32_t(share * 4294967296.0);
    };
    slots_.resize(n);
    while (!under.empty() && !over.empty()) {
        const std::size_t small = under.back(), large = over.back();
        under.pop_back();
        slots_[small] = {threshold(mass[small]), std::int32_t(large)};
        mass[large] -= 1 - mass[small];
        if (mass[large] < 1) {
            over.pop_back();
            under.push_back(large);
        }
    }
    // What is left is full up to rounding: its own word always.
    for (const auto& rest : {under, over})
        for (std::size_t w : rest) slots_[w] = {UINT32_MAX, std::int32_t(w)};
}

double NegativeSampler::probability(int w) const {
    return w >= 0 && std::size_t(w) < probability_.size() ? probability_[std::size_t(w)] : 0.0;
}

// ---- SkipGram ----

SkipGram::SkipGram(int vocab, SkipGramOptions options, std::uint64_t seed)
    : options_(options), input_(vocab, options.dim), output_(EmbeddingTable::Zero(vocab, options.dim)) {
    std::mt19937_64 rng(seed);
    const float half_width = 0.5f / float(options.dim);
    std::uniform_real_distribution<float> uniform(-half_width, half_width);
    for (Eigen::Index i = 0; i < input_.size(); ++i) input_.data()[i] = uniform(rng);
}

void SkipGram::set_options(SkipGramOptions options) {
    assert(options.dim == dim());
    options_ = options;
    options_.dim = dim();
}

SkipGramStepStats SkipGram::step(std::span<const std::int32_t> tokens, std::span<const std::size_t> centers,
                                 float learning_rate, const NegativeSampler& sampler, std::uint64_t seed,
                                 int threads) {
    threads = std::max(1, threads);
    const auto words = std::size_t(vocab());
    // Sized once; later steps with as many threads or fewer reuse everything.
    if (input_mark_.size() != words) {
        input_mark_.assign(words, 0);
        output_mark_.assign(words, 0);
        touched_input_.reserve(words);
        touched_output_.reserve(words);
    }
    if (scratch_.size() < std::size_t(threads)) scratch_.resize(std::size_t(threads));
    for (std::vector<float>& s : scratch_) s.resize(std::size_t(dim()));

    const Training t = training(*this, tokens, sampler, learning_rate);
    const auto touch = [this](int word, bool is_input) { mark(is_input ? input_mark_ : output_mark_, word); };
    const auto train = [&](std::ptrdiff_t i, Tally& tally) {
        // The centre's own stream: its window and negatives are the same whichever thread runs it.
        Rng rng(seed ^ splitmix64(std::uint64_t(i)));
        train_centre<0, ExactSigmoid>(t, centers[std::size_t(i)], rng, scratch_[std::size_t(thread_index())].data(),
                                      tally, touch);
    };
    const auto count = std::ptrdiff_t(centers.size());
    double loss = 0;
    std::int64_t pairs = 0;
    if (threads == 1) {  // no parallel region: even a team of one costs libgomp an allocation
        Tally tally;
        for (std::ptrdiff_t i = 0; i < count; ++i) train(i, tally);
        loss = tally.loss;
        pairs = tally.pairs;
    } else {
#pragma omp parallel num_threads(threads) reduction(+ : loss, pairs)
        {
            Tally tally;
#pragma omp for schedule(static) nowait
            for (std::ptrdiff_t i = 0; i < count; ++i) train(i, tally);
            loss += tally.loss;
            pairs += tally.pairs;
        }
    }
    take_marked(input_mark_, touched_input_);
    take_marked(output_mark_, touched_output_);
    return {loss, pairs, std::int64_t(centers.size())};
}

SkipGramStepStats skipgram_train_range(SkipGram& model, std::span<const std::int32_t> tokens, std::size_t begin,
                                       std::size_t end, float learning_rate, const NegativeSampler& sampler,
                                       std::uint64_t seed, int threads) {
    if (begin >= end) return {};
    threads = std::max(1, threads);
    switch (model.dim()) {
        case 32: return train_range<32>(model, tokens, begin, end, learning_rate, sampler, seed, threads);
        case 64: return train_range<64>(model, tokens, begin, end, learning_rate, sampler, seed, threads);
        case 100: return train_range<100>(model, tokens, begin, end, learning_rate, sampler, seed, threads);
        case 128: return train_range<128>(model, tokens, begin, end, learning_rate, sampler, seed, threads);
        default: return train_range<0>(model, tokens, begin, end, learning_rate, sampler, seed, threads);
    }
}

}  // namespace nn
