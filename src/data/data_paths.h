#pragma once
// Where a file the user names is looked for. A relative path such as `assets/points/ring.csv` (what
// the lessons print) is tried against each of the app's data folders in turn, so it works whatever
// folder the app was started from.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace data {

// The folders a relative path is tried in, in order: the working directory, the repository
// (source_dir, known at build time) and its assets/ folder. Empty source_dir: the working
// directory alone.
std::vector<std::filesystem::path> data_roots(const std::filesystem::path& source_dir);

struct ResolvedPath {
    std::filesystem::path path;  // set when found: an existing file
    std::string error;           // set otherwise: what was looked for, and where
};

// `typed` as a user typed or pasted it: surrounding blanks and quotes are dropped and a leading
// `~/` means the home folder. An absolute path is taken as it is; a relative one is tried against
// each root. A folder is not a file.
ResolvedPath resolve_data_path(std::string_view typed, std::span<const std::filesystem::path> roots);

}  // namespace data
