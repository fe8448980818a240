// The transformer lessons' tasks: each example's length and scored positions, determinism, what
// each task asks (the answer copied, reversed, the sum right, the stretch repeated), the held-out
// examples, the bank sentences, and a text file's refusals, characters and line ends.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "data/text_tasks.h"

namespace {

namespace fs = std::filesystem;
using data::TextTask;

// A file of its own under the temp folder, removed at the end of the test. ctest runs test cases
// in parallel processes, so the name carries the test's tag and the process id.
struct ScratchFile {
    fs::path path;
    explicit ScratchFile(const std::string& tag)
        : path(fs::temp_directory_path() / ("nnscope_test_text_tasks_" + tag + "_" + std::to_string(getpid()) + ".txt")) {
        fs::remove_all(path);
    }
    ~ScratchFile() { fs::remove_all(path); }
    void write(const std::string& bytes) const {
        std::ofstream file(path, std::ios::binary);
        file << bytes;
        REQUIRE(file.good());
    }
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::shared_ptr<const data::TextTaskData> make(const data::TaskOptions& options) {
    std::string error;
    auto task = data::TextTaskData::make(options, &error);
    REQUIRE_MESSAGE(task, error);
    return task;
}

std::shared_ptr<const data::TextTaskData> make(TextTask t) {
    data::TaskOptions o;
    o.task = t;
    return make(o);
}

std::string text_error(const fs::path& file, int context = 32) {
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = file;
    o.context = context;
    std::string error;
    CHECK(data::TextTaskData::make(o, &error) == nullptr);
    CHECK_MESSAGE(contains(error, file.string()), error);
    return error;
}

std::span<const int> row(const data::TaskBatch& b, int i, const std::vector<int>& v) {
    return std::span<const int>(v.data() + std::size_t(i) * std::size_t(b.length), std::size_t(b.length));
}
std::span<const int> tokens_of(const data::TaskBatch& b, int i) { return row(b, i, b.tokens); }
std::span<const int> targets_of(const data::TaskBatch& b, int i) { return row(b, i, b.targets); }

// Every target is -1 or the next token, and the last position's is -1 unless the task scores it
// through the token after the window (sentences, text).
void check_targets_are_next_tokens(const data::TaskBatch& b) {
    for (int i = 0; i < b.batch; ++i) {
        const auto tok = tokens_of(b, i);
        const auto tgt = targets_of(b, i);
        for (int t = 0; t + 1 < b.length; ++t)
            if (tgt[std::size_t(t)] >= 0) REQUIRE(tgt[std::size_t(t)] == tok[std::size_t(t) + 1]);
    }
}

std::vector<std::vector<int>> rows(const data::TaskBatch& b) {
    std::vector<std::vector<int>> out;
    for (int i = 0; i < b.batch; ++i) out.emplace_back(tokens_of(b, i).begin(), tokens_of(b, i).end());
    return out;
}

void check_deterministic(const data::TextTaskData& task) {
    data::TaskBatch a, b, c;
    task.fill_batch(7, 3, 16, a);
    task.fill_batch(7, 3, 16, b);
    task.fill_batch(7, 4, 16, c);
    CHECK(a.tokens == b.tokens);
    CHECK(a.targets == b.targets);
    CHECK(a.tokens != c.tokens);
    data::TaskBatch d;
    task.fill_batch(8, 3, 16, d);
    CHECK(a.tokens != d.tokens);
    data::TaskBatch t1, t2;
    task.fill_test_batch(7, 16, t1);
    task.fill_test_batch(7, 16, t2);
    CHECK(t1.tokens == t2.tokens);
}

// No held-out example among many training examples.
void check_held_out(const data::TextTaskData& task) {
    data::TaskBatch test;
    task.fill_test_batch(1, 64, test);
    const auto test_rows = rows(test);
    const std::set<std::vector<int>> held(test_rows.begin(), test_rows.end());
    for (std::uint64_t index = 0; index < 200; ++index) {
        data::TaskBatch train;
        task.fill_batch(1, index, 64, train);
        for (const auto& r : rows(train)) REQUIRE(held.count(r) == 0);
    }
}

}  // namespace

TEST_CASE("text tasks: names round-trip") {
    for (const TextTask t : {TextTask::Copy, TextTask::Reverse, TextTask::Addition, TextTask::Repeat,
                             TextTask::Sentences, TextTask::Text})
        CHECK(data::text_task_from_name(data::text_task_name(t)) == t);
    CHECK(data::text_task_name(TextTask::Repeat) == "repeat");
    CHECK_FALSE(data::text_task_from_name("sort").has_value());
}

TEST_CASE("text tasks: copy is the letters, '=', the letters again, scored on the answer") {
    const auto task = make(TextTask::Copy);
    CHECK(task->length() == 17);
    CHECK(task->tokens().size() == 17);  // a..p and '='
    CHECK(task->summary() == "copy: 8 random letters of 16, '=', the same 8 again (17 tokens)");
    const int equals = *task->tokens().find("=");
    data::TaskBatch b;
    task->fill_batch(1, 0, 32, b);
    REQUIRE(b.batch == 32);
    REQUIRE(b.length == 17);
    REQUIRE(b.tokens.size() == 32 * 17);
    check_targets_are_next_tokens(b);
    for (int i = 0; i < b.batch; ++i) {
        const auto tok = tokens_of(b, i);
        const auto tgt = targets_of(b, i);
        CHECK(tok[8] == equals);
        for (int k = 0; k < 8; ++k) {
            CHECK(tok[std::size_t(k)] < 16);
            CHECK(tok[9 + std::size_t(k)] == tok[std::size_t(k)]);
        }
        for (int t = 0; t < 17; ++t) CHECK((tgt[std::size_t(t)] >= 0) == (t >= 8 && t <= 15));
    }
    check_deterministic(*task);
    check_held_out(*task);
    const std::string prompt = task->default_prompt();
    CHECK(prompt.size() == 9);
    CHECK(prompt.back() == '=');
}

TEST_CASE("text tasks: reverse's answer is the letters backwards") {
    data::TaskOptions o;
    o.task = TextTask::Reverse;
    o.symbols = 5;
    o.alphabet = 26;
    const auto task = make(o);
    CHECK(task->length() == 11);
    CHECK(contains(task->summary(), "backwards"));
    data::TaskBatch b;
    task->fill_batch(3, 9, 20, b);
    check_targets_are_next_tokens(b);
    for (int i = 0; i < b.batch; ++i) {
        const auto tok = tokens_of(b, i);
        for (int k = 0; k < 5; ++k) CHECK(tok[6 + std::size_t(k)] == tok[4 - std::size_t(k)]);
        const std::string text = task->tokens().decode(tok);
        std::string letters = text.substr(0, 5);
        std::reverse(letters.begin(), letters.end());
        CHECK(text == text.substr(0, 5) + "=" + letters);
    }
    check_deterministic(*task);
}

TEST_CASE("text tasks: addition's sums are right and scored from '=' to the ending '.'") {
    for (const int digits : {1, 2, 3}) {
        data::TaskOptions o;
        o.task = TextTask::Addition;
        o.digits = digits;
        const auto task = make(o);
        CHECK(task->length() == 3 * digits + 4);
        data::TaskBatch b;
        task->fill_batch(11, 2, 64, b);
        check_targets_are_next_tokens(b);
        for (int i = 0; i < b.batch; ++i) {
            const std::string text = task->tokens().decode(tokens_of(b, i));
            REQUIRE(int(text.size()) == task->length());
            const auto plus = text.find('+'), equals = text.find('='), dot = text.find('.');
            REQUIRE(plus != std::string::npos);
            REQUIRE(equals > plus);
            REQUIRE(dot > equals + 1);
            const long a = std::stol(text.substr(0, plus)), bb = std::stol(text.substr(plus + 1, equals - plus - 1));
            const long c = std::stol(text.substr(equals + 1, dot - equals - 1));
            CHECK(a < long(std::pow(10, digits)));
            CHECK(bb < long(std::pow(10, digits)));
            CHECK(a + bb == c);
            CHECK(text.find_first_not_of('.', dot) == std::string::npos);  // padded at the end
            const auto tgt = targets_of(b, i);
            for (std::size_t t = 0; t < text.size(); ++t) CHECK((tgt[t] >= 0) == (t >= equals && t < dot));
        }
        check_deterministic(*task);
        check_held_out(*task);
    }
    const auto task = make(TextTask::Addition);
    const std::string prompt = task->default_prompt();
    CHECK(prompt.back() == '=');
    CHECK(contains(prompt, "+"));
    CHECK(task->tokens().encode("12+7=19.").has_value());
}

TEST_CASE("text tasks: repeat's stretch repeats and induction targets point after its last occurrence") {
    const auto task = make(TextTask::Repeat);
    CHECK(task->length() == 16);
    data::TaskBatch b;
    task->fill_batch(5, 0, 200, b);
    check_targets_are_next_tokens(b);
    std::set<int> stretches;
    for (int i = 0; i < b.batch; ++i) {
        const auto tok = tokens_of(b, i);
        const auto tgt = targets_of(b, i);
        // The stretch: up to the first letter seen again (alphabet 16 >= 8: its letters differ).
        int n = 1;
        while (std::find(tok.begin(), tok.begin() + n, tok[std::size_t(n)]) == tok.begin() + n) ++n;
        CHECK(tok[std::size_t(n)] == tok[0]);
        CHECK(n >= 4);
        CHECK(n <= 8);
        stretches.insert(n);
        for (int t = n; t < 16; ++t) CHECK(tok[std::size_t(t)] == tok[std::size_t(t - n)]);
        for (int t = 0; t < 16; ++t) CHECK((tgt[std::size_t(t)] >= 0) == (t < 15));
        const std::vector<int> ind = data::induction_targets(tok);
        for (int t = 0; t < 16; ++t) {
            if (t < n) {
                CHECK(ind[std::size_t(t)] == -1);
            } else {
                CHECK(ind[std::size_t(t)] == t - n + 1);
                // What the head copies is what the position must predict.
                if (t + 1 < 16) CHECK(tok[std::size_t(ind[std::size_t(t)])] == tok[std::size_t(t) + 1]);
            }
        }
    }
    CHECK(stretches.size() == 5);  // every length 4..8 occurs, so the repeat has no fixed start
    check_deterministic(*task);
    check_held_out(*task);
    const std::string prompt = task->default_prompt();
    CHECK(prompt.size() >= 6);
    CHECK(prompt.substr(prompt.size() - 2) == prompt.substr(0, 2));
}

TEST_CASE("text tasks: induction targets of a short sequence") {
    // a b c a b d a: each later a, b points after the latest earlier one.
    const std::vector<int> t = {0, 1, 2, 0, 1, 3, 0};
    CHECK(data::induction_targets(t) == std::vector<int>{-1, -1, -1, 1, 2, -1, 4});
}

TEST_CASE("text tasks: the sentences encode the bank sentences and every window is scored") {
    const auto task = make(TextTask::Sentences);
    const data::TokenSet& v = task->tokens();
    CHECK(v.words);
    for (const std::string s : {"was the bank flooded ?", "the river bank was flooded .", "the savings bank raised its rates .",
                                "the bank raised its rates ."}) {
        std::string error;
        const auto ids = v.encode(s, &error);
        REQUIRE_MESSAGE(ids.has_value(), error);
        CHECK(v.decode(*ids) == s);
    }
    // Capitals and punctuation stuck to a word are split and lower-cased.
    CHECK(v.encode("Was the Bank flooded?") == v.encode("was the bank flooded ?"));
    std::string error;
    CHECK_FALSE(v.encode("the bank was xylophone .", &error).has_value());
    CHECK(contains(error, "xylophone"));
    CHECK(task->default_prompt() == "the river bank");
    CHECK(task->length() == 32);

    data::TaskBatch b;
    task->fill_batch(1, 0, 8, b);
    for (int i = 0; i < b.batch; ++i) {
        const auto tok = tokens_of(b, i);
        const auto tgt = targets_of(b, i);
        for (int t = 0; t < 32; ++t) CHECK(tgt[std::size_t(t)] >= 0);
        for (int t = 0; t + 1 < 32; ++t) CHECK(tgt[std::size_t(t)] == tok[std::size_t(t) + 1]);
    }
    check_deterministic(*task);

    // The text contains both senses with the deciding word before and after "bank".
    data::TaskBatch many;
    task->fill_batch(2, 0, 400, many);
    std::string all;
    for (int i = 0; i < many.batch; ++i) all += v.decode(tokens_of(many, i)) + " | ";
    CHECK(contains(all, "the river bank"));
    CHECK(contains(all, "savings bank"));
    CHECK(contains(all, "was the bank flooded ?"));
    CHECK(contains(all, "the bank raised its rates"));
}

TEST_CASE("text tasks: a text file is read by character, accents and all, and round-trips") {
    ScratchFile f("accents");
    std::string text;
    for (int i = 0; i < 40; ++i) text += "Ça, c'est l'été à Zürich — naïve café!\n";
    f.write(text);
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = f.path;
    o.context = 16;
    const auto task = make(o);
    const data::TokenSet& v = task->tokens();
    CHECK_FALSE(v.words);
    CHECK(v.find("é").has_value());
    CHECK(v.find("—").has_value());
    const std::string line = "Ça, c'est l'été à Zürich — naïve café!\n";
    const auto ids = v.encode(line);
    REQUIRE(ids.has_value());
    CHECK(ids->size() == 39);  // characters, not bytes
    CHECK(v.decode(*ids) == line);
    CHECK(v.label(*v.find(" ")) == "␣");
    CHECK(v.label(*v.find("\n")) == "⏎");
    CHECK(task->summary() == f.path.filename().string() + ": 1,560 characters, " + std::to_string(v.size()) + " distinct");
    CHECK(task->default_prompt() == "Ça, c'est l'été à Zü");

    data::TaskBatch b;
    task->fill_batch(1, 0, 8, b);
    for (int i = 0; i < b.batch; ++i)
        for (int t = 0; t + 1 < 16; ++t) CHECK(targets_of(b, i)[std::size_t(t)] == tokens_of(b, i)[std::size_t(t) + 1]);
    check_deterministic(*task);
}

TEST_CASE("text tasks: Windows line ends become one newline") {
    ScratchFile f("crlf");
    std::string text;
    for (int i = 0; i < 30; ++i) text += "line one\r\nline two\r\n";
    f.write(text);
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = f.path;
    o.context = 8;
    const auto task = make(o);
    CHECK_FALSE(task->tokens().find("\r").has_value());
    CHECK(task->tokens().find("\n").has_value());
    CHECK(contains(task->summary(), ": 540 characters"));  // 18 per pair of lines, CR dropped
}

TEST_CASE("text tasks: held-out windows come from the end of the text") {
    ScratchFile f("held_out");
    // The first 90% only letters, the last 10% only digits: test windows are all digits.
    f.write(std::string(9000, 'a') + std::string(1000, '7'));
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = f.path;
    o.context = 20;
    const auto task = make(o);
    const int seven = *task->tokens().find("7");
    data::TaskBatch test;
    task->fill_test_batch(1, 50, test);
    for (const int t : test.tokens) CHECK(t == seven);
    for (std::uint64_t index = 0; index < 20; ++index) {
        data::TaskBatch train;
        task->fill_batch(1, index, 50, train);
        for (const int t : train.targets) CHECK(t != seven);
    }
}

TEST_CASE("text tasks: rare characters become one unknown token, and the summary says so") {
    ScratchFile f("rare");
    std::string text;
    for (int i = 0; i < 50; ++i) text += "common text ";
    // 300 different CJK characters, each once: more than kMaxTextCharacters in all.
    for (char32_t c = 0x4E00; c < 0x4E00 + 300; ++c)
        text += std::string{char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
    f.write(text);
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = f.path;
    const auto task = make(o);
    CHECK(task->tokens().size() == data::kMaxTextCharacters + 1);
    CHECK(task->tokens().find("c").has_value());
    CHECK(task->tokens().find("\xEF\xBF\xBD").has_value());
    CHECK(contains(task->summary(), "unknown"));
}

TEST_CASE("text tasks: a text file is refused, named, when missing, empty, binary, not UTF-8 or too short") {
    ScratchFile missing("missing");
    CHECK(contains(text_error(missing.path), "cannot read"));

    ScratchFile empty("empty");
    empty.write("");
    CHECK(contains(text_error(empty.path), "empty"));

    ScratchFile nul("nul");
    nul.write(std::string("some text") + '\0' + std::string("more text and more text and more text"));
    const std::string nul_error = text_error(nul.path);
    CHECK(contains(nul_error, "NUL"));
    CHECK(contains(nul_error, "offset 9"));

    ScratchFile controls("controls");
    controls.write(std::string(100, '\x01') + std::string(100, 'a'));
    CHECK(contains(text_error(controls.path), "binary"));

    ScratchFile latin1("latin1");
    latin1.write(std::string("the caf") + '\xE9' + " is open and the text goes on for a while after it");
    CHECK(contains(text_error(latin1.path), "offset 7"));
    // Offsets count the byte order mark.
    ScratchFile bom("bom");
    bom.write(std::string("\xEF\xBB\xBF") + "ab\xC3" + "(more text after the broken character, long enough)");
    CHECK(contains(text_error(bom.path), "offset 5"));

    ScratchFile shorter("short");
    shorter.write("exactly thirty-two characters!!!");  // 32: one example needs 33
    const std::string short_error = text_error(shorter.path, 32);
    CHECK(contains(short_error, "32 characters"));
    CHECK(contains(short_error, "33"));
    data::TaskOptions o;
    o.task = TextTask::Text;
    o.file = shorter.path;
    o.context = 31;
    std::string error;
    CHECK(data::TextTaskData::make(o, &error) != nullptr);
}

TEST_CASE("text tasks: options out of range are refused with a reason") {
    data::TaskOptions o;
    o.task = TextTask::Copy;
    o.alphabet = 27;
    std::string error;
    CHECK(data::TextTaskData::make(o, &error) == nullptr);
    CHECK(contains(error, "alphabet"));
    o.task = TextTask::Addition;
    o.digits = 0;
    CHECK(data::TextTaskData::make(o, &error) == nullptr);
    CHECK(contains(error, "digits"));
}

TEST_CASE("text tasks: encode names the first missing piece and decodes back") {
    const auto task = make(TextTask::Copy);
    const data::TokenSet& v = task->tokens();
    const auto ids = v.encode("abc=abc");
    REQUIRE(ids.has_value());
    CHECK(v.decode(*ids) == "abc=abc");
    std::string error;
    CHECK_FALSE(v.encode("abz=", &error).has_value());
    CHECK(contains(error, "\"z\""));
    const data::TaskBatch e = task->example(3);
    CHECK(e.batch == 1);
    CHECK(e.length == 17);
}
