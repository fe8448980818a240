#pragma once
// Skip-gram with negative sampling (word2vec, Mikolov et al. 2013). Each word has two vectors: a
// row of the input table (its embedding, what the lesson shows) and a row of the output table
// (how it looks as somebody else's context). For a centre word c, one word o of its window and k
// words n_1..n_k drawn from the unigram distribution to the power 3/4, the loss is
//
//     L = -log σ(u_o · v_c) - Σ_j log σ(-u_{n_j} · v_c)
//
// with v_c the input row of c and u the output rows. A step touches only the rows of the words it
// saw: the centre words' input rows and their context and negative words' output rows.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "nn/tensor.h"

namespace nn {

// One row per word; row-major so that a word's vector is contiguous.
using EmbeddingTable = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// ---- The loss of one example, forward and backward (double precision, for the gradient check and
// as the reference the fast step is tested against). ----
//
// v: the centre word's input row [dim]; context: the true context word's output row [dim];
// negatives: [k, dim] output rows of the negative words.
double skipgram_example_loss(const Eigen::VectorXd& v, const Eigen::VectorXd& context, const Eigen::MatrixXd& negatives);
// dL/dv, dL/dcontext and dL/dnegatives (row j: dL/du_{n_j}) of skipgram_example_loss.
void skipgram_example_backward(const Eigen::VectorXd& v, const Eigen::VectorXd& context,
                               const Eigen::MatrixXd& negatives, Eigen::VectorXd& dv, Eigen::VectorXd& dcontext,
                               Eigen::MatrixXd& dnegatives);

// Draws negative words with probability proportional to count^power (word2vec: power 3/4).
// Walker's alias method rather than word2vec's table of 1e8 (or 1e6) repeated ids: one slot per
// word, 8 bytes each, so it stays in cache where a large table misses on most draws (measured:
// 38% of training time at 10,000 words), and the probabilities are exact (to 2^-32) where a table
// rounds a rare word's share by several percent.
class NegativeSampler {
public:
    NegativeSampler() = default;
    explicit NegativeSampler(std::span<const std::int64_t> counts, double power = 0.75);
    // A word id from a uniformly random 64-bit number: its high half picks a slot, its low half
    // whether the slot's own word or its alias.
    int sample(std::uint64_t random) const {
        const auto slot = std::size_t(((random >> 32) * slots_.size()) >> 32);
        const Slot s = slots_[slot];  // both halves read, so the choice is a select, not a branch
        return std::uint32_t(random) < s.keep ? int(slot) : s.alias;
    }
    bool empty() const { return slots_.empty(); }
    // The probability the sampler gives word w (for tests).
    double probability(int w) const;

private:
    struct Slot {
        std::uint32_t keep;  // the slot's word is drawn when the low half is below this
        std::int32_t alias;  // else this word
    };
    std::vector<Slot> slots_;  // one per word
    std::vector<double> probability_;
};

struct SkipGramOptions {
    int dim = 32;
    int window = 5;     // each centre sees a random 1..window words on each side (word2vec's shrunk window)
    int negatives = 5;  // negative words per (centre, context) pair
    // A pair's output rows are listed on the stack; more negatives than this are not drawn.
    static constexpr int kMaxNegatives = 64;
};

// What one step did.
struct SkipGramStepStats {
    double loss_sum = 0;  // Σ L over the step's (centre, context) pairs, before their updates
    std::int64_t pairs = 0;
    std::int64_t words = 0;  // centre positions consumed
    double mean_loss() const { return pairs ? loss_sum / double(pairs) : 0.0; }
};

class SkipGram {
public:
    SkipGram() = default;
    // Input rows uniform in (-0.5/dim, 0.5/dim) from seed, output rows zero (as word2vec starts).
    SkipGram(int vocab, SkipGramOptions options, std::uint64_t seed);

    int vocab() const { return int(input_.rows()); }
    int dim() const { return int(input_.cols()); }
    const SkipGramOptions& options() const { return options_; }
    EmbeddingTable& input() { return input_; }
    const EmbeddingTable& input() const { return input_; }
    EmbeddingTable& output() { return output_; }
    const EmbeddingTable& output() const { return output_; }

    // Change the window or the number of negatives; the tables stay (dim must not change).
    void set_options(SkipGramOptions options);

    // One step of plain SGD (no subsampling) over the centre words at `centers` (positions into
    // `tokens`, word ids < vocab): each centre's random window, each pair's negatives from `sampler`,
    // updates applied as each pair is seen (word2vec's order). `seed` fixes the windows and the
    // negatives: the same call on the same tables gives the same tables with threads = 1. With more
    // threads the centres are split among them, each updating the shared tables (Hogwild, as
    // word2vec does). No heap allocation once the first step with a given thread count has run.
    SkipGramStepStats step(std::span<const std::int32_t> tokens, std::span<const std::size_t> centers,
                           float learning_rate, const NegativeSampler& sampler, std::uint64_t seed, int threads = 1);

    // The rows the last step changed, sorted, each once: the centres' input rows, and the output
    // rows of their context and negative words.
    std::span<const int> touched_input() const { return touched_input_; }
    std::span<const int> touched_output() const { return touched_output_; }

private:
    SkipGramOptions options_;
    EmbeddingTable input_, output_;
    std::vector<int> touched_input_, touched_output_;
    std::vector<std::uint8_t> input_mark_, output_mark_;  // per word: touched in this step
    std::vector<std::vector<float>> scratch_;             // per thread: the centre's gradient
};

// The fastest path, for whole passes over a corpus (the benchmark, and training on a large text):
// every position of tokens[begin, end) is a centre, threads split the range into contiguous
// slices (Hogwild), no touched-row bookkeeping. Returns the same statistics as step().
SkipGramStepStats skipgram_train_range(SkipGram& model, std::span<const std::int32_t> tokens, std::size_t begin,
                                       std::size_t end, float learning_rate, const NegativeSampler& sampler,
                                       std::uint64_t seed, int threads);

}  // namespace nn
