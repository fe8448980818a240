#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "data/corpus.h"

namespace {

namespace fs = std::filesystem;

// A file of its own under the temp folder, removed at the end of the test. ctest runs test cases
// in parallel processes, so the name carries the test's tag and the process id.
struct ScratchFile {
    fs::path path;
    explicit ScratchFile(const std::string& tag)
        : path(fs::temp_directory_path() / ("nnscope_test_corpus_" + tag + "_" + std::to_string(getpid()))) {
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

std::string file_error(const fs::path& path, const data::CorpusOptions& options = {}) {
    const data::CorpusResult r = data::read_corpus_file(path, options);
    CHECK_FALSE(r.corpus.has_value());
    return r.error;
}

std::string text_error(const std::string& text, const data::CorpusOptions& options = {}) {
    const data::CorpusResult r = data::corpus_from_text(text, "notes.txt", options);
    CHECK_FALSE(r.corpus.has_value());
    return r.error;
}

int id_of(const data::Corpus& c, const std::string& word) {
    const auto id = c.vocab.find(word);
    REQUIRE_MESSAGE(id.has_value(), word);
    return *id;
}

std::string group_of(const data::Corpus& c, const std::string& word) {
    return c.vocab.group_names[std::size_t(c.vocab.group[std::size_t(id_of(c, word))])];
}

// How often `b` is within `window` tokens of an `a` (a pair counted once per `a`).
int co_occurrences(const data::Corpus& c, const std::string& a, const std::string& b, int window) {
    const int ia = id_of(c, a), ib = id_of(c, b);
    const auto n = std::ptrdiff_t(c.tokens.size());
    int count = 0;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (c.tokens[std::size_t(i)] != ia) continue;
        for (std::ptrdiff_t j = std::max<std::ptrdiff_t>(0, i - window); j <= std::min(n - 1, i + window); ++j)
            if (j != i && c.tokens[std::size_t(j)] == ib) {
                ++count;
                break;
            }
    }
    return count;
}

// The vocabulary holds what the stream holds: counts are the stream's, most frequent first, the
// index and the groups agree with the words.
void check_consistent(const data::Corpus& c) {
    const data::Vocabulary& v = c.vocab;
    REQUIRE(v.counts.size() == v.words.size());
    REQUIRE(v.group.size() == v.words.size());
    CHECK(v.index.size() == v.words.size());
    std::vector<std::int64_t> counted(v.words.size(), 0);
    const bool ids_valid = std::all_of(c.tokens.begin(), c.tokens.end(), [&](std::int32_t t) { return t >= 0 && t < v.size(); });
    REQUIRE(ids_valid);
    for (const std::int32_t t : c.tokens) ++counted[std::size_t(t)];
    CHECK(counted == v.counts);
    for (int id = 0; id < v.size(); ++id) {
        CHECK(v.index.at(v.words[std::size_t(id)]) == id);
        CHECK(v.group[std::size_t(id)] >= 0);
        CHECK(v.group[std::size_t(id)] < int(v.group_names.size()));
        if (id > 0) {
            const auto i = std::size_t(id);
            CHECK((v.counts[i - 1] > v.counts[i] || (v.counts[i - 1] == v.counts[i] && v.words[i - 1] < v.words[i])));
        }
    }
    CHECK(c.words_read - c.words_dropped == std::int64_t(c.tokens.size()));
}

}  // namespace

TEST_CASE("the built-in corpus: the same seed gives the same text, another seed another") {
    const data::Corpus a = data::builtin_corpus(7, 3000), b = data::builtin_corpus(7, 3000);
    const data::Corpus c = data::builtin_corpus(8, 3000);
    CHECK(a.tokens == b.tokens);
    CHECK(a.vocab.words == b.vocab.words);
    CHECK(a.vocab.group == b.vocab.group);
    CHECK(a.tokens != c.tokens);
    CHECK(a.source == "built-in corpus: 3,000 sentences");
}

TEST_CASE("the built-in corpus: its words, groups and counts") {
    const data::Corpus c = data::builtin_corpus();
    check_consistent(c);
    CHECK(c.words_dropped == 0);
    // A few hundred thousand words of a few hundred distinct ones: enough for skip-gram in seconds.
    CHECK(c.tokens.size() > 200000);
    CHECK(c.tokens.size() < 400000);
    CHECK(c.vocab.size() > 150);
    CHECK(c.vocab.size() < 400);
    CHECK(c.vocab.words[0] == "the");

    for (const char* g : {"function words", "animals", "colours", "countries", "capitals", "numbers", "royal", "family",
                          "people", "verbs", "river", "money", "bank"})
        CHECK_MESSAGE(std::count(c.vocab.group_names.begin(), c.vocab.group_names.end(), g) == 1, g);
    std::vector<int> members(c.vocab.group_names.size(), 0);
    for (const int g : c.vocab.group) ++members[std::size_t(g)];
    for (std::size_t g = 0; g < members.size(); ++g) CHECK_MESSAGE(members[g] > 0, c.vocab.group_names[g]);

    for (const char* w : {"king", "queen", "prince", "princess"}) CHECK(group_of(c, w) == "royal");
    for (const char* w : {"man", "woman", "boy", "girl"}) CHECK(group_of(c, w) == "people");
    for (const char* w : {"father", "mother", "son", "daughter", "brother", "sister", "husband", "wife"})
        CHECK(group_of(c, w) == "family");
    for (const char* w : {"france", "italy", "japan", "egypt", "spain"}) CHECK(group_of(c, w) == "countries");
    for (const char* w : {"paris", "rome", "tokyo", "cairo", "madrid"}) CHECK(group_of(c, w) == "capitals");
    for (const char* w : {"one", "five", "ten"}) CHECK(group_of(c, w) == "numbers");
    for (const char* w : {"dog", "cat", "horse"}) CHECK(group_of(c, w) == "animals");
    for (const char* w : {"red", "blue", "green"}) CHECK(group_of(c, w) == "colours");
    for (const char* w : {"the", "of", "a", "he", "she"}) CHECK(group_of(c, w) == "function words");
    CHECK(group_of(c, "crown") == "royal");
    CHECK(group_of(c, "shore") == "river");
    CHECK(group_of(c, "loan") == "money");
    CHECK(group_of(c, "bank") == "bank");

    // Each person word is seen often enough to learn; the words of a pair about equally often.
    for (const auto& [m, f] : std::vector<std::pair<std::string, std::string>>{{"king", "queen"}, {"man", "woman"},
                                                                                {"prince", "princess"}, {"boy", "girl"}}) {
        const auto cm = c.vocab.counts[std::size_t(id_of(c, m))], cf = c.vocab.counts[std::size_t(id_of(c, f))];
        CHECK(cm > 500);
        CHECK(cf > 500);
        CHECK(double(cm) / double(cf) > 0.8);
        CHECK(double(cm) / double(cf) < 1.25);
    }
    // Gender rides on the pronouns, rank on royal words.
    CHECK(co_occurrences(c, "king", "his", 5) > 200);
    CHECK(co_occurrences(c, "queen", "her", 5) > 200);
    CHECK(co_occurrences(c, "king", "crown", 5) > 30);
    CHECK(co_occurrences(c, "queen", "crown", 5) > 30);
    // A capital and its country are seen together.
    CHECK(co_occurrences(c, "paris", "france", 5) > 50);
    CHECK(co_occurrences(c, "rome", "italy", 5) > 50);
}

TEST_CASE("the built-in corpus: bank is beside a river about as often as beside money") {
    const data::Corpus c = data::builtin_corpus();
    const int river = co_occurrences(c, "bank", "river", 5) + co_occurrences(c, "bank", "water", 5);
    const int money = co_occurrences(c, "bank", "money", 5) + co_occurrences(c, "bank", "rates", 5);
    CHECK(co_occurrences(c, "bank", "river", 5) > 200);
    CHECK(co_occurrences(c, "bank", "money", 5) > 200);
    CHECK(double(river) / double(money) > 0.6);
    CHECK(double(river) / double(money) < 1.6);
}

TEST_CASE("a text corpus: words, counts, tokens and the summary") {
    const std::string text = "The cat sat. The cat ran! A dog? Don't ‘run’, the DOG said: don’t.\n";
    data::CorpusOptions options;
    options.min_count = 1;
    const data::CorpusResult r = data::corpus_from_text(text, "pets.txt", options);
    REQUIRE_MESSAGE(r.corpus.has_value(), r.error);
    const data::Corpus& c = *r.corpus;
    check_consistent(c);
    // 3 the, 2 cat, 2 dog, 2 don't; ties alphabetical.
    CHECK(c.vocab.words == std::vector<std::string>{"the", "cat", "dog", "don't", "a", "ran", "run", "said", "sat"});
    CHECK(c.vocab.counts == std::vector<std::int64_t>{3, 2, 2, 2, 1, 1, 1, 1, 1});
    CHECK(c.vocab.group_names == std::vector<std::string>{"words"});
    CHECK(c.words_read == 14);
    CHECK(c.words_dropped == 0);
    std::vector<std::string> stream;
    for (const std::int32_t t : c.tokens) stream.push_back(c.vocab.words[std::size_t(t)]);
    CHECK(stream == std::vector<std::string>{"the", "cat", "sat", "the", "cat", "ran", "a", "dog", "don't", "run", "the",
                                             "dog", "said", "don't"});
    CHECK(c.vocab.find("DOG") == c.vocab.find("dog"));
    CHECK_FALSE(c.vocab.find("bird").has_value());
    CHECK(c.source == "pets.txt");
    CHECK(c.summary == "14 words read; 9 kept (each seen at least 1 time); 0.0% of the text dropped");
}

TEST_CASE("a text corpus: letters beyond ASCII are part of words, apostrophes only inside them") {
    data::CorpusOptions options;
    options.min_count = 1;
    const data::CorpusResult r = data::corpus_from_text("\xEF\xBB\xBF" "café — naïve «mot» 'tis dogs' rock'n'roll", "u.txt", options);
    REQUIRE_MESSAGE(r.corpus.has_value(), r.error);
    std::set<std::string> words(r.corpus->vocab.words.begin(), r.corpus->vocab.words.end());
    CHECK(words == std::set<std::string>{"café", "naïve", "mot", "tis", "dogs", "rock'n'roll"});
}

TEST_CASE("a text corpus: the cap and min_count choose the vocabulary and the summary says so") {
    std::string text;
    // "a" 40 times, "b" 30, "c" 20, "d" 10, "e" 3, in a repeating order.
    for (int i = 0; i < 10; ++i) text += "a a a a b b b c c d ";
    text += "e e e";
    data::CorpusOptions options;
    options.max_vocab = 3;
    options.min_count = 5;
    const data::CorpusResult capped = data::corpus_from_text(text, "abc.txt", options);
    REQUIRE_MESSAGE(capped.corpus.has_value(), capped.error);
    check_consistent(*capped.corpus);
    CHECK(capped.corpus->vocab.words == std::vector<std::string>{"a", "b", "c"});
    CHECK(capped.corpus->words_read == 103);
    CHECK(capped.corpus->words_dropped == 13);
    CHECK(capped.corpus->tokens.size() == 90);
    CHECK(capped.corpus->summary == "103 words read; 3 kept (each seen at least 5 times); 12.6% of the text dropped");

    options.max_vocab = 100;
    options.min_count = 10;
    const data::CorpusResult frequent = data::corpus_from_text(text, "abc.txt", options);
    REQUIRE(frequent.corpus.has_value());
    CHECK(frequent.corpus->vocab.words == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(frequent.corpus->words_dropped == 3);

    std::string big;
    for (int i = 0; i < 1200; ++i) big += "word ";
    const data::CorpusResult thousands = data::corpus_from_text(big, "big.txt", {});
    REQUIRE(thousands.corpus.has_value());
    CHECK(contains(thousands.corpus->summary, "1,200 words read; 1 kept"));
}

TEST_CASE("a corpus file is read, and each kind of bad file is refused with its reason") {
    ScratchFile file("refusals");
    const std::string name = file.path.string();

    file.write("the king and the queen\nthe man and the woman\n");
    data::CorpusOptions once;
    once.min_count = 1;
    const data::CorpusResult ok = data::read_corpus_file(file.path, once);
    REQUIRE_MESSAGE(ok.corpus.has_value(), ok.error);
    CHECK(ok.corpus->source == name);
    CHECK(ok.corpus->vocab.words[0] == "the");
    CHECK(ok.corpus->vocab.counts[0] == 4);

    CHECK(file_error(fs::temp_directory_path() / "nnscope_no_such_corpus_file.txt") ==
          (fs::temp_directory_path() / "nnscope_no_such_corpus_file.txt").string() +
              ": cannot read the file: No such file or directory");

    fs::remove(file.path);
    fs::create_directories(file.path);
    CHECK(file_error(file.path) == name + ": is a folder, not a text file");
    fs::remove_all(file.path);

    file.write("");
    CHECK(file_error(file.path) == name + ": the file is empty");

    {
        std::ofstream create(file.path);
    }
    fs::resize_file(file.path, data::kMaxCorpusBytes + 1);  // sparse: no disk space, never read
    CHECK(file_error(file.path) == name + ": is 67,108,865 bytes; a corpus file may have at most 64 MB (67,108,864 bytes)");
    fs::resize_file(file.path, std::uintmax_t{200} << 20);
    CHECK(file_error(file.path) == name + ": is 209,715,200 bytes; a corpus file may have at most 64 MB (67,108,864 bytes)");

    file.write(std::string("the king\0 and", 13));
    CHECK(file_error(file.path) == name + ": has a NUL byte at offset 8; this is a binary file, not plain text");

    file.write("the king \x01\x02\x03\x04\x05\x06\x07 the queen");  // 7 of 26 bytes
    CHECK(file_error(file.path) ==
          name + ": 26.9% of its bytes are control characters; this is a binary file, not plain text");

    file.write(std::string("\xFF\xFEt\0h\0e\0", 8));
    CHECK(file_error(file.path) == name + ": is UTF-16 text; save it as UTF-8");

    file.write("the king and the qu\xE9" "en");  // Latin-1 é
    CHECK(contains(file_error(file.path), name + ": is not UTF-8 text: the bytes at offset 19 are no UTF-8 character"));
    file.write("\xEF\xBB\xBF" "caf\xC3\xA9 \xC0\x80");  // an overlong NUL after a BOM, counted from the file's start
    CHECK(contains(file_error(file.path), ": is not UTF-8 text: the bytes at offset 9 "));

    file.write("the king and the queen");
    CHECK(file_error(file.path) == name + ": no word appears at least 5 times (5 words, 4 different); a longer text is needed");

    file.write("1234 ... !!! --- 42\n");
    CHECK(file_error(file.path) == name + ": has no words (a word is a run of letters)");
}

TEST_CASE("a corpus text in memory is refused like a file, by its name") {
    CHECK(text_error("") == "notes.txt: the file is empty");
    CHECK(text_error("a b c") == "notes.txt: no word appears at least 5 times (3 words, 3 different); a longer text is needed");
    data::CorpusOptions twice;
    twice.min_count = 2;
    CHECK(text_error("a b c", twice) ==
          "notes.txt: no word appears at least 2 times (3 words, 3 different); a longer text is needed");
}

TEST_CASE("a corpus text with tabs, CRLF, form feeds and a stray escape is still text") {
    data::CorpusOptions once;
    once.min_count = 1;
    const data::CorpusResult r =
        data::corpus_from_text("the\tcat\r\nsat on the mat\f\x1b[1m the end\x1b[0m of a long enough line", "log.txt", once);
    REQUIRE_MESSAGE(r.corpus.has_value(), r.error);
    CHECK(r.corpus->vocab.words[0] == "the");
    CHECK(r.corpus->vocab.counts[0] == 3);
    CHECK(r.corpus->words_read == 15);  // the escapes "[1m" and "[0m" leave two words "m"
}
