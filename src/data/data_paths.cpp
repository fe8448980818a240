#include "data/data_paths.h"

#include <cstdlib>
#include <system_error>

namespace data {

namespace fs = std::filesystem;

std::vector<fs::path> data_roots(const fs::path& source_dir) {
    std::vector<fs::path> roots;
    std::error_code ec;
    const fs::path cwd = fs::current_path(ec);
    if (!ec) roots.push_back(cwd);
    if (!source_dir.empty()) {
        roots.push_back(source_dir);
        roots.push_back(source_dir / "assets");
    }
    return roots;
}

namespace {
std::string_view trimmed(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    // A path copied from a file manager or a shell often comes quoted.
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front()) s = s.substr(1, s.size() - 2);
    return s;
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}
}  // namespace

ResolvedPath resolve_data_path(std::string_view typed, std::span<const fs::path> roots) {
    const std::string_view t = trimmed(typed);
    if (t.empty()) return {{}, "no file name given"};
    fs::path p{std::string(t)};
    if (t == "~" || t.starts_with("~/")) {
        if (const char* home = std::getenv("HOME"); home && *home) p = fs::path(home) / std::string(t.substr(t.size() > 1 ? 2 : 1));
    }
    const auto folder_note = [](const fs::path& q) {
        std::error_code ec;
        return fs::is_directory(q, ec) ? " (that is a folder, not a file)" : "";
    };
    if (p.is_absolute()) {
        if (is_file(p)) return {p, {}};
        return {{}, p.string() + ": no such file" + folder_note(p)};
    }
    std::string looked;
    for (const fs::path& root : roots) {
        const fs::path candidate = (root / p).lexically_normal();
        if (is_file(candidate)) return {candidate, {}};
        if (!looked.empty()) looked += ", ";
        looked += root.string();
    }
    return {{}, p.string() + ": no such file (looked in " + (looked.empty() ? std::string("no folder") : looked) + ")"};
}

}  // namespace data
