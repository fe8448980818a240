#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <vector>

#include "data/data_paths.h"

namespace fs = std::filesystem;

namespace {
// A scratch folder that removes itself.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("nnscope-paths-" + std::to_string(std::rand()) + "-" + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};
void touch(const fs::path& p) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "0,0,1\n1,1,0\n";
}
}  // namespace

TEST_CASE("data paths: a relative path is found in the repository or its assets folder from any working directory") {
    TempDir cwd, repo;
    touch(repo.path / "assets/points/ring.csv");
    const std::vector<fs::path> roots = {cwd.path, repo.path, repo.path / "assets"};
    const data::ResolvedPath a = data::resolve_data_path("assets/points/ring.csv", roots);
    CHECK(a.error.empty());
    CHECK(a.path == repo.path / "assets/points/ring.csv");
    const data::ResolvedPath b = data::resolve_data_path("points/ring.csv", roots);
    CHECK(b.path == repo.path / "assets/points/ring.csv");
    // The working directory comes first: a file of the same name there wins.
    touch(cwd.path / "assets/points/ring.csv");
    CHECK(data::resolve_data_path("assets/points/ring.csv", roots).path == cwd.path / "assets/points/ring.csv");
}

TEST_CASE("data paths: blanks, quotes, ~ and absolute paths") {
    TempDir repo;
    touch(repo.path / "my points.csv");
    const std::vector<fs::path> roots = {repo.path};
    CHECK(data::resolve_data_path("  'my points.csv'  ", roots).path == repo.path / "my points.csv");
    std::string quoted = (repo.path / "my points.csv").string();
    quoted.insert(quoted.begin(), '"');
    quoted.push_back('"');
    CHECK(data::resolve_data_path(quoted, {}).path == repo.path / "my points.csv");
    const char* old_home = std::getenv("HOME");
    const std::string saved = old_home ? old_home : "";
    setenv("HOME", repo.path.c_str(), 1);
    CHECK(data::resolve_data_path("~/my points.csv", {}).path == repo.path / "my points.csv");
    if (old_home) setenv("HOME", saved.c_str(), 1);
    else unsetenv("HOME");
}

TEST_CASE("data paths: a missing file or a folder says what was looked for and where") {
    TempDir a, b;
    fs::create_directories(a.path / "points");
    const std::vector<fs::path> roots = {a.path, b.path};
    const data::ResolvedPath r = data::resolve_data_path("nope.csv", roots);
    CHECK(r.path.empty());
    CHECK(r.error.find("nope.csv: no such file") != std::string::npos);
    CHECK(r.error.find(a.path.string()) != std::string::npos);
    CHECK(r.error.find(b.path.string()) != std::string::npos);
    CHECK(data::resolve_data_path("points", roots).path.empty());  // a folder is not a file
    CHECK(data::resolve_data_path(a.path.string() + "/points", roots).error.find("folder") != std::string::npos);
    CHECK_FALSE(data::resolve_data_path("   ", roots).error.empty());
}

TEST_CASE("data paths: the lessons' assets/points/ring.csv resolves from another working directory") {
    const fs::path before = fs::current_path();
    fs::current_path(fs::temp_directory_path());
    const auto roots = data::data_roots(NNSCOPE_SOURCE_DIR);
    const data::ResolvedPath r = data::resolve_data_path("assets/points/ring.csv", roots);
    fs::current_path(before);
    CHECK(r.error.empty());
    CHECK(r.path == fs::path(NNSCOPE_SOURCE_DIR) / "assets/points/ring.csv");
}
