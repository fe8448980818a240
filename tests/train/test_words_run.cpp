// The word-embedding run: its steps, what it publishes, the texts it opens or refuses, and the
// queries the similarity panel asks of its vectors.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "train/family.h"
#include "train/words/similarity.h"
#include "train/words/words_run.h"
#include "train/words/words_view.h"

namespace {
train::Config words_config(std::uint64_t seed = 1, float learning_rate = 0.025f, int batch = 64) {
    train::Config c;
    c.family = train::WordsConfig{};
    c.learning_rate = learning_rate;
    c.batch_size = batch;
    c.seed = seed;
    return c;
}

struct TempText {
    std::filesystem::path path;
    explicit TempText(const std::string& text, const char* name) {
        path = std::filesystem::temp_directory_path() / (std::string("nnscope_words_") + name);
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempText() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

data::Vocabulary tiny_vocabulary(std::vector<std::string> words) {
    data::Vocabulary v;
    v.group_names = {"words"};
    for (std::size_t i = 0; i < words.size(); ++i) {
        v.index[words[i]] = int(i);
        v.counts.push_back(1);
        v.group.push_back(0);
    }
    v.words = std::move(words);
    return v;
}
}  // namespace

TEST_CASE("words: the registry makes a words run from a words config, and a fresh run scores (1 + k) ln 2") {
    const train::Config c = words_config();
    CHECK(train::family_of(c).name == "words");
    std::unique_ptr<train::Run> run = train::make_run(c);
    REQUIRE(dynamic_cast<train::WordsRun*>(run.get()));
    CHECK(run->cannot_train().empty());
    CHECK(run->loss() == doctest::Approx(6 * std::log(2.0)));  // 5 negatives + the true context
}

TEST_CASE("words: a step changes only the rows of its batch's words, and the snapshot says which") {
    train::WordsRun run(words_config(1, 0.025f, 16));
    // The output table starts at zero, so the very first step moves no word vector yet (every
    // gradient reaching the input rows is a multiple of an output row): look at a later step.
    for (int i = 0; i < 5; ++i) run.step();
    const nn::EmbeddingTable before = run.model().input();
    run.step();
    const nn::EmbeddingTable& after = run.model().input();
    const data::Corpus& corpus = *run.corpus();
    std::set<int> batch_words;
    for (std::size_t p = 5 * 16; p < 6 * 16; ++p) batch_words.insert(corpus.tokens[p]);

    train::Snapshot s;
    run.fill_snapshot(s);
    const train::WordsView* v = s.view<train::WordsView>();
    REQUIRE(v);
    CHECK(std::set<int>(v->touched.begin(), v->touched.end()) == batch_words);
    for (Eigen::Index w = 0; w < after.rows(); ++w) {
        const bool changed = !(after.row(w).array() == before.row(w).array()).all();
        CHECK_MESSAGE(changed == (batch_words.count(int(w)) > 0), "row " << w);
    }
    CHECK(v->rows_changed.value.back() == float(batch_words.size()));
    CHECK(v->x.size() == std::size_t(corpus.vocab.size()));
    CHECK(v->embeddings->rows() == corpus.vocab.size());
    CHECK(s.parameter_count == 2 * corpus.vocab.size() * 32);
}

TEST_CASE("words: training lowers the loss, and the same seed gives the same vectors") {
    train::WordsRun a(words_config(3)), b(words_config(3));
    const float start = a.loss();
    for (int i = 0; i < 400; ++i) {
        a.step();
        b.step();
    }
    CHECK(a.loss() < 0.8f * start);
    CHECK((a.model().input().array() == b.model().input().array()).all());
    CHECK(a.words_trained() == 400 * 64);
}

TEST_CASE("words: a huge learning rate stops the run with a reason instead of drawing NaN") {
    train::WordsRun run(words_config(1, 1e6f));
    for (int i = 0; i < 200 && run.divergence().empty(); ++i) run.step();
    REQUIRE_FALSE(run.divergence().empty());
    CHECK(run.divergence().find("learning rate") != std::string::npos);
    const std::uint64_t at = run.steps();
    run.step();  // a diverged run stays where it stopped
    CHECK(run.steps() == at);
}

TEST_CASE("words: opening a text makes a new table, and a bad file is refused and the words stay") {
    train::WordsRun run(words_config());
    const int builtin_words = run.corpus()->vocab.size();
    for (int i = 0; i < 10; ++i) run.step();

    const TempText empty("", "empty.txt");
    train::FamilyCommand open_empty = train::OpenCorpus{empty.path.string(), 100, 1};
    run.apply(open_empty);
    train::Snapshot s;
    run.fill_snapshot(s);
    const train::WordsView* v = s.view<train::WordsView>();
    REQUIRE(v);
    CHECK(v->data_failed);
    CHECK(v->data_message.find(empty.path.string()) != std::string::npos);
    CHECK(run.corpus()->vocab.size() == builtin_words);
    CHECK(run.steps() == 10);  // nothing lost

    std::string text;
    for (int i = 0; i < 50; ++i) text += "the cat sat on the mat. the dog sat on the log. ";
    const TempText good(text, "good.txt");
    train::FamilyCommand open_good = train::OpenCorpus{good.path.string(), 100, 2};
    run.apply(open_good);
    CHECK(run.steps() == 0);
    CHECK(run.corpus()->vocab.size() == 7);  // the cat sat on mat dog log
    CHECK(run.model().input().rows() == 7);
    train::Snapshot s2;
    run.fill_snapshot(s2);
    CHECK_FALSE(s2.view<train::WordsView>()->data_failed);
    CHECK(s2.config.words()->corpus_file == good.path.string());
    run.step();
    CHECK(run.steps() == 1);

    // Another family's command changes nothing.
    train::FamilyCommand point = train::AddPoint{0.f, 0.f, 1};
    run.apply(point);
    CHECK(run.steps() == 1);
}

TEST_CASE("words: a run whose file cannot be read says why it cannot train") {
    train::Config c = words_config();
    c.words()->corpus_file = "/nonexistent/nnscope/text.txt";
    train::WordsRun run(c);
    CHECK(run.cannot_train().find("/nonexistent/nnscope/text.txt") != std::string::npos);
    run.step();
    CHECK(run.steps() == 0);
}

TEST_CASE("similarity: cosines, neighbours and word arithmetic on a table built by hand") {
    const data::Vocabulary vocab = tiny_vocabulary({"king", "queen", "man", "woman", "apple"});
    nn::EmbeddingTable t(5, 3);
    // royal, male, fruit
    t << 1, 1, 0,   // king
        1, -1, 0,   // queen
        0, 1, 0.1f, // man
        0, -1, 0.1f,// woman
        0, 0, 5;    // apple
    const nn::EmbeddingTable unit = train::unit_rows(t);
    CHECK(unit.row(4).norm() == doctest::Approx(1.f));

    const train::QueryAnswer analogy = train::answer_query("king - man + woman", vocab, unit, 2);
    REQUIRE(analogy.error.empty());
    REQUIRE(analogy.neighbours.size() == 2);
    CHECK(analogy.neighbours[0].word == 1);  // queen, the typed words left out
    CHECK(analogy.neighbours[0].cosine > 0.9f);
    CHECK(analogy.neighbours[1].word == 4);

    const train::QueryAnswer near = train::answer_query("  King ", vocab, unit, 4);
    REQUIRE(near.error.empty());
    CHECK(near.neighbours.size() == 4);
    CHECK(near.neighbours[0].word != 0);
    CHECK(near.neighbours[0].cosine >= near.neighbours[1].cosine);

    CHECK(train::answer_query("kingg", vocab, unit, 3).error == "\"kingg\" is not one of the 5 words the model knows");
    CHECK(train::answer_query("king man", vocab, unit, 3).error.find("put + or -") != std::string::npos);
    CHECK(train::answer_query("king - - man", vocab, unit, 3).error.find("two signs") != std::string::npos);
    CHECK(train::answer_query("king -", vocab, unit, 3).error.find("sign at the end") != std::string::npos);
    CHECK(train::answer_query("king - king", vocab, unit, 3).error.find("cancel") != std::string::npos);
    CHECK(train::answer_query("", vocab, unit, 3).neighbours.empty());
    CHECK(train::answer_query("", vocab, unit, 3).error.empty());
    const train::ParsedQuery q = train::parse_query("-man+woman", vocab);
    CHECK(q.error.empty());
    CHECK(q.signs == std::vector<int>{-1, +1});
}

TEST_CASE("similarity: the group margin compares the mean cosine within and across groups") {
    data::Vocabulary vocab = tiny_vocabulary({"a", "b", "c", "d"});
    vocab.group_names = {"x", "y"};
    vocab.group = {0, 0, 1, 1};
    nn::EmbeddingTable t(4, 2);
    t << 1, 0, 1, 0.1f, 0, 1, 0.1f, 1;
    const std::vector<std::string> groups = {"x", "y"};
    const train::GroupSimilarity g = train::group_similarity(vocab, train::unit_rows(t), groups);
    CHECK(g.within > 0.99);
    CHECK(g.across < 0.2);
    CHECK(g.margin() > 0.8);
}

TEST_CASE("words: on the built-in corpus king - man + woman ranks queen in the top 3 within 600 steps of 128 words, seeds 1 to 5") {
    // Measured: first in the top 3 at step 300-550 (checked every 50 steps); README, "Text for word vectors".
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        CAPTURE(seed);
        train::WordsRun run(words_config(seed, 0.025f, 128));
        for (int i = 0; i < 600; ++i) run.step();
        const data::Vocabulary& vocab = run.corpus()->vocab;
        const train::QueryAnswer a = train::answer_query("king - man + woman", vocab, train::unit_rows(run.model().input()), 3);
        REQUIRE(a.error.empty());
        bool queen = false;
        for (const train::Neighbour& n : a.neighbours) queen = queen || vocab.words[std::size_t(n.word)] == "queen";
        CHECK(queen);
    }
}
