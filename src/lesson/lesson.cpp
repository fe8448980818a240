#include "lesson/lesson.h"

#include "train/family.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>

#include <cmark.h>

#include "lesson/markdown.h"
#include "lesson/parse_failure.h"
#include "lesson/preset.h"

namespace lesson {

namespace {

using detail::fail;

struct CmarkNodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using CmarkDocument = std::unique_ptr<cmark_node, CmarkNodeDeleter>;

int line_of(cmark_node* node) { return cmark_node_get_start_line(node); }

bool is_heading(cmark_node* node, int level) {
    return cmark_node_get_type(node) == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == level;
}

bool is_preset_block(cmark_node* node) {
    if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK) return false;
    const char* info = cmark_node_get_fence_info(node);
    return info && std::string_view(info) == "preset";
}

// Blocks a reader never sees: comments for other teachers and horizontal rules.
bool is_invisible(cmark_node* node) {
    const cmark_node_type type = cmark_node_get_type(node);
    return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK;
}

std::string heading_text(cmark_node* heading) { return detail::plain_text(detail::inline_spans(heading)); }

// Walks the top-level blocks of the document. Only the top level carries lesson structure
// (title, steps, presets, prompts); anything nested is prose.
class LessonBuilder {
public:
    explicit LessonBuilder(const std::string& file) { lesson_.file = file; }

    Lesson build(cmark_node* document) {
        cmark_node* node = cmark_node_first_child(document);
        while (node && is_invisible(node)) node = cmark_node_next(node);
        read_title(node);
        for (node = cmark_node_next(node); node; node = cmark_node_next(node)) add_block(node);
        if (lesson_.steps.empty()) fail(0, "no steps: the lesson needs at least one '## Step title' heading");
        return std::move(lesson_);
    }

private:
    void read_title(cmark_node* first) {
        if (!first || !is_heading(first, 1))
            fail(first ? line_of(first) : 0, "no title: the file must start with a '# Title' line");
        lesson_.title = heading_text(first);
        if (lesson_.title.empty()) fail(line_of(first), "the title is empty: write it after the '# '");
    }

    void add_block(cmark_node* node) {
        if (is_heading(node, 1))
            fail(line_of(node), "only the lesson title may use '# '; start a step with '## ' or a section with '### '");
        if (is_heading(node, 2)) return start_step(node);
        if (is_preset_block(node)) return add_preset(node);
        if (cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE) return add_quote(node);
        detail::append_prose(node, prose());
    }

    void start_step(cmark_node* heading) {
        Step step;
        step.title = heading_text(heading);
        step.line = line_of(heading);
        if (step.title.empty()) fail(step.line, "a step heading needs a title after the '## '");
        lesson_.steps.push_back(std::move(step));
    }

    void add_preset(cmark_node* code) {
        const int line = line_of(code);
        if (lesson_.steps.empty())
            fail(line, "a preset block must belong to a step: put it after a '## Step title' heading");
        Step& step = lesson_.steps.back();
        if (step.has_preset) fail(line, "a step can have only one preset block");
        const char* toml_text = cmark_node_get_literal(code);
        step.preset = detail::parse_preset(toml_text ? toml_text : "", line);
        step.has_preset = true;
    }

    void add_quote(cmark_node* quote) {
        std::vector<Span> spans = detail::quote_spans(quote);
        if (!detail::strip_try_this_label(spans)) return detail::append_prose(quote, prose());
        // The summary is shown before any step, when there is nothing on screen to try yet.
        if (lesson_.steps.empty())
            fail(line_of(quote), "a 'Try this' prompt must belong to a step: put it after a '## Step title' heading");
        lesson_.steps.back().prompts.push_back(std::move(spans));
    }

    std::vector<Block>& prose() { return lesson_.steps.empty() ? lesson_.summary : lesson_.steps.back().prose; }

    Lesson lesson_;
};

// fopen/fread rather than iostreams because errno then reliably says why a file cannot be read.
std::optional<std::string> read_file(const std::string& path, std::string& reason) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) {
        reason = std::string("cannot open: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) text.append(buf, n);
    if (std::ferror(f.get())) {
        reason = std::string("cannot read: ") + std::strerror(errno);
        return std::nullopt;
    }
    return text;
}

bool is_lesson_file(const std::filesystem::directory_entry& entry) {
    std::error_code ec;
    if (!entry.is_regular_file(ec)) return false;
    const std::filesystem::path name = entry.path().filename();
    // The folder's README describes the lessons to teachers; it is not a lesson itself.
    return name.extension() == ".md" && name != "README.md";
}

}  // namespace

std::string LessonError::to_string() const {
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ": " + message;
}

LoadResult parse_lesson(const std::string& text, const std::string& file_name) {
    LoadResult result;
    try {
        CmarkDocument document(cmark_parse_document(text.data(), text.size(), CMARK_OPT_VALIDATE_UTF8));
        if (!document) throw std::bad_alloc();
        result.lesson = LessonBuilder(file_name).build(document.get());
    } catch (const detail::ParseFailure& f) {
        result.error = LessonError{file_name, f.line, f.message};
    } catch (const std::exception& e) {
        // Out of memory or a library failure: still an answer, never an exception, for the caller.
        result.error = LessonError{file_name, 0, std::string("cannot parse: ") + e.what()};
    }
    return result;
}

LoadResult load_lesson_file(const std::string& path) {
    std::string reason;
    std::optional<std::string> text = read_file(path, reason);
    if (!text) {
        LoadResult result;
        result.error = LessonError{path, 0, reason};
        return result;
    }
    return parse_lesson(*text, path);
}

std::vector<LibraryEntry> load_lesson_folder(const std::string& folder) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (is_lesson_file(*it)) files.push_back(it->path());
    // Lessons are numbered in their file names ("01-perceptron.md"), so name order is lesson order.
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });

    std::vector<LibraryEntry> entries;
    for (const fs::path& path : files) entries.push_back(LibraryEntry{path.string(), load_lesson_file(path.string())});
    return entries;
}

}  // namespace lesson

namespace lesson {

std::vector<std::string_view> panels_of(const train::Config& config) {
    const train::Family& family = train::family_of(config);
    std::vector<std::string_view> panels(family.panels.begin(), family.panels.end());
    panels.insert(panels.end(), std::begin(train::kCommonPanels), std::end(train::kCommonPanels));
    return panels;
}

}  // namespace lesson
