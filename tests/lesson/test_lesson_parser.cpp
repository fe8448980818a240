// Tests of the lesson file format: what a teacher writes in Markdown + TOML and what the app gets.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "lesson/lesson.h"

using lesson::Block;
using lesson::LoadResult;
using lesson::Span;

namespace {

const std::string kDataDir = NNSCOPE_SOURCE_DIR "/tests/lesson/data";

// 1-based line of the first line of `text` that starts with `prefix`, so the tests of a long
// lesson do not break when a line is added above the place they look at.
int line_starting_with(std::string_view text, std::string_view prefix) {
    int line = 1;
    for (std::size_t pos = 0; pos <= text.size(); ++line) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        if (text.substr(pos, end - pos).starts_with(prefix)) return line;
        pos = end + 1;
    }
    FAIL("no line starts with: " << prefix);
    return 0;
}

std::string joined(const std::vector<Span>& spans) {
    std::string text;
    for (const Span& s : spans) text += s.text;
    return text;
}

// Both return copies so that calling them on a temporary LoadResult is safe.
lesson::Lesson parsed(const LoadResult& r) {
    if (r.error) FAIL("unexpected error: " << r.error->to_string());
    REQUIRE(r.lesson.has_value());
    return *r.lesson;
}

lesson::LessonError failed(const LoadResult& r) {
    REQUIRE_FALSE(r.lesson.has_value());
    REQUIRE(r.error.has_value());
    return *r.error;
}

// A one-step lesson whose preset block holds `toml`. The preset's first TOML line is line 6.
std::string lesson_with_preset(const std::string& toml) { return "# T\n\n## S\n\n```preset\n" + toml + "```\n"; }
constexpr int kFirstPresetLine = 6;

LoadResult parse_preset(const std::string& toml) { return lesson::parse_lesson(lesson_with_preset(toml), "p.md"); }

// The error message a bad preset produces; fails the test when the preset is accepted.
std::string preset_error(const std::string& toml) {
    LoadResult r = parse_preset(toml);
    if (!r.error) FAIL("preset accepted: " << toml);
    return r.error->message;
}

// The preset of a one-step lesson that must parse.
lesson::Preset preset_of(const std::string& toml) {
    const lesson::Lesson l = parsed(parse_preset(toml));
    REQUIRE(l.steps.size() == 1);
    return l.steps[0].preset;
}

void check_span(const Span& span, Span::Style style, std::string_view text) {
    CHECK(span.style == style);
    CHECK(span.text == text);
}

const std::string kGoodLesson = R"md(# The perceptron

One neuron, one straight line. See [the notes](https://example.com) for σ ≈ 0.5 → 1.

<!-- a note for other teachers: not shown -->

## A neuron that filters spam

```preset
panels = ["spam"]

[spam]
input_names = ["free prize", "known contact", "attachment"]
inputs = [1, 0, 1]
weights = [0.9, -0.8, 0.3]
threshold = 0.25
```

A neuron multiplies each input by a **weight**, adds them up, and compares the sum with a
*threshold*: `score = 0.9·x1 − 0.8·x2 + 0.3·x3`.

- first item with **bold**
- second item
  1. nested numbered
  2. nested second

> **Try this:** set "known contact" to 1 and watch the score fall below the threshold.

> A plain quote about x².

## The perceptron learns AND

```preset
model = "perceptron"
dataset = "and"
learning_rate = 0.1
seed = 3
speed = 4
play = true
panels = ["plane", "update", "loss"]
```

### Why a line?

Text with ***both*** and **bold *inside* bold**.

3. three
4. four

```python
print("hi")
```

> **Try this**: press Play.

> TRY THIS press Reset.

> Try thistle jam: not a prompt.

## An MLP on XOR

```preset
model = "mlp"
dataset = "xor"
hidden = [8, 4]
activation = "tanh"
learning_rate = 2
speed = "max"
warmup_steps = 500
```

## Just reading

No preset here.\
Second line
after a soft break.
)md";

}  // namespace

TEST_CASE("a good lesson: title, summary and steps") {
    const lesson::Lesson& l = parsed(lesson::parse_lesson(kGoodLesson, "lessons/01-perceptron.md"));
    CHECK(l.file == "lessons/01-perceptron.md");
    CHECK(l.title == "The perceptron");

    REQUIRE(l.summary.size() == 1);  // the HTML comment is not shown
    CHECK(l.summary[0].kind == Block::Kind::Paragraph);
    CHECK(joined(l.summary[0].spans) == "One neuron, one straight line. See the notes for σ ≈ 0.5 → 1.");

    REQUIRE(l.steps.size() == 4);
    CHECK(l.steps[0].title == "A neuron that filters spam");
    CHECK(l.steps[1].title == "The perceptron learns AND");
    CHECK(l.steps[2].title == "An MLP on XOR");
    CHECK(l.steps[3].title == "Just reading");
    CHECK(l.steps[0].line == line_starting_with(kGoodLesson, "## A neuron"));
    CHECK(l.steps[1].line == line_starting_with(kGoodLesson, "## The perceptron learns"));
    CHECK(l.steps[2].line == line_starting_with(kGoodLesson, "## An MLP"));
    CHECK(l.steps[3].line == line_starting_with(kGoodLesson, "## Just reading"));
    CHECK(l.steps[0].line == 7);  // and the helper agrees with counting by hand
}

TEST_CASE("a good lesson: preset values") {
    const lesson::Lesson& l = parsed(lesson::parse_lesson(kGoodLesson, "good.md"));
    REQUIRE(l.steps.size() == 4);

    SUBCASE("spam table, other keys default") {
        REQUIRE(l.steps[0].has_preset);
        const lesson::Preset& p = l.steps[0].preset;
        CHECK(p.has_spam);
        CHECK(p.panels == std::vector<std::string>{"spam"});
        CHECK(p.spam.input_names == std::vector<std::string>{"free prize", "known contact", "attachment"});
        CHECK(p.spam.inputs == std::vector<float>{1, 0, 1});
        CHECK(p.spam.weights == std::vector<float>{0.9f, -0.8f, 0.3f});
        CHECK(p.spam.threshold == doctest::Approx(0.25));
        const train::Config defaults;
        CHECK(p.config.plane()->model == defaults.plane()->model);
        CHECK(p.config.learning_rate == defaults.learning_rate);
        CHECK(p.config.steps_per_second == defaults.steps_per_second);
        CHECK_FALSE(p.play);
        CHECK(p.warmup_steps == 0);
    }
    SUBCASE("perceptron on AND") {
        REQUIRE(l.steps[1].has_preset);
        const lesson::Preset& p = l.steps[1].preset;
        CHECK(p.config.plane()->model == train::ModelKind::Perceptron);
        CHECK(p.config.plane()->dataset == data::Toy2D::And);
        CHECK(p.config.learning_rate == doctest::Approx(0.1));
        CHECK(p.config.seed == 3);
        CHECK(p.config.steps_per_second == doctest::Approx(4.0));
        CHECK(p.play);
        CHECK(p.panels == std::vector<std::string>{"plane", "update", "loss"});
        CHECK_FALSE(p.has_spam);
    }
    SUBCASE("mlp on XOR, speed max, default panels") {
        REQUIRE(l.steps[2].has_preset);
        const lesson::Preset& p = l.steps[2].preset;
        CHECK(p.config.plane()->model == train::ModelKind::Mlp);
        CHECK(p.config.plane()->dataset == data::Toy2D::Xor);
        CHECK(p.config.hidden == std::vector<int>{8, 4});
        CHECK(p.config.activation == nn::Activation::Tanh);
        CHECK(p.config.learning_rate == doctest::Approx(2.0));  // an integer is a valid rate
        CHECK(p.config.steps_per_second == 0.0);
        CHECK(p.config.seed == train::Config{}.seed);
        CHECK(p.warmup_steps == 500);
        CHECK(p.panels == std::vector<std::string>{"plane", "loss"});
        CHECK_FALSE(p.play);
    }
    SUBCASE("a step without preset") {
        CHECK_FALSE(l.steps[3].has_preset);
        CHECK(l.steps[3].prompts.empty());
    }
}

TEST_CASE("a good lesson: prose blocks and spans") {
    const lesson::Lesson& l = parsed(lesson::parse_lesson(kGoodLesson, "good.md"));
    REQUIRE(l.steps.size() == 4);

    SUBCASE("paragraph with bold, italic and code; soft break is a space; UTF-8 kept") {
        const std::vector<Block>& prose = l.steps[0].prose;
        REQUIRE(!prose.empty());
        REQUIRE(prose[0].kind == Block::Kind::Paragraph);
        const std::vector<Span>& s = prose[0].spans;
        REQUIRE(s.size() == 7);
        check_span(s[0], Span::Style::Plain, "A neuron multiplies each input by a ");
        check_span(s[1], Span::Style::Bold, "weight");
        check_span(s[2], Span::Style::Plain, ", adds them up, and compares the sum with a ");
        check_span(s[3], Span::Style::Italic, "threshold");
        check_span(s[4], Span::Style::Plain, ": ");
        check_span(s[5], Span::Style::Code, "score = 0.9·x1 − 0.8·x2 + 0.3·x3");
        check_span(s[6], Span::Style::Plain, ".");
    }
    SUBCASE("nested list items and a plain quote") {
        const std::vector<Block>& prose = l.steps[0].prose;
        REQUIRE(prose.size() == 6);
        CHECK(prose[1].kind == Block::Kind::BulletItem);
        CHECK(prose[1].level == 0);
        REQUIRE(prose[1].spans.size() == 2);
        check_span(prose[1].spans[1], Span::Style::Bold, "bold");
        CHECK(prose[2].kind == Block::Kind::BulletItem);
        CHECK(joined(prose[2].spans) == "second item");
        CHECK(prose[3].kind == Block::Kind::NumberedItem);
        CHECK(prose[3].level == 1);
        CHECK(prose[3].number == 1);
        CHECK(joined(prose[3].spans) == "nested numbered");
        CHECK(prose[4].kind == Block::Kind::NumberedItem);
        CHECK(prose[4].level == 1);
        CHECK(prose[4].number == 2);
        CHECK(prose[5].kind == Block::Kind::Quote);
        CHECK(joined(prose[5].spans) == "A plain quote about x².");
    }
    SUBCASE("heading, bold inside italic, numbered list from 3, code block") {
        const std::vector<Block>& prose = l.steps[1].prose;
        REQUIRE(prose.size() == 6);  // the thistle quote is prose, not a prompt
        CHECK(prose[0].kind == Block::Kind::Heading);
        CHECK(prose[0].level == 3);
        CHECK(joined(prose[0].spans) == "Why a line?");

        const std::vector<Span>& s = prose[1].spans;
        REQUIRE(s.size() == 7);
        check_span(s[0], Span::Style::Plain, "Text with ");
        check_span(s[1], Span::Style::BoldItalic, "both");
        check_span(s[2], Span::Style::Plain, " and ");
        check_span(s[3], Span::Style::Bold, "bold ");
        check_span(s[4], Span::Style::BoldItalic, "inside");
        check_span(s[5], Span::Style::Bold, " bold");
        check_span(s[6], Span::Style::Plain, ".");

        CHECK(prose[2].kind == Block::Kind::NumberedItem);
        CHECK(prose[2].number == 3);
        CHECK(prose[2].level == 0);
        CHECK(prose[3].number == 4);
        CHECK(prose[4].kind == Block::Kind::CodeBlock);
        REQUIRE(prose[4].spans.size() == 1);
        check_span(prose[4].spans[0], Span::Style::Code, "print(\"hi\")");
        CHECK(prose[5].kind == Block::Kind::Quote);
        CHECK(joined(prose[5].spans) == "Try thistle jam: not a prompt.");
    }
    SUBCASE("hard and soft line breaks become spaces") {
        const std::vector<Block>& prose = l.steps[3].prose;
        REQUIRE(prose.size() == 1);
        REQUIRE(prose[0].spans.size() == 1);
        check_span(prose[0].spans[0], Span::Style::Plain, "No preset here. Second line after a soft break.");
    }
}

TEST_CASE("a good lesson: 'Try this' prompts lose their label") {
    const lesson::Lesson& l = parsed(lesson::parse_lesson(kGoodLesson, "good.md"));
    REQUIRE(l.steps.size() == 4);

    REQUIRE(l.steps[0].prompts.size() == 1);
    const std::vector<Span>& p0 = l.steps[0].prompts[0];
    REQUIRE(p0.size() == 1);  // the bold "Try this:" span is gone entirely
    check_span(p0[0], Span::Style::Plain, "set \"known contact\" to 1 and watch the score fall below the threshold.");

    REQUIRE(l.steps[1].prompts.size() == 2);
    CHECK(joined(l.steps[1].prompts[0]) == "press Play.");   // colon after the bold label
    CHECK(joined(l.steps[1].prompts[1]) == "press Reset.");  // any case, no colon
    CHECK(l.steps[2].prompts.empty());
}

TEST_CASE("a prompt keeps the styles after its label and joins paragraphs") {
    const std::string text = "# T\n\n## S\n\n> *Try this:* drag the **weight**\n>\n> then watch.\n";
    const lesson::Lesson& l = parsed(lesson::parse_lesson(text, "x.md"));
    REQUIRE(l.steps.at(0).prompts.size() == 1);
    const std::vector<Span>& p = l.steps[0].prompts[0];
    REQUIRE(p.size() == 3);
    check_span(p[0], Span::Style::Plain, "drag the ");
    check_span(p[1], Span::Style::Bold, "weight");
    check_span(p[2], Span::Style::Plain, " then watch.");
    CHECK(l.steps[0].prose.empty());
}

TEST_CASE("LessonError::to_string") {
    CHECK(lesson::LessonError{"lessons/03-x.md", 12, "unknown activation 'x'"}.to_string() ==
          "lessons/03-x.md:12: unknown activation 'x'");
    CHECK(lesson::LessonError{"lessons/03-x.md", 0, "no steps"}.to_string() == "lessons/03-x.md: no steps");
}

TEST_CASE("structure errors") {
    SUBCASE("no title") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("Some text.\n\n## Step\n", "a.md"));
        CHECK(e.file == "a.md");
        CHECK(e.line == 1);
        CHECK(e.message == "no title: the file must start with a '# Title' line");
    }
    SUBCASE("empty file has no title") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("", "a.md"));
        CHECK(e.line == 0);
        CHECK(e.message.starts_with("no title"));
    }
    SUBCASE("a step heading before the title") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("## Step\n\n# Title\n", "a.md"));
        CHECK(e.line == 1);
        CHECK(e.message.starts_with("no title"));
    }
    SUBCASE("no steps names the file") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("# Title\n\nOnly a summary.\n", "lessons/b.md"));
        CHECK(e.line == 0);
        CHECK(e.message.starts_with("no steps"));
        CHECK(e.to_string().starts_with("lessons/b.md: no steps"));
    }
    SUBCASE("a second level-1 heading") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("# Title\n\n## S\n\n# Again\n", "a.md"));
        CHECK(e.line == 5);
        CHECK(e.message.find("'# '") != std::string::npos);
    }
    SUBCASE("two presets in one step") {
        const std::string text = "# T\n\n## S\n\n```preset\nseed = 1\n```\n\ntext\n\n```preset\nseed = 2\n```\n";
        const lesson::LessonError& e = failed(lesson::parse_lesson(text, "a.md"));
        CHECK(e.line == 11);
        CHECK(e.message == "a step can have only one preset block");
    }
    SUBCASE("a preset before the first step") {
        const lesson::LessonError& e =
            failed(lesson::parse_lesson("# T\n\n```preset\nseed = 1\n```\n\n## S\n", "a.md"));
        CHECK(e.line == 3);
        CHECK(e.message.find("must belong to a step") != std::string::npos);
    }
    SUBCASE("a preset inside a list item") {
        const lesson::LessonError& e =
            failed(lesson::parse_lesson("# T\n\n## S\n\n- item\n\n  ```preset\n  seed = 1\n  ```\n", "a.md"));
        CHECK(e.line == 7);
        CHECK(e.message.find("preset block") != std::string::npos);
    }
    SUBCASE("a prompt before the first step") {
        const lesson::LessonError& e = failed(lesson::parse_lesson("# T\n\n> Try this: wait.\n\n## S\n", "a.md"));
        CHECK(e.line == 3);
    }
}

TEST_CASE("each step may or may not have a preset, and an empty preset is all defaults") {
    const lesson::Lesson& l = parsed(lesson::parse_lesson("# T\n\n## A\n\n```preset\n```\n\n## B\n\ntext\n", "x.md"));
    REQUIRE(l.steps.size() == 2);
    CHECK(l.steps[0].has_preset);
    CHECK(l.steps[0].preset.config.plane()->model == train::Config{}.plane()->model);
    CHECK(l.steps[0].preset.panels == std::vector<std::string>{"plane", "loss"});
    CHECK_FALSE(l.steps[1].has_preset);
    CHECK(l.steps[0].line == 3);
    CHECK(l.steps[1].line == 8);
}

TEST_CASE("other code blocks stay prose") {
    const lesson::Lesson& l =
        parsed(lesson::parse_lesson("# T\n\n## S\n\n```toml\nseed = 1\n```\n\n    indented\n", "x.md"));
    REQUIRE(l.steps.size() == 1);
    CHECK_FALSE(l.steps[0].has_preset);
    REQUIRE(l.steps[0].prose.size() == 2);
    CHECK(l.steps[0].prose[0].kind == Block::Kind::CodeBlock);
    CHECK(joined(l.steps[0].prose[0].spans) == "seed = 1");
    CHECK(l.steps[0].prose[1].kind == Block::Kind::CodeBlock);
    CHECK(joined(l.steps[0].prose[1].spans) == "indented");
}

TEST_CASE("TOML syntax errors point at the .md line") {
    // Lines: 1 "# T", 3 "## S", 5 fence, 6 model, 7 the broken line.
    const lesson::LessonError& e =
        failed(lesson::parse_lesson("# T\n\n## S\n\n```preset\nmodel = \"mlp\"\nseed = = 3\n```\n", "syntax.md"));
    CHECK(e.file == "syntax.md");
    CHECK(e.line == 7);
    CHECK(e.message.starts_with("TOML syntax error in preset: "));
    CHECK(e.message.size() > std::string("TOML syntax error in preset: ").size());  // toml++'s description

    SUBCASE("the same when the preset is further down and the error is a redefined key") {
        const std::string text = "# T\n\nIntro.\n\n## S\n\nText.\n\n```preset\nseed = 1\nplay = true\nseed = 2\n```\n";
        const lesson::LessonError& e2 = failed(lesson::parse_lesson(text, "x.md"));
        CHECK(e2.line == line_starting_with(text, "seed = 2"));
        CHECK(e2.line == 12);
    }
}

TEST_CASE("Windows line endings and a byte-order mark are fine") {
    const std::string text = "\xEF\xBB\xBF# T\r\n\r\n## S\r\n\r\n```preset\r\nseed = 4\r\nplay = maybe\r\n```\r\n";
    const lesson::LessonError& e = failed(lesson::parse_lesson(text, "crlf.md"));
    CHECK(e.line == 7);

    const lesson::Lesson& l = parsed(lesson::parse_lesson(
        "\xEF\xBB\xBF# T\r\n\r\n## S\r\n\r\n```preset\r\nseed = 4\r\n```\r\n\r\nOne\r\ntwo.\r\n", "crlf.md"));
    CHECK(l.title == "T");
    REQUIRE(l.steps.size() == 1);
    CHECK(l.steps[0].preset.config.seed == 4);
    REQUIRE(l.steps[0].prose.size() == 1);
    CHECK(joined(l.steps[0].prose[0].spans) == "One two.");
}

TEST_CASE("unknown keys are reported at their line, first in file order") {
    const LoadResult r = parse_preset("model = \"mlp\"\nlearnin_rate = 0.5\n");
    const lesson::LessonError& e = failed(r);
    CHECK(e.line == kFirstPresetLine + 1);
    CHECK(e.message ==
          "unknown key 'learnin_rate' in preset (known keys: model, hidden, activation, loss, optimizer, "
          "learning_rate, batch_size, seed, speed, play, warmup_steps, panels, spam, dataset, points, noise, "
          "test_fraction, residual, start, digits_dir, corpus, max_vocab, min_count, dimensions, window, negatives, "
                                   "query, compare, focus, task, symbols, alphabet, digits, text, context, d_model, heads, layers, "
                          "positions, tied, weight_decay, example, example_seed, query_token, layer, head, stage, prompt, "
                          "generate_tokens, temperatures, top_k, top_p)");

    // 'zzz' sorts after 'learning_rate' but comes first in the file, so it is the error reported.
    const lesson::LessonError& e2 = failed(parse_preset("zzz = 1\nlearning_rate = -1\n"));
    CHECK(e2.line == kFirstPresetLine);
    CHECK(e2.message.starts_with("unknown key 'zzz'"));
}

TEST_CASE("a preset may use only its own family's keys and panels, wherever the model is written") {
    // The model comes last in the file, and still decides what the keys before it may be.
    const LoadResult ok = parse_preset("hidden = [128, 64]\ndigits_dir = \"/tmp/mnist\"\npanels = [\"digits\", "
                                       "\"confusion\", \"loss\"]\nmodel = \"digits\"\n");
    REQUIRE(ok.lesson);
    const train::Config& c = ok.lesson->steps[0].preset.config;
    REQUIRE(c.digits());
    CHECK(c.digits()->data_dir == "/tmp/mnist");
    CHECK(c.hidden == std::vector<int>{128, 64});  // wider than the plane's limit of 64

    CHECK(preset_error("model = \"digits\"\ndataset = \"xor\"\n") ==
          "'dataset' is a key of the plane models (perceptron, mlp, landscape), not of model 'digits'");
    CHECK(preset_error("model = \"mlp\"\ndigits_dir = \"x\"\n") ==
          "'digits_dir' is a key of the digits models (digits), not of model 'mlp'");
    CHECK(preset_error("model = \"mlp\"\npanels = [\"confusion\"]\n") ==
          "panel 'confusion' shows the digits models (digits), not model 'mlp' (its panels: plane, update, network, "
          "model, data, landscape, loss, gradients, spam)");
    CHECK(preset_error("model = \"digits\"\nhidden = [513]\n") ==
          "'hidden' must be an array of whole numbers from 1 to 512, got 513");
    CHECK(preset_error("model = \"mlp\"\nhidden = [65]\n") ==
          "'hidden' must be an array of whole numbers from 1 to 64, got 65");
    // Without panels, a digits step shows its digits and the loss.
    const LoadResult bare = parse_preset("model = \"digits\"\n");
    REQUIRE(bare.lesson);
    CHECK(bare.lesson->steps[0].preset.panels == std::vector<std::string>{"digits", "loss"});
}

TEST_CASE("unknown names") {
    CHECK(preset_error("activation = \"sigmoidd\"\n") ==
          "unknown activation 'sigmoidd' (expected one of: sigmoid, tanh, relu, leaky_relu, gelu)");
    CHECK(preset_error("model = \"cnn\"\n") ==
          "unknown model 'cnn' (expected one of: perceptron, mlp, landscape, digits, words, transformer)");
    CHECK(preset_error("dataset = \"nand\"\n") == "unknown dataset 'nand' (expected one of: and, or, xor, circles, spiral, moons, xor_grid, blobs)");
    CHECK(preset_error("panels = [\"plane\", \"plott\"]\n") ==
          "unknown panel 'plott' (expected one of: plane, update, network, model, data, landscape, loss, "
          "gradients, spam)");
    CHECK(preset_error("panels = [\"loss\", \"loss\"]\n") == "panel 'loss' is listed twice");
    CHECK(preset_error("model = 3\n").starts_with("model must be one of: perceptron, mlp"));
    CHECK(preset_error("panels = \"plane\"\n").starts_with("panels must be an array"));

    const lesson::LessonError& e = failed(parse_preset("seed = 2\n\nactivation = \"Tanh\"\n"));
    CHECK(e.line == kFirstPresetLine + 2);
    // A panel name on its own line of a multi-line array is reported at that line.
    const lesson::LessonError& e2 = failed(parse_preset("panels = [\n  \"plane\",\n  \"plott\",\n]\n"));
    CHECK(e2.line == kFirstPresetLine + 2);
}

TEST_CASE("numbers out of range") {
    CHECK(preset_error("learning_rate = -1\n") == "learning_rate must be a number greater than 0, got -1");
    CHECK(preset_error("learning_rate = 0\n") == "learning_rate must be a number greater than 0, got 0");
    CHECK(preset_error("learning_rate = \"fast\"\n") == "learning_rate must be a number greater than 0, got \"fast\"");
    CHECK(preset_error("learning_rate = nan\n") == "learning_rate must be a number greater than 0, got nan");
    CHECK(preset_error("learning_rate = 1000.5\n") == "learning_rate must be at most 1000, got 1000.5");
    CHECK(parse_preset("learning_rate = 1000\n").lesson.has_value());
    CHECK(preset_error("seed = -1\n").starts_with("seed must be a whole number"));
    CHECK(preset_error("seed = 1.5\n").starts_with("seed must be a whole number"));
    CHECK(preset_error("speed = -2\n").starts_with("speed must be a number of steps per second"));
    CHECK(preset_error("speed = \"fast\"\n").find("got \"fast\"") != std::string::npos);
    CHECK(preset_error("play = \"yes\"\n") == "play must be true or false, got \"yes\"");
    CHECK(preset_error("warmup_steps = -1\n").starts_with("warmup_steps must be a whole number from 0 to 10000000"));
    CHECK(preset_error("warmup_steps = 10000001\n").starts_with("warmup_steps must be"));

    const LoadResult ok = parse_preset("speed = 0\nwarmup_steps = 10000000\nseed = 0\n");
    const lesson::Preset p = parsed(ok).steps.at(0).preset;
    CHECK(p.config.steps_per_second == 0.0);
    CHECK(p.warmup_steps == 10000000);
    CHECK(p.config.seed == 0);
}

TEST_CASE("the keys of lessons 3 and 4: data, optimizer, batch, loss, shortcuts, landscape start") {
    const lesson::Preset p = preset_of(
        "model = \"mlp\"\ndataset = \"spiral\"\npoints = 300\nnoise = 0.2\ntest_fraction = 0.3\n"
        "hidden = [8, 8]\nactivation = \"leaky_relu\"\nresidual = true\nloss = \"squared_error\"\n"
        "optimizer = \"adam\"\nbatch_size = 16\nstart = [-2, 1.5]\npanels = [\"landscape\", \"gradients\"]\n");
    CHECK(p.config.plane()->dataset == data::Toy2D::Spiral);
    CHECK(p.config.plane()->points == 300);
    CHECK(p.config.plane()->noise == doctest::Approx(0.2));
    CHECK(p.config.plane()->test_fraction == doctest::Approx(0.3));
    CHECK(p.config.activation == nn::Activation::LeakyReLU);
    CHECK(p.config.plane()->residual);
    CHECK(p.config.loss == nn::Loss::SquaredError);
    CHECK(p.config.optimizer == nn::OptimizerKind::Adam);
    CHECK(p.config.batch_size == 16);
    CHECK(p.config.plane()->start[0] == -2.f);
    CHECK(p.config.plane()->start[1] == 1.5f);
    CHECK(p.panels == std::vector<std::string>{"landscape", "gradients"});

    CHECK(preset_error("noise = 2\n") == "noise must be a number from 0 to 1, got 2");
    CHECK(preset_error("test_fraction = -0.1\n") == "test_fraction must be a number from 0 to 0.9, got -0.1");
    CHECK(preset_error("points = 2\n") == "points must be a whole number from 4 to 5000, got 2");
    CHECK(preset_error("batch_size = 1.5\n") ==
          "batch_size (0 means all the training points) must be a whole number from 0 to 100000, got 1.5");
    CHECK(preset_error("residual = 1\n") == "residual must be true or false, got 1");
    CHECK(preset_error("optimizer = \"rmsprop\"\n") == "unknown optimizer 'rmsprop' (expected one of: sgd, momentum, adam)");
    CHECK(preset_error("loss = \"hinge\"\n") == "unknown loss 'hinge' (expected one of: cross_entropy, squared_error)");
    CHECK(preset_error("start = [1]\n") ==
          "start must be two numbers [w1, w2] from -10 to 10, e.g. start = [-3, 2.5], got an array");
    CHECK(preset_error("start = [1, 20]\n") ==
          "start must be two numbers [w1, w2] from -10 to 10, e.g. start = [-3, 2.5], got 20");
}

TEST_CASE("bad hidden layers") {
    const std::string rule = "'hidden' must be an array of whole numbers from 1 to 64";
    CHECK(preset_error("hidden = [4, 0]\n") == rule + ", got 0");
    CHECK(preset_error("hidden = [65]\n") == rule + ", got 65");
    CHECK(preset_error("hidden = [1.5]\n") == rule + ", got 1.5");
    CHECK(preset_error("hidden = 4\n") == rule + ", got 4");
    CHECK(preset_error("hidden = []\n").starts_with(rule));
    std::string too_deep = "hidden = [1";
    for (int i = 1; i < 25; ++i) too_deep += ", 1";
    CHECK(preset_error(too_deep + "]\n") == "'hidden' can have at most 24 layers, got 25");
    CHECK(parsed(parse_preset("hidden = [64, 1, 1, 1, 1, 1, 1, 1]\n")).steps.at(0).preset.config.hidden.size() == 8);

    const lesson::LessonError& e = failed(parse_preset("model = \"mlp\"\nhidden = [4, 100]\n"));
    CHECK(e.line == kFirstPresetLine + 1);
}

TEST_CASE("spam table") {
    SUBCASE("arrays of different lengths, reported at the array that disagrees") {
        const lesson::LessonError& e =
            failed(parse_preset("[spam]\ninputs = [1, 0]\nweights = [0.5, 0.5, 0.5]\ninput_names = [\"a\", \"b\"]\n"));
        CHECK(e.line == kFirstPresetLine + 2);
        CHECK(e.message ==
              "in [spam], weights has 3 entries but inputs has 2 entries; inputs, weights and input_names must have "
              "the same length");
    }
    SUBCASE("a given array must also agree with the defaults of the others") {
        const lesson::LessonError& e = failed(parse_preset("[spam]\nthreshold = 1\ninputs = [1, 0, 1, 1]\n"));
        CHECK(e.line == kFirstPresetLine + 2);
        CHECK(e.message.find("inputs has 4 entries but weights has 3 entries (the default)") != std::string::npos);
    }
    SUBCASE("unknown key, wrong types, too many inputs") {
        CHECK(preset_error("[spam]\nbias = 1\n") ==
              "unknown key 'bias' in [spam] (known keys: input_names, inputs, weights, threshold)");
        CHECK(preset_error("[spam]\ninputs = [1, \"x\", 0]\n")
                  .starts_with("inputs in [spam] must be an array of numbers"));
        CHECK(preset_error("[spam]\nthreshold = \"high\"\n") == "threshold in [spam] must be a number, got \"high\"");
        CHECK(preset_error("[spam]\ninputs = []\n").starts_with("inputs in [spam] must have 1 to 8 entries"));
        CHECK(preset_error("spam = 3\n").starts_with("spam must be a table"));
    }
    SUBCASE("only a threshold: defaults kept, has_spam set") {
        const lesson::Preset p = parsed(parse_preset("[spam]\nthreshold = 0.7\n")).steps.at(0).preset;
        CHECK(p.has_spam);
        CHECK(p.spam.threshold == doctest::Approx(0.7));
        CHECK(p.spam.inputs == lesson::SpamNeuron{}.inputs);
        CHECK(p.spam.input_names == lesson::SpamNeuron{}.input_names);
    }
    SUBCASE("four inputs when all three arrays agree") {
        const lesson::Preset p = parsed(parse_preset("[spam]\ninput_names = [\"a\", \"b\", \"c\", \"d\"]\ninputs = [1, "
                                                     "0, 1, 1]\nweights = [1, 2, 3, 4]\n"))
                                     .steps.at(0)
                                     .preset;
        CHECK(p.spam.inputs.size() == 4);
        CHECK(p.spam.weights == std::vector<float>{1, 2, 3, 4});
    }
}

TEST_CASE("load_lesson_file") {
    SUBCASE("a missing file") {
        const std::string path = kDataDir + "/no-such-lesson.md";
        const LoadResult r = lesson::load_lesson_file(path);
        const lesson::LessonError& e = failed(r);
        CHECK(e.file == path);
        CHECK(e.line == 0);
        CHECK(e.message == "cannot open: No such file or directory");
        CHECK(e.to_string() == path + ": cannot open: No such file or directory");
    }
    SUBCASE("a good file") {
        const lesson::Lesson& l = parsed(lesson::load_lesson_file(kDataDir + "/library/01-perceptron.md"));
        CHECK(l.title == "A tiny perceptron");
        REQUIRE(l.steps.size() == 1);
        CHECK(l.steps[0].preset.config.plane()->dataset == data::Toy2D::Or);
        CHECK(l.steps[0].prompts.size() == 1);
    }
    SUBCASE("a broken file") {
        const std::string path = kDataDir + "/library/02-broken-preset.md";
        const lesson::LessonError& e = failed(lesson::load_lesson_file(path));
        CHECK(e.to_string() == path + ":10: unknown activation 'sigmoidd' (expected one of: sigmoid, tanh, relu, leaky_relu, gelu)");
    }
}

TEST_CASE("load_lesson_folder") {
    SUBCASE("good and broken files are listed in name order; README and other files are skipped") {
        const std::string folder = kDataDir + "/library";
        const std::vector<lesson::LibraryEntry> entries = lesson::load_lesson_folder(folder);
        REQUIRE(entries.size() == 2);
        CHECK(std::filesystem::path(entries[0].file).filename() == "01-perceptron.md");
        CHECK(std::filesystem::path(entries[1].file).filename() == "02-broken-preset.md");
        CHECK(entries[0].result.lesson.has_value());
        CHECK_FALSE(entries[0].result.error.has_value());
        REQUIRE(entries[1].result.error.has_value());
        CHECK_FALSE(entries[1].result.lesson.has_value());
        CHECK(entries[1].result.error->file == entries[1].file);
        CHECK(entries[1].result.error->line == 10);
    }
    SUBCASE("a missing folder is an empty list") {
        CHECK(lesson::load_lesson_folder(kDataDir + "/no-such-folder").empty());
    }
}

// Guards the lessons shipped with the app: a teacher's edit that breaks one fails the build's tests.
TEST_CASE("every shipped lesson parses") {
    const std::string folder = NNSCOPE_SOURCE_DIR "/lessons";
    const std::vector<lesson::LibraryEntry> entries = lesson::load_lesson_folder(folder);
    if (entries.empty()) {
        MESSAGE("no lessons in " << folder << " yet");
        return;
    }
    for (const lesson::LibraryEntry& entry : entries) {
        CAPTURE(entry.file);
        if (entry.result.error) FAIL(entry.result.error->to_string());
        REQUIRE(entry.result.lesson.has_value());
        CHECK_FALSE(entry.result.lesson->title.empty());
        CHECK_FALSE(entry.result.lesson->steps.empty());
    }
}

// The README documents each model's preset keys with an example block: every one of them must be
// a preset the parser takes, or the README teaches keys and values that are refused.
TEST_CASE("the README's preset examples parse") {
    std::ifstream in(NNSCOPE_SOURCE_DIR "/README.md");
    REQUIRE(in);
    std::vector<std::string> blocks;
    std::string line, block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```toml") {
            inside = true;
            block.clear();
        } else if (inside && line == "```") {
            inside = false;
            if (block.rfind("model = ", 0) == 0) blocks.push_back(block);
        } else if (inside) {
            block += line + "\n";
        }
    }
    REQUIRE(blocks.size() >= 2);  // the word model's and the transformer's
    bool saw_transformer = false;
    for (const std::string& b : blocks) {
        CAPTURE(b);
        const lesson::LoadResult r = lesson::parse_lesson("# Example\n\n## Step\n\n```preset\n" + b + "```\n\nText.\n", "README.md");
        if (r.error) FAIL(r.error->to_string());
        REQUIRE(r.lesson.has_value());
        REQUIRE(r.lesson->steps.size() == 1);
        const lesson::Preset& p = r.lesson->steps[0].preset;
        if (const auto* t = p.config.transformer()) {
            saw_transformer = true;
            CHECK(t->heads == 4);
            CHECK(t->temperatures == std::vector<float>{0.5f, 3.0f});
        }
    }
    CHECK(saw_transformer);
}
