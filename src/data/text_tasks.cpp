#include "data/text_tasks.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>
#include <unordered_map>

#include "data/corpus_text.h"

namespace data {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    std::uint64_t z = x + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// splitmix64 as a stream, fully specified here (std:: distributions differ between standard
// libraries), so a seed gives the same batches on every machine.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() { return splitmix64(state_++ * 0x9E3779B97F4A7C15ull); }
    // Uniform in [0, n), n > 0, by rejection of the incomplete top range.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
        for (;;) {
            const std::uint64_t x = next();
            if (x < limit) return x % n;
        }
    }

private:
    std::uint64_t state_;
};

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }


constexpr int kMaxSymbols = 256;
constexpr int kMaxDigits = 9;  // 2 * (10^9 - 1) still fits an int
constexpr int kMaxContext = 4096;

// A generated example and a held-out one are told apart by a hash of the example's tokens, not by
// which stream drew them: addition at 2 digits has only 10,000 problems, so two streams would share
// most of them. About one in kHeldOutShare examples (by hash) is held out; fill_batch redraws those
// and fill_test_batch redraws all others, so the two sets never meet.
constexpr std::uint64_t kHeldOutShare = 8;
// Only a task with almost no distinct examples (copy of 1 letter of 2) can lack held-out ones
// altogether; after this many draws the last one is taken as it is rather than looping for ever.
// For any real setting the chance of reaching it is below 1e-50.
constexpr int kMaxRedraws = 1000;

bool held_out(const int* tokens, int length) {
    std::uint64_t h = 0x5EED0F7E57ull;
    for (int i = 0; i < length; ++i) h = splitmix64(h ^ std::uint64_t(std::uint32_t(tokens[i])));
    return h % kHeldOutShare == 0;
}

// The training batches and the test batches are different streams; each batch of either starts
// its own, from its (seed, index), so batch 1000 costs no more than batch 0.
constexpr std::uint64_t kTrainStream = 0x7A41ull;
constexpr std::uint64_t kTestStream = 0x7E57ull;
constexpr std::uint64_t kPromptStream = 0x960Dull;

std::uint64_t batch_seed(std::uint64_t seed, std::uint64_t index, std::uint64_t stream) {
    return splitmix64(splitmix64(seed ^ (stream * 0xD1B54A32D192ED03ull)) ^ (index * 0x9E3779B97F4A7C15ull));
}

std::vector<std::string> letters(int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.emplace_back(1, char('a' + i));
    return out;
}

int repeat_shortest(int symbols) { return std::max(2, symbols / 2); }

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string shown(std::string_view piece) {
    if (piece == "\n") return "a newline";
    if (piece == "\r") return "a carriage return";
    if (piece == "\t") return "a tab";
    return "\"" + std::string(piece) + "\"";
}

// ---- sentences ---------------------------------------------------------------------------------

// The sentences of the word-level task. "bank" has two senses, and which one a sentence means is
// settled by a word either before it ("the river bank", "the savings bank") or only after it
// ("the bank was flooded", "did the bank raise its rates"): a model reading left to right can
// know the sense early in the first kind and must wait in the second, which the attention panels
// show. A slot {name} takes one of its phrases; the fillers keep "the" and "." from meaning bank.
struct Slot {
    std::string_view name;
    std::vector<std::string_view> phrases;
};

const std::vector<Slot> kSlots = {
    {"{shore}", {"river", "muddy", "grassy", "reedy"}},
    {"{firm}", {"savings", "central", "city"}},
    {"{wet}", {"was flooded", "was muddy", "was washed away", "was covered in reeds"}},
    {"{wet?}", {"flooded", "muddy", "slippery"}},
    {"{paid}", {"raised its rates", "lowered its rates", "approved the loan", "opened a new branch"}},
    {"{pay?}", {"raise its rates", "lower its rates", "approve the loan"}},
    {"{animal}", {"dog", "cat", "horse"}},
};

const std::vector<std::string_view> kTemplates = {
    // the sense is settled before "bank"
    "the {shore} bank {wet} .",
    "we walked along the {shore} bank .",
    "the {firm} bank {paid} .",
    "she kept her money in the {firm} bank .",
    "after the storm the river bank {wet} .",
    // and only after it
    "the bank {wet} .",
    "was the bank {wet?} ?",
    "we sat on the bank and watched the river .",
    "the bank {paid} .",
    "did the bank {pay?} ?",
    "he asked the bank for a loan .",
    // other nouns
    "the {animal} slept by the fire .",
    "the children played in the park .",
    "is the shop open today ?",
    "the train was late again .",
    "did the farmer sell his apples ?",
};

constexpr int kSentences = 20000;
constexpr std::uint64_t kSentenceSeed = 2024;

struct SentenceStream {
    TokenSet tokens;
    std::vector<int> stream;
    std::int64_t sentences = 0;
};

void split_spaces(std::string_view text, std::vector<std::string_view>& words) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) words.push_back(text.substr(at, end - at));
        at = end + 1;
    }
}

// Built once per task: the same text every time, whatever the training seed.
SentenceStream sentence_stream() {
    // The vocabulary: every word of every template and slot, sorted, so ids do not depend on the
    // order the templates are written in.
    std::vector<std::string_view> words;
    for (const std::string_view t : kTemplates) split_spaces(t, words);
    for (const Slot& slot : kSlots)
        for (const std::string_view p : slot.phrases) split_spaces(p, words);
    std::erase_if(words, [](std::string_view w) { return w.front() == '{'; });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());

    SentenceStream s;
    s.tokens.words = true;
    s.tokens.tokens.assign(words.begin(), words.end());
    const auto id = [&](std::string_view w) {
        return int(std::lower_bound(words.begin(), words.end(), w) - words.begin());
    };

    Random random(kSentenceSeed);
    std::vector<std::string_view> pieces, phrase;
    for (int n = 0; n < kSentences; ++n) {
        pieces.clear();
        split_spaces(kTemplates[random.below(kTemplates.size())], pieces);
        for (const std::string_view piece : pieces) {
            if (piece.front() != '{') {
                s.stream.push_back(id(piece));
                continue;
            }
            const auto slot = std::find_if(kSlots.begin(), kSlots.end(), [&](const Slot& x) { return x.name == piece; });
            phrase.clear();
            split_spaces(slot->phrases[random.below(slot->phrases.size())], phrase);
            for (const std::string_view w : phrase) s.stream.push_back(id(w));
        }
    }
    s.sentences = kSentences;
    return s;
}

// ---- a text file -------------------------------------------------------------------------------

// U+FFFD, the replacement character, stands for the characters a text's vocabulary leaves out.
constexpr std::string_view kUnknown = "\xEF\xBF\xBD";

struct TextStream {
    TokenSet tokens;
    std::vector<int> stream;
    std::string summary;  // "123,456 characters, 81 distinct"
};

std::string too_large(std::uintmax_t bytes) {
    return "is " + format_thousands(std::int64_t(bytes)) + " bytes; a text may have at most " +
           std::to_string(kMaxTextBytes >> 20) + " MB (" + format_thousands(std::int64_t(kMaxTextBytes)) + " bytes)";
}

bool read_bytes(const std::filesystem::path& path, std::string& text, std::string& why) {
    const std::string name = path.string();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return why = name + ": is a folder, not a text file", false;
    // The size first, so that a film chosen by mistake is refused before it is read.
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxTextBytes) return why = name + ": " + too_large(size), false;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(name.c_str(), "rb"), &std::fclose);
    if (!file) return why = name + ": cannot read the file: " + std::strerror(errno), false;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        if (got < sizeof buffer && std::ferror(file.get()))
            return why = name + ": cannot read the file: " + std::strerror(errno), false;
        text.append(buffer, got);
        if (text.size() > kMaxTextBytes) return why = name + ": " + too_large(text.size()), false;  // it grew
        if (got < sizeof buffer) break;
    }
    return true;
}

// Calls `character` with each code point of checked UTF-8, a CR LF pair (and a lone CR, from old
// Macs) as one LF: a file saved on Windows must not give the model a character to predict before
// every line end.
template <class Character>
void each_character(std::string_view text, Character character) {
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        const std::size_t length = utf8_sequence(text, at, code);
        if (code == '\r') {
            code = '\n';
            if (at + 1 < text.size() && text[at + 1] == '\n') ++at;
        }
        character(code);
        at += length;
    }
}

std::string utf8(char32_t c) {
    std::string s;
    if (c < 0x80) s.push_back(char(c));
    else if (c < 0x800) s += {char(0xC0 | (c >> 6)), char(0x80 | (c & 0x3F))};
    else if (c < 0x10000) s += {char(0xE0 | (c >> 12)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
    else s += {char(0xF0 | (c >> 18)), char(0x80 | ((c >> 12) & 0x3F)), char(0x80 | ((c >> 6) & 0x3F)), char(0x80 | (c & 0x3F))};
    return s;
}

bool read_text_stream(const std::filesystem::path& path, TextStream& out, std::string& why) {
    const std::string name = path.string();
    std::string bytes;
    if (!read_bytes(path, bytes, why)) return false;
    std::string_view text = bytes;
    const auto refuse = [&](const std::string& reason) { return why = name + ": " + reason, false; };
    if (text.empty()) return refuse("the file is empty");
    // Windows calls UTF-16 "Unicode"; its many NUL bytes would otherwise make it "binary".
    if (text.size() >= 2 && (text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF"))
        return refuse("is UTF-16 text; save it as UTF-8");
    // Binary before UTF-8: "a binary file" says more about a picture than "byte 37 is not UTF-8".
    if (const auto nul = text.find('\0'); nul != std::string_view::npos)
        return refuse("has a NUL byte at offset " + format_thousands(std::int64_t(nul)) + "; this is a binary file, not plain text");
    const auto controls = std::count_if(text.begin(), text.end(), [](char c) { return is_odd_control(static_cast<unsigned char>(c)); });
    if (double(controls) > kMaxControlShare * double(text.size()))
        return refuse(std::to_string(int(100.0 * double(controls) / double(text.size()) + 0.5)) +
                      "% of its bytes are control characters; this is a binary file, not plain text");
    // Offsets in messages count from the start of the file, the byte order mark included.
    std::size_t skipped = 0;
    if (text.starts_with(kByteOrderMark)) {
        text.remove_prefix(kByteOrderMark.size());
        skipped = kByteOrderMark.size();
    }
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        const std::size_t length = utf8_sequence(text, at, code);
        if (length == 0)
            return refuse("is not UTF-8 text: the bytes at offset " + format_thousands(std::int64_t(at + skipped)) +
                          " are no UTF-8 character (saved as Latin-1 or another code page? save it as UTF-8)");
        at += length;
    }
    if (text.empty()) return refuse("has no characters");

    // Two passes, counting then mapping, rather than a copy of the text as code points: a 16 MB
    // file would need another 64 MB.
    constexpr std::size_t kCodePoints = 0x110000;
    std::vector<std::int64_t> counts(kCodePoints, 0);
    std::int64_t characters = 0;
    each_character(text, [&](char32_t c) { ++counts[c], ++characters; });
    std::vector<char32_t> distinct;
    for (std::size_t c = 0; c < kCodePoints; ++c)
        if (counts[c] > 0) distinct.push_back(char32_t(c));
    // The most frequent kept, ties to the lower code point; then in code point order, which reads
    // better on an axis ("a b c", not "e t a").
    std::stable_sort(distinct.begin(), distinct.end(), [&](char32_t a, char32_t b) { return counts[a] > counts[b]; });
    const std::size_t kept = std::min(distinct.size(), std::size_t(kMaxTextCharacters));
    std::int64_t unknown_count = 0;
    for (std::size_t i = kept; i < distinct.size(); ++i) unknown_count += counts[distinct[i]];
    const std::size_t dropped = distinct.size() - kept;
    distinct.resize(kept);
    std::sort(distinct.begin(), distinct.end());

    std::vector<int> id(kCodePoints, -1);
    for (const char32_t c : distinct) {
        id[c] = out.tokens.size();
        out.tokens.tokens.push_back(utf8(c));
    }
    const int unknown = out.tokens.size();
    if (dropped > 0) out.tokens.tokens.emplace_back(kUnknown);
    out.stream.reserve(std::size_t(characters));
    each_character(text, [&](char32_t c) { out.stream.push_back(id[c] >= 0 ? id[c] : unknown); });

    out.summary = format_thousands(characters) + " characters, " + format_thousands(std::int64_t(kept + dropped)) + " distinct";
    if (dropped > 0) {
        char share[32];
        std::snprintf(share, sizeof share, "%.2f%%", 100.0 * double(unknown_count) / double(characters));
        out.summary += "; the " + format_thousands(std::int64_t(kept)) + " most frequent kept, the rarest " +
                       format_thousands(std::int64_t(dropped)) + " (" + share + " of the text) read as one unknown " +
                       std::string(kUnknown);
    }
    return true;
}

}  // namespace

// ---- names -------------------------------------------------------------------------------------

std::string_view text_task_name(TextTask t) {
    switch (t) {
        case TextTask::Copy: return "copy";
        case TextTask::Reverse: return "reverse";
        case TextTask::Addition: return "addition";
        case TextTask::Repeat: return "repeat";
        case TextTask::Sentences: return "sentences";
        case TextTask::Text: return "text";
    }
    return "copy";
}

std::optional<TextTask> text_task_from_name(std::string_view name) {
    for (const TextTask t : {TextTask::Copy, TextTask::Reverse, TextTask::Addition, TextTask::Repeat,
                             TextTask::Sentences, TextTask::Text})
        if (text_task_name(t) == name) return t;
    return std::nullopt;
}

// ---- tokens ------------------------------------------------------------------------------------

std::optional<int> TokenSet::find(std::string_view token) const {
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i] == token) return int(i);
    return std::nullopt;
}

std::string TokenSet::decode(std::span<const int> ids) const {
    std::string text;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (words && i > 0) text.push_back(' ');
        const int id = ids[i];
        text += id >= 0 && id < size() ? tokens[std::size_t(id)] : std::string("?");
    }
    return text;
}

std::optional<std::vector<int>> TokenSet::encode(std::string_view text, std::string* error) const {
    std::vector<int> ids;
    const auto missing = [&](std::string_view piece) -> std::optional<std::vector<int>> {
        if (error) *error = shown(piece) + " is not in the vocabulary";
        return std::nullopt;
    };
    std::size_t at = 0;
    while (at < text.size()) {
        std::string piece;
        if (words) {
            const auto c = static_cast<unsigned char>(text[at]);
            if (is_space(c)) {
                ++at;
                continue;
            }
            if (is_word_byte(c)) {
                while (at < text.size() && is_word_byte(static_cast<unsigned char>(text[at]))) piece.push_back(lower_ascii(text[at++]));
            } else {
                piece.assign(1, text[at++]);
            }
        } else {
            char32_t code = 0;
            const std::size_t length = utf8_sequence(text, at, code);
            if (length == 0) {
                if (error) *error = "the bytes at offset " + std::to_string(at) + " are no UTF-8 character";
                return std::nullopt;
            }
            piece.assign(text.substr(at, length));
            at += length;
        }
        const auto id = find(piece);
        if (!id) return missing(piece);
        ids.push_back(*id);
    }
    return ids;
}

std::string TokenSet::label(int id) const {
    if (id < 0 || id >= size()) return "?";
    const std::string& t = tokens[std::size_t(id)];
    if (t == " ") return "\u2423";   // ␣
    if (t == "\n") return "\u23CE";  // ⏎
    if (t == "\t") return "\u21E5";  // ⇥
    return t;
}

// ---- generated tasks ---------------------------------------------------------------------------

template <class Random>
void TextTaskData::draw_generated(Random& random, int* tokens, int* targets) const {
    const int length = length_;
    const int symbols = options_.symbols;
    const int alphabet = options_.alphabet;
    std::fill(targets, targets + length, -1);
    switch (options_.task) {
        case TextTask::Copy:
        case TextTask::Reverse: {
            const int equals = alphabet;  // the token after the letters
            for (int i = 0; i < symbols; ++i) tokens[i] = int(random.below(std::uint64_t(alphabet)));
            tokens[symbols] = equals;
            const bool reverse = options_.task == TextTask::Reverse;
            for (int i = 0; i < symbols; ++i) tokens[symbols + 1 + i] = tokens[reverse ? symbols - 1 - i : i];
            // "=" predicts the first answer letter; the last answer letter predicts nothing.
            for (int t = symbols; t < 2 * symbols; ++t) targets[t] = tokens[t + 1];
            break;
        }
        case TextTask::Addition: {
            constexpr int kPlus = 10, kEquals = 11, kDot = 12;
            std::uint64_t limit = 1;
            for (int i = 0; i < options_.digits; ++i) limit *= 10;
            const std::uint64_t a = random.below(limit), b = random.below(limit);
            int at = 0;
            const auto put_number = [&](std::uint64_t n) {
                char text[24];
                const auto end = std::to_chars(text, text + sizeof text, n).ptr;
                for (const char* c = text; c != end; ++c) tokens[at++] = *c - '0';
            };
            put_number(a);
            tokens[at++] = kPlus;
            put_number(b);
            const int equals = at;
            tokens[at++] = kEquals;
            put_number(a + b);
            const int last_digit = at - 1;
            while (at < length) tokens[at++] = kDot;
            // From "=" (predicting the first digit) to the last digit (predicting the ending ".").
            for (int t = equals; t <= last_digit; ++t) targets[t] = tokens[t + 1];
            break;
        }
        case TextTask::Repeat: {
            const int shortest = repeat_shortest(symbols);
            const int stretch = shortest + int(random.below(std::uint64_t(symbols - shortest + 1)));
            if (alphabet >= stretch) {
                // Distinct letters, so each letter has one successor and an induction head has
                // exactly one earlier position to find.
                std::array<int, 26> pool{};
                for (int i = 0; i < alphabet; ++i) pool[std::size_t(i)] = i;
                for (int i = 0; i < stretch; ++i) {
                    const int j = i + int(random.below(std::uint64_t(alphabet - i)));
                    std::swap(pool[std::size_t(i)], pool[std::size_t(j)]);
                    tokens[i] = pool[std::size_t(i)];
                }
            } else {
                for (int i = 0; i < stretch; ++i) tokens[i] = int(random.below(std::uint64_t(alphabet)));
            }
            for (int t = stretch; t < length; ++t) tokens[t] = tokens[t - stretch];
            for (int t = 0; t + 1 < length; ++t) targets[t] = tokens[t + 1];
            break;
        }
        case TextTask::Sentences:
        case TextTask::Text: break;
    }
}

void TextTaskData::fill(std::uint64_t seed, bool test, int batch, TaskBatch& out) const {
    batch = std::max(batch, 0);
    const int length = length_;
    out.batch = batch;
    out.length = length;
    // resize keeps the capacity: no allocation when out already has this size.
    out.tokens.resize(std::size_t(batch) * std::size_t(length));
    out.targets.resize(std::size_t(batch) * std::size_t(length));
    Random random(seed);

    if (options_.task == TextTask::Sentences || options_.task == TextTask::Text) {
        // A window of length + 1 tokens: every position is scored, the last one by the token after
        // the window. Training windows end before held_out_from_, test windows start at or after it.
        const std::size_t n = stream_.size();
        const std::size_t last_start = n - std::size_t(length) - 1;  // make() ensured n > length
        std::size_t first = 0, last = last_start;
        if (!test && held_out_from_ >= std::size_t(length) + 1) last = held_out_from_ - std::size_t(length) - 1;
        if (test) first = std::min(held_out_from_, last_start);
        for (int b = 0; b < batch; ++b) {
            const std::size_t start = first + std::size_t(random.below(std::uint64_t(last - first + 1)));
            int* tokens = out.tokens.data() + std::size_t(b) * std::size_t(length);
            int* targets = out.targets.data() + std::size_t(b) * std::size_t(length);
            for (int i = 0; i < length; ++i) {
                tokens[i] = stream_[start + std::size_t(i)];
                targets[i] = stream_[start + std::size_t(i) + 1];
            }
        }
        return;
    }

    for (int b = 0; b < batch; ++b) {
        int* tokens = out.tokens.data() + std::size_t(b) * std::size_t(length);
        int* targets = out.targets.data() + std::size_t(b) * std::size_t(length);
        for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
            draw_generated(random, tokens, targets);
            if (held_out(tokens, length) == test) break;
        }
    }
}

void TextTaskData::fill_batch(std::uint64_t seed, std::uint64_t index, int batch, TaskBatch& out) const {
    fill(batch_seed(seed, index, kTrainStream), false, batch, out);
}

void TextTaskData::fill_test_batch(std::uint64_t seed, int batch, TaskBatch& out) const {
    fill(batch_seed(seed, 0, kTestStream), true, batch, out);
}

TaskBatch TextTaskData::example(std::uint64_t seed) const {
    TaskBatch out;
    fill_test_batch(seed, 1, out);
    return out;
}

std::string TextTaskData::default_prompt() const {
    const int length = length_;
    switch (options_.task) {
        case TextTask::Sentences: return "the river bank";
        case TextTask::Text: {
            // Characters, not bytes: a cut never splits an accented letter.
            const std::size_t n = std::min<std::size_t>(stream_.size(), 20);
            return tokens_.decode(std::span<const int>(stream_.data(), n));
        }
        default: break;
    }
    std::vector<int> tokens(static_cast<std::size_t>(length)), targets(static_cast<std::size_t>(length));
    Random random(batch_seed(0, 0, kPromptStream));
    draw_generated(random, tokens.data(), targets.data());
    std::size_t prefix = 0;
    if (options_.task == TextTask::Repeat) {
        // The first stretch and two letters of its repeat: the period is the smallest shift under
        // which the example equals itself.
        int period = 1;
        while (period < length) {
            bool same = true;
            for (int t = period; t < length && same; ++t) same = tokens[std::size_t(t)] == tokens[std::size_t(t - period)];
            if (same) break;
            ++period;
        }
        prefix = std::min<std::size_t>(std::size_t(period) + 2, std::size_t(length));
    } else {
        // Up to and including "=": the letters of copy and reverse, "a+b=" of addition.
        const int equals = *tokens_.find("=");
        while (prefix < tokens.size() && tokens[prefix] != equals) ++prefix;
        ++prefix;
    }
    return tokens_.decode(std::span<const int>(tokens.data(), prefix));
}

// ---- making a task -----------------------------------------------------------------------------

std::shared_ptr<const TextTaskData> TextTaskData::make(const TaskOptions& options, std::string* error) {
    auto data = std::make_shared<TextTaskData>();
    data->options_ = options;
    const std::string name(text_task_name(options.task));
    const auto refuse = [&](const std::string& why) -> std::shared_ptr<const TextTaskData> {
        if (error) *error = why;
        return nullptr;
    };
    const auto in_range = [&](const char* what, int value, int lo, int hi) {
        if (value >= lo && value <= hi) return true;
        if (error)
            *error = name + ": " + what + " must be " + std::to_string(lo) + " to " + std::to_string(hi) + " (got " +
                     std::to_string(value) + ")";
        return false;
    };

    switch (options.task) {
        case TextTask::Copy:
        case TextTask::Reverse: {
            if (!in_range("the number of letters", options.symbols, 1, kMaxSymbols)) return nullptr;
            if (!in_range("the alphabet", options.alphabet, 2, 26)) return nullptr;
            data->tokens_.tokens = letters(options.alphabet);
            data->tokens_.tokens.emplace_back("=");
            data->length_ = 2 * options.symbols + 1;
            const std::string n = std::to_string(options.symbols);
            data->summary_ = name + ": " + n + " random letters of " + std::to_string(options.alphabet) + ", '=', the same " +
                             n + (options.task == TextTask::Copy ? " again (" : " backwards (") +
                             std::to_string(data->length_) + " tokens)";
            break;
        }
        case TextTask::Addition: {
            if (!in_range("the number of digits", options.digits, 1, kMaxDigits)) return nullptr;
            for (char c = '0'; c <= '9'; ++c) data->tokens_.tokens.emplace_back(1, c);
            data->tokens_.tokens.insert(data->tokens_.tokens.end(), {"+", "=", "."});
            const int d = options.digits;
            data->length_ = d + 1 + d + 1 + (d + 1) + 1;
            data->summary_ = name + ": two numbers of up to " + std::to_string(d) + (d == 1 ? " digit" : " digits") +
                             ", '+', '=', their sum and '.', padded with '.' (" + std::to_string(data->length_) + " tokens)";
            break;
        }
        case TextTask::Repeat: {
            if (!in_range("the number of letters", options.symbols, 2, kMaxSymbols)) return nullptr;
            if (!in_range("the alphabet", options.alphabet, 2, 26)) return nullptr;
            data->tokens_.tokens = letters(options.alphabet);
            data->length_ = 2 * options.symbols;
            const int shortest = repeat_shortest(options.symbols);
            data->summary_ = name + ": a stretch of " + std::to_string(shortest) + " to " + std::to_string(options.symbols) +
                             (options.alphabet >= options.symbols ? " different letters of " : " letters of ") +
                             std::to_string(options.alphabet) + ", repeated to " + std::to_string(data->length_) + " tokens";
            break;
        }
        case TextTask::Sentences: {
            if (!in_range("the context", options.context, 1, kMaxContext)) return nullptr;
            SentenceStream s = sentence_stream();
            data->tokens_ = std::move(s.tokens);
            data->stream_ = std::move(s.stream);
            data->length_ = options.context;
            data->summary_ = name + ": " + format_thousands(s.sentences) + " short sentences of " +
                             format_thousands(data->tokens_.size()) + " words, 'bank' by rivers and by money; " +
                             std::to_string(options.context) + " words at a time";
            break;
        }
        case TextTask::Text: {
            if (!in_range("the context", options.context, 1, kMaxContext)) return nullptr;
            TextStream s;
            std::string why;
            if (!read_text_stream(options.file, s, why)) return refuse(why);
            if (s.stream.size() < std::size_t(options.context) + 1)
                return refuse(options.file.string() + ": has " + format_thousands(std::int64_t(s.stream.size())) +
                              " characters; one example needs " + format_thousands(options.context + 1) +
                              " (the context and the character after it)");
            data->tokens_ = std::move(s.tokens);
            data->stream_ = std::move(s.stream);
            data->length_ = options.context;
            data->summary_ = options.file.filename().string() + ": " + s.summary;
            break;
        }
    }
    if (options.task == TextTask::Sentences || options.task == TextTask::Text) {
        const std::size_t n = data->stream_.size();
        if (n < std::size_t(options.context) + 1)
            return refuse(name + ": the stream is shorter than one example");
        // The last tenth is held out. A text too short for a window on each side of the cut lets
        // the windows overlap (see fill); make() has already refused one too short for any window.
        data->held_out_from_ = n - n / 10;
    }
    if (error) error->clear();
    return data;
}

// ---- induction ---------------------------------------------------------------------------------

std::vector<int> induction_targets(std::span<const int> tokens) {
    std::vector<int> out(tokens.size(), -1);
    std::unordered_map<int, int> latest;  // token -> where it was seen last
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const auto [seen, first_time] = latest.try_emplace(tokens[t], int(t));
        if (!first_time) {
            out[t] = seen->second + 1;
            seen->second = int(t);
        }
    }
    return out;
}

}  // namespace data
