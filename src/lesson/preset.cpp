#include "lesson/preset.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "lesson/parse_failure.h"
#include "train/family.h"

namespace lesson::detail {

namespace {

// Keys every preset may set; each family adds its own (train::Family::preset_keys).
constexpr std::string_view kCommonPresetKeys[] = {"model",      "hidden", "activation", "loss",         "optimizer",
                                                  "learning_rate", "batch_size", "seed", "speed", "play",
                                                  "warmup_steps",  "panels",     "spam"};

std::vector<std::string_view> all_preset_keys() {
    std::vector<std::string_view> keys(std::begin(kCommonPresetKeys), std::end(kCommonPresetKeys));
    for (const train::Family& f : train::families()) keys.insert(keys.end(), f.preset_keys.begin(), f.preset_keys.end());
    return keys;
}

// The family whose preset keys include k, if any.
const train::Family* family_of_key(std::string_view k) {
    for (const train::Family& f : train::families())
        if (std::find(f.preset_keys.begin(), f.preset_keys.end(), k) != f.preset_keys.end()) return &f;
    return nullptr;
}
constexpr std::string_view kSpamKeys[] = {"input_names", "inputs", "weights", "threshold"};

// Limits that keep a typo from freezing the app (a 10^9-step warm-up, a 10,000-wide layer) while
// leaving room for every experiment the lessons need.
constexpr std::size_t kMaxHiddenLayers = train::kMaxHiddenLayers;
constexpr std::int64_t kMaxBatchSize = 100'000;
constexpr std::int64_t kMaxWarmupSteps = 10'000'000;
constexpr double kMaxLearningRate = 1000;
constexpr std::size_t kMaxSpamInputs = 8;

constexpr nn::Loss kAllLosses[] = {nn::Loss::CrossEntropy, nn::Loss::SquaredError};
constexpr data::TextTask kAllTextTasks[] = {data::TextTask::Copy,   data::TextTask::Reverse,   data::TextTask::Addition,
                                            data::TextTask::Repeat, data::TextTask::Sentences, data::TextTask::Text};
constexpr nn::PositionKind kAllPositionKinds[] = {nn::PositionKind::Learned, nn::PositionKind::Sinusoidal};

template <class Range>
std::string join(const Range& names) {
    std::string out;
    for (const auto& n : names) {
        if (!out.empty()) out += ", ";
        out += n;
    }
    return out;
}

// Shortest text that reads back as the same double: 0.1 stays "0.1", not "0.100000001".
std::string format_number(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// How a value reads in a message: "got -1", "got \"fast\"", "got an array".
std::string describe(const toml::node& node) {
    if (auto s = node.as_string()) return "\"" + s->get() + "\"";
    if (auto i = node.as_integer()) return std::to_string(i->get());
    if (auto f = node.as_floating_point()) return format_number(f->get());
    if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
    if (node.is_array()) return "an array";
    if (node.is_table()) return "a table";
    return "a date or time";
}

std::optional<double> number_of(const toml::node& node) {
    if (auto i = node.as_integer()) return static_cast<double>(i->get());
    if (auto f = node.as_floating_point()) return f->get();
    return std::nullopt;
}

std::optional<double> finite_number_of(const toml::node& node) {
    auto v = number_of(node);
    if (v && !std::isfinite(*v)) return std::nullopt;
    return v;
}

// toml++ tables iterate in key order; checking in file order instead makes "the first error"
// the one nearest the top, which is where a teacher fixing a lesson starts reading.
std::vector<std::pair<const toml::key*, const toml::node*>> entries_in_file_order(const toml::table& table) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (auto&& [key, value] : table) entries.emplace_back(&key, &value);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const toml::source_position &pa = a.first->source().begin, &pb = b.first->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    return entries;
}

template <class T, std::size_t N>
std::vector<std::string_view> names_of(const T (&all)[N], std::string_view (*name)(T)) {
    std::vector<std::string_view> names;
    for (T v : all) names.push_back(name(v));
    return names;
}

// Reads one ```preset block. Holds the fence line so every check can report a line of the .md file.
class PresetReader {
public:
    explicit PresetReader(int fence_line) : fence_line_(fence_line) {}

    Preset read(const toml::table& root) {
        Preset preset;
        // The model decides the family, and the family which other keys and panels are allowed:
        // read it first, wherever the file writes it.
        if (const toml::node* model = root.get("model")) read_model(*model, preset);
        bool has_panels = false;
        for (auto [key, value] : entries_in_file_order(root)) {
            if (key->str() != "model") read_key(*key, *value, preset);
            has_panels = has_panels || key->str() == "panels";
        }
        // Training on screen with nothing to watch would look broken; these two show it happening.
        if (!has_panels) preset.panels = {std::string(train::family_of(preset.config).panels.front()), "loss"};
        return preset;
    }

private:
    // toml++ leaves a region empty (line 0) for tables it creates implicitly, e.g. `spam` in a
    // dotted key `spam.inputs = ...`; the fence line is then the best place to point at.
    int line_of(const toml::source_region& where) const {
        return where.begin.line > 0 ? fence_line_ + static_cast<int>(where.begin.line) : fence_line_;
    }

    [[noreturn]] void fail_at(const toml::source_region& where, std::string message) const {
        fail(line_of(where), std::move(message));
    }

    void read_key(const toml::key& key, const toml::node& value, Preset& p) {
        const std::string_view k = key.str();
        if (const train::Family* owner = family_of_key(k); owner && owner != &train::family_of(p.config))
            fail_at(key.source(), "'" + std::string(k) + "' is a key of the " + std::string(owner->name) +
                                      " models (" + join(owner->models) + "), not of model '" +
                                      std::string(train::model_name(p.config)) + "'");
        if (k == "dataset")
            p.config.plane()->dataset = read_choice(value, "dataset", data::kAllToy2D, data::toy2d_name, data::toy2d_from_name);
        else if (k == "digits_dir")
            p.config.digits()->data_dir = read_text(value, "digits_dir (a folder of MNIST IDX files)");
        else if (k == "corpus")
            p.config.words()->corpus_file = read_text(value, "corpus (a plain-text file)");
        else if (k == "max_vocab")
            p.config.words()->max_vocab = int(read_whole(value, "max_vocab", 2, train::kMaxWordVocab));
        else if (k == "min_count")
            p.config.words()->min_count = int(read_whole(value, "min_count", 1, 1'000'000));
        else if (k == "dimensions")
            p.config.words()->dim = int(read_whole(value, "dimensions", 2, train::kMaxWordDim));
        else if (k == "window")
            p.config.words()->window = int(read_whole(value, "window", 1, train::kMaxWordWindow));
        else if (k == "negatives")
            p.config.words()->negatives = int(read_whole(value, "negatives", 1, train::kMaxWordNegatives));
        else if (k == "query")
            p.config.words()->query = read_text(value, "query (a word, or words joined by + and -)");
        else if (k == "compare")
            p.config.words()->compare = read_words(value, "compare");
        else if (k == "focus")
            p.config.words()->focus = read_text(value, "focus (a word)");
        else if (k == "task")
            p.config.transformer()->task = read_choice(value, "task", kAllTextTasks, data::text_task_name, data::text_task_from_name);
        else if (k == "symbols")
            p.config.transformer()->symbols = int(read_whole(value, "symbols", 2, 40));
        else if (k == "alphabet")
            p.config.transformer()->alphabet = int(read_whole(value, "alphabet", 2, 26));
        else if (k == "digits")
            p.config.transformer()->digits = int(read_whole(value, "digits", 1, 6));
        else if (k == "text")
            p.config.transformer()->text_file = read_text(value, "text (a plain-text file)");
        else if (k == "context")
            p.config.transformer()->context = int(read_whole(value, "context", nn::kMinTransformerContext, nn::kMaxTransformerContext));
        else if (k == "d_model")
            p.config.transformer()->d_model = int(read_whole(value, "d_model", nn::kMinTransformerDModel, nn::kMaxTransformerDModel));
        else if (k == "heads")
            p.config.transformer()->heads = int(read_whole(value, "heads", nn::kMinTransformerHeads, nn::kMaxTransformerHeads));
        else if (k == "layers")
            p.config.transformer()->layers = int(read_whole(value, "layers", nn::kMinTransformerLayers, nn::kMaxTransformerLayers));
        else if (k == "positions")
            p.config.transformer()->positions = read_choice(value, "positions", kAllPositionKinds, nn::position_kind_name, nn::position_kind_from_name);
        else if (k == "tied")
            p.config.transformer()->tied = read_bool(value, "tied");
        else if (k == "weight_decay")
            p.config.transformer()->weight_decay = float(read_between(value, "weight_decay", 0, 1));
        else if (k == "example")
            p.config.transformer()->example = read_text(value, "example (text in the task's tokens)");
        else if (k == "example_seed")
            p.config.transformer()->example_seed = int(read_whole(value, "example_seed", 0, 1'000'000));
        else if (k == "query_token")
            p.config.transformer()->query = int(read_whole(value, "query_token (a position in the example, from 0)", 0, nn::kMaxTransformerContext - 1));
        else if (k == "layer")
            p.config.transformer()->layer = int(read_whole(value, "layer (from 0)", 0, nn::kMaxTransformerLayers - 1));
        else if (k == "head")
            p.config.transformer()->head = int(read_whole(value, "head (from 0)", 0, nn::kMaxTransformerHeads - 1));
        else if (k == "stage")
            p.config.transformer()->stage = read_stage(value);
        else if (k == "prompt")
            p.config.transformer()->prompt = read_text(value, "prompt (text in the task's tokens)");
        else if (k == "generate_tokens")
            p.config.transformer()->generate_tokens = int(read_whole(value, "generate_tokens", 1, train::kMaxGeneratedTokens));
        else if (k == "temperatures")
            p.config.transformer()->temperatures = read_temperatures(value);
        else if (k == "top_k")
            p.config.transformer()->top_k = int(read_whole(value, "top_k (0: all tokens)", 0, nn::kMaxTransformerVocab));
        else if (k == "top_p")
            p.config.transformer()->top_p = float(read_between(value, "top_p", 0.01, 1));
        else if (k == "activation")
            p.config.activation =
                read_choice(value, "activation", nn::kAllActivations, nn::activation_name, nn::activation_from_name);
        else if (k == "points")
            p.config.plane()->points = int(read_whole(value, "points", 4, train::kMaxPoints));
        else if (k == "noise")
            p.config.plane()->noise = float(read_between(value, "noise", 0, 1));
        else if (k == "test_fraction")
            p.config.plane()->test_fraction = float(read_between(value, "test_fraction", 0, 0.9));
        else if (k == "hidden")
            p.config.hidden = read_hidden(value, p.config);
        else if (k == "residual")
            p.config.plane()->residual = read_bool(value, "residual");
        else if (k == "loss")
            p.config.loss = read_choice(value, "loss", kAllLosses, nn::loss_name, nn::loss_from_name);
        else if (k == "optimizer")
            p.config.optimizer =
                read_choice(value, "optimizer", nn::kAllOptimizers, nn::optimizer_name, nn::optimizer_from_name);
        else if (k == "batch_size")
            p.config.batch_size = int(read_whole(value, "batch_size (0 means all the training points)", 0, kMaxBatchSize));
        else if (k == "start")
            p.config.plane()->start = read_start(value);
        else if (k == "learning_rate")
            p.config.learning_rate = static_cast<float>(read_learning_rate(value));
        else if (k == "seed")
            p.config.seed = read_seed(value);
        else if (k == "speed")
            p.config.steps_per_second = read_speed(value);
        else if (k == "play")
            p.play = read_play(value);
        else if (k == "warmup_steps")
            p.warmup_steps = read_warmup(value);
        else if (k == "panels")
            p.panels = read_panels(value, p.config);
        else if (k == "spam")
            read_spam(key, value, p);
        else
            fail_at(key.source(),
                    "unknown key '" + std::string(k) + "' in preset (known keys: " + join(all_preset_keys()) + ")");
    }

    void read_model(const toml::node& value, Preset& p) const {
        const std::string expected = train::all_model_names();
        const auto* text = value.as_string();
        if (!text)
            fail_at(value.source(), "model must be one of: " + expected + " (in quotes), got " + describe(value));
        const train::Family* family = train::family_of_model(text->get());
        if (!family) fail_at(value.source(), "unknown model '" + text->get() + "' (expected one of: " + expected + ")");
        p.config.family = family->config_for(text->get());
    }

    int read_stage(const toml::node& value) const {
        const std::vector<std::string_view> names(std::begin(train::kAttentionStages), std::end(train::kAttentionStages));
        const auto* text = value.as_string();
        for (std::size_t i = 0; text && i < names.size(); ++i)
            if (text->get() == names[i]) return int(i);
        fail_at(value.source(), "stage must be one of: " + join(names) + " (in quotes), got " + describe(value));
    }

    std::vector<float> read_temperatures(const toml::node& value) const {
        const std::string rule = "temperatures must be an array of one to three numbers from 0.01 to 100, e.g. [0.5, 1.5]";
        const auto* array = value.as_array();
        if (!array || array->empty() || array->size() > 3) fail_at(value.source(), rule + ", got " + describe(value));
        std::vector<float> out;
        for (const toml::node& item : *array) {
            const auto v = finite_number_of(item);
            if (!v || *v < 0.01 || *v > 100) fail_at(item.source(), rule + ", got " + describe(item));
            out.push_back(float(*v));
        }
        return out;
    }

    std::vector<std::string> read_words(const toml::node& value, std::string_view what) const {
        const std::string rule = std::string(what) + " must be an array of words in quotes, e.g. [\"king\", \"queen\"]";
        const auto* array = value.as_array();
        if (!array) fail_at(value.source(), rule + ", got " + describe(value));
        std::vector<std::string> words;
        for (const toml::node& item : *array) {
            const auto* text = item.as_string();
            if (!text || text->get().empty()) fail_at(item.source(), rule + ", got " + describe(item));
            words.push_back(text->get());
        }
        return words;
    }

    std::string read_text(const toml::node& value, std::string_view what) const {
        const auto* text = value.as_string();
        if (!text || text->get().empty())
            fail_at(value.source(), std::string(what) + " must be text in quotes, got " + describe(value));
        return text->get();
    }

    template <class T, std::size_t N, class FromName>
    T read_choice(const toml::node& value, std::string_view what, const T (&all)[N], std::string_view (*name)(T),
                  FromName from_name) const {
        const std::string expected = join(names_of(all, name));
        const auto* text = value.as_string();
        if (!text)
            fail_at(value.source(),
                    std::string(what) + " must be one of: " + expected + " (in quotes), got " + describe(value));
        if (auto v = from_name(text->get())) return *v;
        fail_at(value.source(),
                "unknown " + std::string(what) + " '" + text->get() + "' (expected one of: " + expected + ")");
    }

    std::vector<int> read_hidden(const toml::node& value, const train::Config& config) const {
        const int widest = train::family_of(config).max_hidden_width;
        const std::string rule = "'hidden' must be an array of whole numbers from 1 to " + std::to_string(widest);
        const auto* array = value.as_array();
        if (!array) fail_at(value.source(), rule + ", got " + describe(value));
        if (array->empty()) fail_at(value.source(), rule + ", with at least one entry (e.g. hidden = [4])");
        if (array->size() > kMaxHiddenLayers)
            fail_at(value.source(), "'hidden' can have at most " + std::to_string(kMaxHiddenLayers) + " layers, got " +
                                        std::to_string(array->size()));
        std::vector<int> widths;
        for (const toml::node& width : *array) {
            const auto* i = width.as_integer();
            if (!i || i->get() < 1 || i->get() > widest)
                fail_at(width.source(), rule + ", got " + describe(width));
            widths.push_back(static_cast<int>(i->get()));
        }
        return widths;
    }

    double read_learning_rate(const toml::node& value) const {
        const auto rate = number_of(value);
        // Written as !(x > 0) so that NaN is rejected too.
        if (!rate || !(*rate > 0))
            fail_at(value.source(), "learning_rate must be a number greater than 0, got " + describe(value));
        if (!(*rate <= kMaxLearningRate))
            fail_at(value.source(),
                    "learning_rate must be at most " + format_number(kMaxLearningRate) + ", got " + describe(value));
        return *rate;
    }

    std::uint64_t read_seed(const toml::node& value) const {
        const auto* i = value.as_integer();
        if (!i || i->get() < 0)
            fail_at(value.source(), "seed must be a whole number, 0 or more, got " + describe(value));
        return static_cast<std::uint64_t>(i->get());
    }

    double read_speed(const toml::node& value) const {
        if (const auto* text = value.as_string(); text && text->get() == "max") return 0.0;
        const auto speed = finite_number_of(value);
        if (!speed || *speed < 0)
            fail_at(value.source(),
                    "speed must be a number of steps per second, 0 or more (0 or \"max\" means as fast "
                    "as possible), got " +
                        describe(value));
        return *speed;
    }

    bool read_bool(const toml::node& value, std::string_view what) const {
        const auto* b = value.as_boolean();
        if (!b) fail_at(value.source(), std::string(what) + " must be true or false, got " + describe(value));
        return b->get();
    }

    bool read_play(const toml::node& value) const { return read_bool(value, "play"); }

    std::int64_t read_whole(const toml::node& value, std::string_view what, std::int64_t lo, std::int64_t hi) const {
        const auto* i = value.as_integer();
        if (!i || i->get() < lo || i->get() > hi)
            fail_at(value.source(), std::string(what) + " must be a whole number from " + std::to_string(lo) + " to " +
                                        std::to_string(hi) + ", got " + describe(value));
        return i->get();
    }

    double read_between(const toml::node& value, std::string_view what, double lo, double hi) const {
        const auto v = finite_number_of(value);
        if (!v || *v < lo || *v > hi)
            fail_at(value.source(), std::string(what) + " must be a number from " + format_number(lo) + " to " +
                                        format_number(hi) + ", got " + describe(value));
        return *v;
    }

    std::array<float, 2> read_start(const toml::node& value) const {
        const std::string rule = "start must be two numbers [w1, w2] from -10 to 10, e.g. start = [-3, 2.5]";
        const auto* array = value.as_array();
        if (!array || array->size() != 2) fail_at(value.source(), rule + ", got " + describe(value));
        std::array<float, 2> start{};
        for (std::size_t i = 0; i < 2; ++i) {
            const auto v = finite_number_of(*array->get(i));
            if (!v || *v < -10 || *v > 10) fail_at(array->get(i)->source(), rule + ", got " + describe(*array->get(i)));
            start[i] = float(*v);
        }
        return start;
    }

    int read_warmup(const toml::node& value) const {
        const auto* i = value.as_integer();
        if (!i || i->get() < 0 || i->get() > kMaxWarmupSteps)
            fail_at(value.source(), "warmup_steps must be a whole number from 0 to " + std::to_string(kMaxWarmupSteps) +
                                        ", got " + describe(value));
        return static_cast<int>(i->get());
    }

    std::vector<std::string> read_panels(const toml::node& value, const train::Config& config) const {
        const std::vector<std::string_view> allowed = panels_of(config);
        const std::string expected = join(allowed);
        const auto* array = value.as_array();
        if (!array)
            fail_at(
                value.source(),
                "panels must be an array of panel names, e.g. panels = [\"plane\", \"loss\"], got " + describe(value));
        std::vector<std::string> panels;
        for (const toml::node& entry : *array) {
            const auto* name = entry.as_string();
            if (!name)
                fail_at(entry.source(),
                        "panels must contain panel names in quotes (one of: " + expected + "), got " + describe(entry));
            if (std::find(allowed.begin(), allowed.end(), name->get()) == allowed.end()) {
                for (const train::Family& f : train::families())
                    if (std::find(f.panels.begin(), f.panels.end(), name->get()) != f.panels.end())
                        fail_at(entry.source(), "panel '" + name->get() + "' shows the " + std::string(f.name) +
                                                    " models (" + join(f.models) + "), not model '" +
                                                    std::string(train::model_name(config)) +
                                                    "' (its panels: " + expected + ")");
                fail_at(entry.source(), "unknown panel '" + name->get() + "' (expected one of: " + expected + ")");
            }
            if (std::find(panels.begin(), panels.end(), name->get()) != panels.end())
                fail_at(entry.source(), "panel '" + name->get() + "' is listed twice");
            panels.push_back(name->get());
        }
        return panels;
    }

    // The three spam arrays, as given or defaulted, for the length check.
    struct SpamArray {
        std::string_view name;
        std::size_t size = 0;
        const toml::key* key = nullptr;  // null when the default was kept
    };

    void read_spam(const toml::key& spam_key, const toml::node& value, Preset& p) const {
        const auto* table = value.as_table();
        if (!table)
            fail_at(spam_key.source(),
                    "spam must be a table: write [spam] on a line of its own, with inputs, weights "
                    "and threshold below it");
        p.has_spam = true;
        SpamArray names{"input_names", p.spam.input_names.size()}, inputs{"inputs", p.spam.inputs.size()},
            weights{"weights", p.spam.weights.size()};
        for (auto [key_ptr, entry_ptr] : entries_in_file_order(*table)) {
            const toml::key& key = *key_ptr;
            const toml::node& entry = *entry_ptr;
            const std::string_view k = key.str();
            if (k == "input_names") {
                p.spam.input_names = read_spam_names(entry);
                names = {k, p.spam.input_names.size(), &key};
            } else if (k == "inputs") {
                p.spam.inputs = read_spam_numbers(entry, k);
                inputs = {k, p.spam.inputs.size(), &key};
            } else if (k == "weights") {
                p.spam.weights = read_spam_numbers(entry, k);
                weights = {k, p.spam.weights.size(), &key};
            } else if (k == "threshold") {
                const auto t = finite_number_of(entry);
                if (!t) fail_at(entry.source(), "threshold in [spam] must be a number, got " + describe(entry));
                p.spam.threshold = static_cast<float>(*t);
            } else {
                fail_at(key.source(),
                        "unknown key '" + std::string(k) + "' in [spam] (known keys: " + join(kSpamKeys) + ")");
            }
        }
        check_spam_lengths(inputs, weights, names);
    }

    void check_spam_array_size(const toml::node& entry, std::string_view name, std::size_t size) const {
        if (size < 1 || size > kMaxSpamInputs)
            fail_at(entry.source(), std::string(name) + " in [spam] must have 1 to " + std::to_string(kMaxSpamInputs) +
                                        " entries, got " + std::to_string(size));
    }

    std::vector<float> read_spam_numbers(const toml::node& entry, std::string_view name) const {
        const auto* array = entry.as_array();
        if (!array)
            fail_at(entry.source(),
                    std::string(name) + " in [spam] must be an array of numbers, got " + describe(entry));
        check_spam_array_size(entry, name, array->size());
        std::vector<float> numbers;
        for (const toml::node& n : *array) {
            const auto v = finite_number_of(n);
            if (!v)
                fail_at(n.source(), std::string(name) + " in [spam] must be an array of numbers, got " + describe(n));
            numbers.push_back(static_cast<float>(*v));
        }
        return numbers;
    }

    std::vector<std::string> read_spam_names(const toml::node& entry) const {
        const auto* array = entry.as_array();
        if (!array)
            fail_at(entry.source(),
                    "input_names in [spam] must be an array of names in quotes, got " + describe(entry));
        check_spam_array_size(entry, "input_names", array->size());
        std::vector<std::string> names;
        for (const toml::node& n : *array) {
            const auto* s = n.as_string();
            if (!s)
                fail_at(n.source(), "input_names in [spam] must be an array of names in quotes, got " + describe(n));
            names.push_back(s->get());
        }
        return names;
    }

    // Each input needs a weight and a label. The defaults have three entries, so changing only
    // `inputs` to four values is a mistake too, and the message says which array was defaulted.
    void check_spam_lengths(const SpamArray& inputs, const SpamArray& weights, const SpamArray& names) const {
        for (const SpamArray* other : {&weights, &names}) {
            if (other->size == inputs.size) continue;
            // Blame an array the teacher wrote: two defaults always agree, so one of them was given.
            const SpamArray& blamed = other->key ? *other : inputs;
            const SpamArray& against = other->key ? inputs : *other;
            auto count = [](const SpamArray& a) {
                return std::to_string(a.size) + (a.size == 1 ? " entry" : " entries") + (a.key ? "" : " (the default)");
            };
            fail_at(blamed.key->source(), "in [spam], " + std::string(blamed.name) + " has " + count(blamed) + " but " +
                                              std::string(against.name) + " has " + count(against) +
                                              "; inputs, weights and input_names must have the same length");
        }
    }

    int fence_line_;
};

}  // namespace

Preset parse_preset(std::string_view toml_text, int fence_line) {
    toml::table root;
    try {
        root = toml::parse(toml_text);
    } catch (const toml::parse_error& e) {
        const int line = e.source().begin.line > 0 ? fence_line + static_cast<int>(e.source().begin.line) : fence_line;
        fail(line, "TOML syntax error in preset: " + std::string(e.description()));
    }
    return PresetReader(fence_line).read(root);
}

}  // namespace lesson::detail
