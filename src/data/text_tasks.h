#pragma once
// Sequences for the transformer lessons: small tasks a tiny model learns within a minute, and text.
//
//   copy      "qbzk=qbzk"   random letters, '=', the same letters again: each answer letter must
//                           find its source, an offset diagonal in the attention map
//   reverse   "qbzk=kzbq"   the same, backwards: an anti-diagonal
//   addition  "12+7=19."    two numbers and their sum, character by character, '.' ending the sum
//   repeat    "hxdq...hxdq..." a random stretch, then the same stretch again (and again to the end):
//                           predicting the repeats needs an induction head, which looks for the
//                           previous occurrence of the current token and copies the token after it
//   sentences short English sentences, word level, with "bank" in its river and its money senses,
//             where the deciding word sometimes comes before "bank" and sometimes after
//   text      any plain-text file, character level
//
// Every example of a task has the same length. A target is the token the position should predict,
// or -1 where the task does not score the prediction (the random letters of copy can't be guessed).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace data {

enum class TextTask { Copy, Reverse, Addition, Repeat, Sentences, Text };
std::string_view text_task_name(TextTask t);  // "copy", "reverse", "addition", "repeat", "sentences", "text"
std::optional<TextTask> text_task_from_name(std::string_view name);

// The tokens of a task: characters, or words for the sentences.
struct TokenSet {
    std::vector<std::string> tokens;  // id -> its text ("a", "=", "bank", " ", "\n", or a UTF-8 character)
    bool words = false;               // words are written with spaces between them

    int size() const { return int(tokens.size()); }
    std::optional<int> find(std::string_view token) const;
    // Text made of these tokens.
    std::string decode(std::span<const int> ids) const;
    // The tokens of a text (characters; for words, runs of letters and single punctuation marks,
    // lower-cased). None, with the first piece this vocabulary lacks named in `error`, when one is missing.
    std::optional<std::vector<int>> encode(std::string_view text, std::string* error = nullptr) const;
    // For axis labels: the token, with a space shown as "␣" and a newline as "⏎".
    std::string label(int id) const;
};

struct TaskOptions {
    TextTask task = TextTask::Copy;
    int symbols = 8;       // copy, reverse, repeat: letters in the random part (repeat: the most)
    int alphabet = 16;     // copy, reverse, repeat: how many distinct letters are drawn from
    int digits = 2;        // addition: the largest operand has this many digits
    int context = 32;      // sentences, text: tokens per example (a window of the text)
    std::filesystem::path file;  // text: the file
};

struct TaskBatch {
    int batch = 0, length = 0;
    std::vector<int> tokens;   // [batch * length]
    std::vector<int> targets;  // [batch * length], -1: not scored
};

// The largest text file read (a short novel is 1 MB).
inline constexpr std::size_t kMaxTextBytes = std::size_t{16} << 20;
// A text's most frequent characters are kept up to this many; rarer ones become one "unknown" token.
inline constexpr int kMaxTextCharacters = 200;

class TextTaskData {
public:
    // A task's data, or why not in `error` (a text file missing, empty, too large, binary, not
    // UTF-8 with the byte offset of the first bad sequence, shorter than one example), naming the file.
    static std::shared_ptr<const TextTaskData> make(const TaskOptions& options, std::string* error);

    const TaskOptions& options() const { return options_; }
    const TokenSet& tokens() const { return tokens_; }
    int length() const { return length_; }  // tokens per example
    // "copy: 8 random letters of 16, '=', the same 8 again (17 tokens)"; for a text, its name and size.
    const std::string& summary() const { return summary_; }

    // `batch` examples drawn from (seed, index): the same arguments always give the same batch,
    // and index 0, 1, 2... give the successive training batches. Allocation-free when `out`
    // already has the size.
    void fill_batch(std::uint64_t seed, std::uint64_t index, int batch, TaskBatch& out) const;
    // Examples never drawn by fill_batch (held out, to measure what the model learned).
    void fill_test_batch(std::uint64_t seed, int batch, TaskBatch& out) const;
    // One example to show on the attention panels.
    TaskBatch example(std::uint64_t seed) const;
    // The start of an example for generating text: "qbzk=", "12+7=", "the river bank", or the
    // text's first line.
    std::string default_prompt() const;

private:
    TaskOptions options_;
    TokenSet tokens_;
    int length_ = 0;
    std::string summary_;
    // The implementation adds what it needs (the text's token stream, sentence templates).
    std::vector<int> stream_;
    // Sentences and text: training windows lie before this token of stream_, test windows after.
    std::size_t held_out_from_ = 0;

    // One example of a generated task (copy, reverse, addition, repeat) into tokens/targets.
    template <class Random>
    void draw_generated(Random& random, int* tokens, int* targets) const;
    void fill(std::uint64_t seed, bool test, int batch, TaskBatch& out) const;
};

// For the induction panels: for each position t of a sequence, the position after the previous
// occurrence of tokens[t] (the token an induction head attends to), or -1 when tokens[t] did not
// occur before.
std::vector<int> induction_targets(std::span<const int> tokens);

}  // namespace data
