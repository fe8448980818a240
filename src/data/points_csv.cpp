// The parser is written out instead of using Debian's CSV libraries: fast-cpp-csv-parser
// (libfccp-dev) cannot make the header optional, turns an empty field or a lone "-" into 0 and
// rounds decimals inexactly; libcsv (libcsv-dev) knows neither comments nor line numbers.
// Three comma-separated fields without quoting need only a few lines and std::from_chars.
#include "data/points_csv.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <vector>

namespace data {

namespace {

// Far more than 10,000 points need; it stops a wrongly chosen video or disk image early.
constexpr long kMaxFileBytes = 16L << 20;
constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";  // spreadsheets like to write one

std::string_view trim(std::string_view s) {
    constexpr std::string_view kBlank = " \t\r";
    const auto first = s.find_first_not_of(kBlank);
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(kBlank) - first + 1);
}

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    for (;;) {
        const auto comma = line.find(',');
        fields.push_back(trim(line.substr(0, comma)));
        if (comma == std::string_view::npos) return fields;
        line.remove_prefix(comma + 1);
    }
}

// Built by appending: GCC 12 reports `"\"" + std::string(s)` as a -Wrestrict overlap, wrongly.
std::string quoted(std::string_view s) {
    std::string text;
    text.reserve(s.size() + 2);
    text.append(1, '"').append(s).append(1, '"');
    return text;
}

enum class NumberCheck { Ok, NotANumber, OutOfRange };

// from_chars refuses the leading '+' that some programs write, so it is skipped here.
NumberCheck parse_number(std::string_view field, double& value) {
    if (field.size() > 1 && field.front() == '+' && field[1] != '+' && field[1] != '-') field.remove_prefix(1);
    const char* end = field.data() + field.size();
    const auto [stop, error] = std::from_chars(field.data(), end, value);
    if (stop != end || (error != std::errc{} && error != std::errc::result_out_of_range)) return NumberCheck::NotANumber;
    return error == std::errc{} ? NumberCheck::Ok : NumberCheck::OutOfRange;
}

bool is_number(std::string_view field) {
    double ignored = 0;
    return parse_number(field, ignored) != NumberCheck::NotANumber;
}

// The value of an x or y field, or why it cannot be one.
std::optional<float> read_coordinate(std::string_view name, std::string_view field, std::string& problem) {
    const std::string subject(name);
    if (field.empty()) {
        problem = subject + " is empty; expected a number";
        return std::nullopt;
    }
    double value = 0;
    const NumberCheck check = parse_number(field, value);
    if (check == NumberCheck::NotANumber) {
        problem = subject + " is not a number: " + quoted(field);
        return std::nullopt;
    }
    if (check == NumberCheck::Ok && !std::isfinite(value)) {
        problem = subject + " must be an ordinary number, got " + quoted(field);
        return std::nullopt;
    }
    if (check == NumberCheck::OutOfRange || std::abs(value) > std::numeric_limits<float>::max()) {
        problem = subject + " is too large or too small to use: " + quoted(field);
        return std::nullopt;
    }
    return static_cast<float>(value);
}

std::optional<int> read_label(std::string_view field, std::string& problem) {
    if (field.empty()) {
        problem = "the label is empty; expected 0 or 1";
        return std::nullopt;
    }
    int label = -1;
    const char* end = field.data() + field.size();
    const auto [stop, error] = std::from_chars(field.data(), end, label);
    if (error != std::errc{} || stop != end || (label != 0 && label != 1)) {
        problem = "the label must be 0 or 1, got " + quoted(field);
        return std::nullopt;
    }
    return label;
}

// A file saved with another separator shows up as the wrong number of fields or as numbers
// glued together ("0,5;1"); say why.
std::string separator_hint(std::string_view line) {
    if (line.find(';') != std::string_view::npos) return " (separate the fields with commas, not semicolons)";
    if (line.find('\t') != std::string_view::npos) return " (separate the fields with commas, not tabs)";
    return {};
}

PointsCsvResult failure(std::string message) { return {std::nullopt, std::move(message)}; }

}  // namespace

PointsCsvResult parse_points_csv(std::string_view text, const std::string& file_name) {
    if (text.starts_with(kUtf8ByteOrderMark)) text.remove_prefix(kUtf8ByteOrderMark.size());

    std::vector<float> xs, ys;
    std::vector<int> labels;
    bool seen_first_row = false, has_header = false;
    int line_number = 0;
    const auto fail_at = [&](const std::string& what) {
        return failure(file_name + ":" + std::to_string(line_number) + ": " + what);
    };

    while (!text.empty()) {
        const auto newline = text.find('\n');
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++line_number;

        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#') continue;

        const std::vector<std::string_view> fields = split_fields(content);
        if (!seen_first_row) {
            seen_first_row = true;
            // A first row whose first field is not a number names the columns.
            if (!fields[0].empty() && !is_number(fields[0])) {
                has_header = true;
                continue;
            }
        }
        if (fields.size() != 3)
            return fail_at("expected 3 fields (x,y,label), got " + std::to_string(fields.size()) +
                           separator_hint(content));
        if (labels.size() == kMaxCsvPoints)
            return fail_at("too many points; a file can hold at most " + std::to_string(kMaxCsvPoints));

        std::string problem;
        const std::optional<float> x = read_coordinate("x", fields[0], problem);
        if (!x) return fail_at(problem + separator_hint(content));
        const std::optional<float> y = read_coordinate("y", fields[1], problem);
        if (!y) return fail_at(problem + separator_hint(content));
        const std::optional<int> label = read_label(fields[2], problem);
        if (!label) return fail_at(problem);
        xs.push_back(*x);
        ys.push_back(*y);
        labels.push_back(*label);
    }

    if (labels.empty())
        return failure(file_name + (has_header ? ": no points (only a header)" : ": no points (no rows of x,y,label)"));
    if (labels.size() == 1)
        return failure(file_name + ": only 1 point; at least 2 are needed, with labels 0 and 1");
    const auto ones = static_cast<std::size_t>(std::count(labels.begin(), labels.end(), 1));
    if (ones == 0 || ones == labels.size())
        return failure(file_name + ": every point has label " + (ones == 0 ? "0" : "1") +
                       "; a classifier needs points of both labels, 0 and 1");

    Dataset2D set;
    set.x.resize(static_cast<Eigen::Index>(labels.size()), 2);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        set.x(static_cast<Eigen::Index>(i), 0) = xs[i];
        set.x(static_cast<Eigen::Index>(i), 1) = ys[i];
    }
    set.labels = std::move(labels);
    fit_bounds(set);
    return {std::move(set), {}};
}

PointsCsvResult read_points_csv(const std::string& path) {
    // When the file cannot be read, the whole path shows where it was looked for; once it is
    // read, its name is enough to point at the line.
    const auto cannot_read = [&](int error_number) {
        return failure(path + ": cannot read the file: " + std::strerror(error_number));
    };
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return cannot_read(errno);

    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        if (got < sizeof buffer && std::ferror(file.get())) return cannot_read(errno);  // a folder, say
        text.append(buffer, got);
        if (static_cast<long>(text.size()) > kMaxFileBytes)
            return failure(path + ": the file is too large for a points file (more than " +
                           std::to_string(kMaxFileBytes >> 20) + " MB)");
        if (got < sizeof buffer) break;
    }
    return parse_points_csv(text, std::filesystem::path(path).filename().string());
}

}  // namespace data
