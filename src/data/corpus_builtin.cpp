// The built-in corpus. Skip-gram learns a word from the words around it, so the templates are
// written to make meaning a sum of independent factors that each have contexts of their own:
//  - gender: every person sentence carries the pronouns of its person (he/his/him/himself or
//    she/her/herself) and nothing else that differs between the two words of a pair;
//  - rank: royal words share crowns and thrones, common people share streets and work, family
//    words share home and dinner;
//  - age: young words share school and toys, adult words share bills and newspapers.
// A person sentence draws its template from the factors of its word, so king and queen see the
// same royal and adult contexts and differ only in pronouns, just as man and woman do; that is
// what makes king - man + woman land near queen. Capitals and countries work alike: a capital
// shares city contexts with the other capitals, a country shares nation contexts with the other
// countries, and a country and its capital share their language ("in rome people speak italian")
// and are named together ("the old city of rome in italy").
// "bank" appears about as often beside rivers as beside money, so its neighbours are a mix of both.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/corpus.h"
#include "data/corpus_text.h"

namespace data {

namespace {

// std::uniform_int_distribution differs between standard libraries; this draw does not.
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}

    // Uniform in [0, n), n > 0, by rejection of the incomplete top range.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
        for (;;) {
            const std::uint64_t x = next();
            if (x < limit) return x % n;
        }
    }

private:
    // splitmix64: one multiply-xorshift step, fully specified here so every platform agrees.
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

template <class T>
const T& pick(Random& random, const std::vector<T>& items) {
    return items[random.below(items.size())];
}

enum class Rank { Royal, Common, Family };
enum class Age { Young, Adult };

struct Person {
    const char* word;
    bool male;
    Rank rank;
    Age age;
};

const std::vector<Person> kPersons = {
    {"king", true, Rank::Royal, Age::Adult},       {"queen", false, Rank::Royal, Age::Adult},
    {"prince", true, Rank::Royal, Age::Young},     {"princess", false, Rank::Royal, Age::Young},
    {"man", true, Rank::Common, Age::Adult},       {"woman", false, Rank::Common, Age::Adult},
    {"boy", true, Rank::Common, Age::Young},       {"girl", false, Rank::Common, Age::Young},
    {"father", true, Rank::Family, Age::Adult},    {"mother", false, Rank::Family, Age::Adult},
    {"husband", true, Rank::Family, Age::Adult},   {"wife", false, Rank::Family, Age::Adult},
    {"uncle", true, Rank::Family, Age::Adult},     {"aunt", false, Rank::Family, Age::Adult},
    {"son", true, Rank::Family, Age::Young},       {"daughter", false, Rank::Family, Age::Young},
    {"brother", true, Rank::Family, Age::Young},   {"sister", false, Rank::Family, Age::Young},
};

// $P the person, $he $his $him $self its pronouns.
const std::vector<std::string_view> kRoyalTemplates = {
    "the $P wore $his golden crown",
    "the $P sat on the throne in the palace",
    "$he is the $P of the kingdom",
    "the $P ruled the kingdom from $his castle",
    "the people bowed to the $P and $his guards",
    "$he was crowned $P of the realm",
    "the $P gave a speech from the throne",
    "the royal $P waved to the crowd from $his palace",
    "servants brought the $P $his crown of gold",
    "the $P rode out of the castle with $his guards",
};
const std::vector<std::string_view> kCommonTemplates = {
    "the $P drove $his car to work",
    "the $P walked down the street to $his house",
    "the $P bought bread at the shop in town",
    "$he is a $P who works at the factory",
    "the $P waited for the bus in the street",
    "the $P sat on a bench in the park near $his house",
    "the $P rode $his bike to the shop",
    "the $P talked to $his neighbour in the street",
};
const std::vector<std::string_view> kFamilyTemplates = {
    "the $P came home for dinner with $his family",
    "$he is the $P in our family",
    "the $P cooked dinner for $his family at home",
    "the $P hugged $his children at home",
    "our family loves the $P because $he is kind",
    "the $P stayed at home with the family",
    "the whole family waited for the $P to come home",
    "my $P visited us and brought $his children",
};
const std::vector<std::string_view> kYoungTemplates = {
    "the young $P played with $his toys",
    "the $P went to school with $his friends",
    "the little $P ran to $his teacher",
    "the young $P learned to read at school",
    "the $P is still a child",
};
const std::vector<std::string_view> kAdultTemplates = {
    "the old $P read $his newspaper",
    "the $P paid the bills at the end of the month",
    "the grown $P was tired after a long day",
    "the wise $P gave advice to everyone",
};
const std::vector<std::string_view> kAnyPersonTemplates = {
    "the $P said that $he was happy",
    "the $P smiled and $he laughed",
    "everyone liked the $P because $he was kind",
    "the $P looked at $self in the mirror",
    "the $P opened $his eyes and $he stood up",
    "$he is a good $P",
};

struct Country {
    const char* country;
    const char* capital;
    const char* language;
};

const std::vector<Country> kCountries = {
    {"france", "paris", "french"},      {"italy", "rome", "italian"},       {"japan", "tokyo", "japanese"},
    {"egypt", "cairo", "arabic"},       {"spain", "madrid", "spanish"},     {"germany", "berlin", "german"},
    {"russia", "moscow", "russian"},    {"china", "beijing", "chinese"},    {"greece", "athens", "greek"},
};

// $K the country, $T its capital, $L its language.
const std::vector<std::string_view> kCountryTemplates = {
    "$T is the capital of $K",
    "the capital of $K is $T",
    "the capital city of $K is $T",
    "$K is a country and $T is its capital",
    "people in $K speak $L",
    "$L is the language of $K",
    "the people of $K voted for a new government and speak $L",
    "$K is a large country where people speak $L",
    "the map shows $K and its borders",
    "the $L nation of $K has a new president",
    "in $T people speak $L",
    "we flew to $T in $K and heard $L in the streets",
    "the streets of $T were busy with $L voices",
    "$T is a big city in $K with a famous museum",
    "the mayor of $T gave a speech in $L",
    "the old city of $T in $K is full of $L cafes",
};

const std::vector<std::string_view> kAnimals = {"dog",  "cat",   "horse", "cow", "sheep", "pig",
                                                "lion", "tiger", "wolf",  "bear", "fox",  "rabbit"};
// $A an animal.
const std::vector<std::string_view> kAnimalTemplates = {
    "the $A ran across the field",      "a wild $A lives in the forest",    "the farmer fed the $A",
    "we saw a $A at the zoo",           "the $A slept in the sun",          "the $A has four legs and a tail",
    "the $A ate some grass in the field",
};

const std::vector<std::string_view> kColours = {"red",    "blue",   "green", "yellow", "black", "white",
                                                "orange", "purple", "brown", "pink",   "grey"};
const std::vector<std::string_view> kThings = {"door", "wall", "shirt", "hat", "ball", "flower", "box", "cup"};
// $C $D two different colours, $O a thing.
const std::vector<std::string_view> kColourTemplates = {
    "the $O is $C",
    "they painted the $O $C",
    "a bright $C $O",
    "$C is my favourite colour",
    "the flag is $C and $D",
    "mix $C paint with $D paint",
    "a dark shade of $C",
    "the colour of the $O is $C",
};

const std::vector<std::string_view> kNumbers = {"one", "two", "three", "four", "five",
                                                "six", "seven", "eight", "nine", "ten"};
// $a plus $b makes $s (a true sum), $n comes after $m (m = n - 1) and before $q (q = n + 1).
const std::vector<std::string_view> kNumberTemplates = {
    "$a plus $b makes $s",
    "$s minus $b makes $a",
    "$n comes after $m",
    "$n comes before $q",
    "we counted from $m to $n",
    "they waited $n days",
    "the number $n",
    "there were $n of them",
};

const std::vector<std::string_view> kVerbs = {"run", "swim", "sing", "dance", "jump", "cook", "write", "sleep", "eat", "climb"};
// $V a verb.
const std::vector<std::string_view> kVerbTemplates = {
    "they like to $V",       "we $V every day",        "it is fun to $V",         "i want to $V now",
    "children learn to $V",  "you can $V here",        "let us $V together",      "they $V after lunch",
};

const std::vector<std::string_view> kRiverTemplates = {
    "the river flowed past the village",
    "fish swim in the river",
    "the boat sailed down the river",
    "the water of the river was cold",
    "the flood left mud on the shore",
    "a fisherman caught a fish in the stream",
    "reeds grew by the water",
    "the stream flooded after the rain",
};
const std::vector<std::string_view> kRiverBankTemplates = {
    "the bank of the river flooded",
    "they sat on the bank of the river",
    "fish swam near the bank",
    "the boat reached the bank",
    "mud covered the river bank",
    "the water rose over the bank",
    "reeds grew along the bank of the stream",
    "the fisherman stood on the bank and caught a fish",
};
const std::vector<std::string_view> kMoneyTemplates = {
    "we paid the loan with cash",
    "the interest rates went up",
    "my account has little money",
    "they made a deposit of cash",
    "we saved money for a loan",
    "the rates on the loan are high",
    "money in the account earns interest",
    "they paid cash for the house",
};
const std::vector<std::string_view> kMoneyBankTemplates = {
    "the bank raised its rates",
    "we put our cash in the bank",
    "the bank gave us a loan",
    "open an account at the bank",
    "the bank holds our money",
    "we made a deposit of money at the bank",
    "the bank lowered its interest rates",
    "the bank lent money at low rates",
};

// The share of sentences, in percent, of each kind. People come first because the analogies
// need the most text; each of the 18 person words gets about 2.5% of the sentences.
struct Kind {
    const char* name;
    int percent;
};
const std::array<Kind, 9> kKinds = {{{"person", 42},
                                     {"country", 18},
                                     {"animal", 8},
                                     {"colour", 7},
                                     {"number", 7},
                                     {"verb", 5},
                                     {"river", 4},
                                     {"money", 4},
                                     {"bank", 5}}};

std::string_view pronoun(std::string_view slot, bool male) {
    if (slot == "$he") return male ? "he" : "she";
    if (slot == "$his") return male ? "his" : "her";
    if (slot == "$him") return male ? "him" : "her";
    return male ? "himself" : "herself";  // $self
}

// Fills a template's slots; `fill` returns the word for a slot such as "$P".
template <class Fill>
void expand(std::string_view text, std::vector<std::string>& out, Fill fill) {
    while (!text.empty()) {
        const auto space = text.find(' ');
        const std::string_view token = text.substr(0, space);
        out.emplace_back(token.front() == '$' ? fill(token) : token);
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
}

void person_sentence(Random& random, std::vector<std::string>& out) {
    const Person& p = pick(random, kPersons);
    // Half of a person's sentences say its rank, a quarter its age, a quarter only its gender.
    const std::uint64_t r = random.below(4);
    const std::vector<std::string_view>& templates =
        r < 2   ? (p.rank == Rank::Royal ? kRoyalTemplates : p.rank == Rank::Common ? kCommonTemplates : kFamilyTemplates)
        : r < 3 ? (p.age == Age::Young ? kYoungTemplates : kAdultTemplates)
                : kAnyPersonTemplates;
    expand(pick(random, templates), out, [&](std::string_view slot) -> std::string_view {
        return slot == "$P" ? std::string_view(p.word) : pronoun(slot, p.male);
    });
}

void country_sentence(Random& random, std::vector<std::string>& out) {
    const Country& c = pick(random, kCountries);
    expand(pick(random, kCountryTemplates), out, [&](std::string_view slot) -> std::string_view {
        return slot == "$K" ? c.country : slot == "$T" ? c.capital : c.language;
    });
}

void number_sentence(Random& random, std::vector<std::string>& out) {
    const auto a = random.below(9);      // 0-based: "one" .. "nine"
    const auto b = random.below(9 - a);  // a + b + 1 <= 9, so the sum is at most "ten"
    const auto n = 1 + random.below(8);  // "two" .. "nine", so n - 1 and n + 1 exist
    expand(pick(random, kNumberTemplates), out, [&](std::string_view slot) -> std::string_view {
        switch (slot[1]) {
            case 'a': return kNumbers[a];
            case 'b': return kNumbers[b];
            case 's': return kNumbers[a + b + 1];
            case 'm': return kNumbers[n - 1];
            case 'q': return kNumbers[n + 1];
            default: return kNumbers[n];
        }
    });
}

void colour_sentence(Random& random, std::vector<std::string>& out) {
    const auto c = random.below(kColours.size());
    const auto d = (c + 1 + random.below(kColours.size() - 1)) % kColours.size();
    const std::string_view thing = pick(random, kThings);
    expand(pick(random, kColourTemplates), out, [&](std::string_view slot) -> std::string_view {
        return slot == "$O" ? thing : slot == "$C" ? kColours[c] : kColours[d];
    });
}

void one_slot_sentence(Random& random, const std::vector<std::string_view>& templates,
                       const std::vector<std::string_view>& words, std::vector<std::string>& out) {
    const std::string_view word = pick(random, words);
    expand(pick(random, templates), out, [&](std::string_view) { return word; });
}

void plain_sentence(Random& random, const std::vector<std::string_view>& templates, std::vector<std::string>& out) {
    expand(pick(random, templates), out, [](std::string_view slot) { return slot; });
}

void sentence(Random& random, std::vector<std::string>& out) {
    std::uint64_t r = random.below(100);
    std::size_t kind = 0;
    while (r >= std::uint64_t(kKinds[kind].percent)) r -= kKinds[kind++].percent;
    switch (kind) {
        case 0: person_sentence(random, out); break;
        case 1: country_sentence(random, out); break;
        case 2: one_slot_sentence(random, kAnimalTemplates, kAnimals, out); break;
        case 3: colour_sentence(random, out); break;
        case 4: number_sentence(random, out); break;
        case 5: one_slot_sentence(random, kVerbTemplates, kVerbs, out); break;
        case 6: plain_sentence(random, kRiverTemplates, out); break;
        case 7: plain_sentence(random, kMoneyTemplates, out); break;
        // 11 river to 9 money: money sentences repeat fewer words ("rates", "loan"), which pulled
        // bank's nearest neighbours towards money (6 to 8 of 10 in gensim) at an even split.
        default: plain_sentence(random, random.below(20) < 9 ? kMoneyBankTemplates : kRiverBankTemplates, out); break;
    }
}

// The group of every word the templates can write. Words that fill a slot belong to their slot's
// group; the other words of a template belong to its topic when only that topic uses them ("crown"
// is royal, "shore" is river) and are function words when several topics share them ("the", "his").
struct Groups {
    std::vector<std::string> names;
    std::map<std::string, int, std::less<>> of_word;

    int id(std::string_view name) {
        const auto at = std::find(names.begin(), names.end(), name);
        if (at != names.end()) return int(at - names.begin());
        names.emplace_back(name);
        return int(names.size()) - 1;
    }
};

Groups make_groups() {
    Groups g;
    g.id("function words");
    std::map<std::string, std::set<int>, std::less<>> topics;
    auto topic_words = [&](std::string_view topic, const std::vector<std::string_view>& templates) {
        const int id = g.id(topic);
        for (std::string_view t : templates) {
            std::vector<std::string> words;
            expand(t, words, [](std::string_view slot) { return slot; });
            for (const std::string& w : words)
                if (w.front() != '$') topics[w].insert(id);
        }
    };
    topic_words("royal", kRoyalTemplates);
    topic_words("people", kCommonTemplates);
    topic_words("family", kFamilyTemplates);
    topic_words("people", kYoungTemplates);
    topic_words("people", kAdultTemplates);
    topic_words("people", kAnyPersonTemplates);
    topic_words("countries", kCountryTemplates);
    topic_words("animals", kAnimalTemplates);
    topic_words("colours", kColourTemplates);
    topic_words("numbers", kNumberTemplates);
    topic_words("verbs", kVerbTemplates);
    topic_words("river", kRiverTemplates);
    topic_words("river", kRiverBankTemplates);
    topic_words("money", kMoneyTemplates);
    topic_words("money", kMoneyBankTemplates);
    for (const auto& [word, ids] : topics) g.of_word[word] = ids.size() == 1 ? *ids.begin() : 0;

    for (const Person& p : kPersons)
        g.of_word[p.word] = g.id(p.rank == Rank::Royal ? "royal" : p.rank == Rank::Common ? "people" : "family");
    for (const Country& c : kCountries) {
        g.of_word[c.country] = g.id("countries");
        g.of_word[c.capital] = g.id("capitals");
        g.of_word[c.language] = g.id("languages");
    }
    auto slot_words = [&](std::string_view group, const std::vector<std::string_view>& words) {
        const int id = g.id(group);
        for (std::string_view w : words) g.of_word[std::string(w)] = id;
    };
    slot_words("animals", kAnimals);
    slot_words("colours", kColours);
    slot_words("things", kThings);
    slot_words("numbers", kNumbers);
    slot_words("verbs", kVerbs);
    slot_words("bank", {"bank"});  // both senses: neither river nor money
    return g;
}

}  // namespace

Corpus builtin_corpus(std::uint64_t seed, int sentences) {
    sentences = std::max(sentences, 0);
    Random random(seed);
    std::vector<std::string> distinct;
    std::unordered_map<std::string, std::int32_t> ids;
    std::vector<std::int32_t> stream;
    stream.reserve(std::size_t(sentences) * 8);
    std::vector<std::string> words;
    for (int s = 0; s < sentences; ++s) {
        words.clear();
        sentence(random, words);
        for (std::string& w : words) {
            const auto [at, added] = ids.try_emplace(w, std::int32_t(distinct.size()));
            if (added) distinct.push_back(std::move(w));
            stream.push_back(at->second);
        }
    }

    const Groups groups = make_groups();
    Corpus corpus = corpus_from_stream(distinct, stream, /*max_vocab=*/1 << 30, /*min_count=*/1);
    Vocabulary& v = corpus.vocab;
    v.group_names = groups.names;
    v.group.resize(v.words.size());
    for (int id = 0; id < v.size(); ++id) {
        const auto at = groups.of_word.find(v.words[id]);
        v.group[id] = at == groups.of_word.end() ? 0 : at->second;
    }
    corpus.source = "built-in corpus: " + format_thousands(sentences) + " sentences";
    corpus.summary = format_thousands(corpus.words_read) + " words in " + format_thousands(sentences) +
                     " sentences; " + format_thousands(v.size()) + " distinct words in " +
                     format_thousands(std::int64_t(v.group_names.size())) + " groups";
    return corpus;
}

}  // namespace data
