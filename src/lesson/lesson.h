#pragma once
// A lesson as the app shows it: a title and a sequence of steps, each with prose, an optional
// preset (what to train and which panels to show) and optional "try this" prompts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "train/config.h"

namespace lesson {

// Inline text with emphasis, as Markdown spans flatten to.
struct Span {
    enum class Style { Plain, Bold, Italic, BoldItalic, Code };
    Style style = Style::Plain;
    std::string text;  // UTF-8
};

// One block of prose.
struct Block {
    enum class Kind { Paragraph, Heading, BulletItem, NumberedItem, Quote, CodeBlock };
    Kind kind = Kind::Paragraph;
    int level = 0;        // heading level (3..6 inside a step), or list nesting depth (0 = top)
    int number = 0;       // for NumberedItem: the item's number
    std::vector<Span> spans;
};

// The editable single neuron of the spam example (lesson 1).
struct SpamNeuron {
    std::vector<std::string> input_names = {"contains \"free prize\"", "from a known contact", "has an attachment"};
    std::vector<float> inputs = {1, 0, 1};
    std::vector<float> weights = {0.9f, -0.8f, 0.3f};
    float threshold = 0.5f;
};

struct Preset {
    train::Config config;
    std::vector<std::string> panels;  // names of the panels shown, in order (see panels_of)
    bool play = false;                // start training when the step opens
    int warmup_steps = 0;             // train this many steps before the step is shown
    bool has_spam = false;
    SpamNeuron spam;
};

// The panels a preset of this config may show: its family's and the common ones.
std::vector<std::string_view> panels_of(const train::Config& config);

struct Step {
    std::string title;
    int line = 0;                     // line of the step's heading in the file (1-based)
    std::vector<Block> prose;
    std::vector<std::vector<Span>> prompts;  // "try this" prompts
    bool has_preset = false;          // false: opening the step keeps what is on screen
    Preset preset;
};

struct Lesson {
    std::string file;                 // path as given
    std::string title;
    std::vector<Block> summary;       // prose between the title and the first step
    std::vector<Step> steps;
};

struct LessonError {
    std::string file;
    int line = 0;                     // 1-based; 0 when the error is about the whole file
    std::string message;
    std::string to_string() const;    // "lessons/03-x.md:12: unknown activation ..."
};

// Either a lesson or the reason it could not be read.
struct LoadResult {
    std::optional<Lesson> lesson;
    std::optional<LessonError> error;
};

LoadResult parse_lesson(const std::string& text, const std::string& file_name);
LoadResult load_lesson_file(const std::string& path);

// Every *.md file of a folder, sorted by file name; broken files are kept with their error so the
// list can show them.
struct LibraryEntry {
    std::string file;
    LoadResult result;
};
std::vector<LibraryEntry> load_lesson_folder(const std::string& folder);

}  // namespace lesson
