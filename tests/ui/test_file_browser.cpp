// The file browser's listing, which needs no ImGui: what it shows of a folder, in what order.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "ui/widgets/file_browser.h"

namespace fs = std::filesystem;

namespace {
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("nnscope-browser-" + std::to_string(::getpid()));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};
void touch(const fs::path& p) { std::ofstream(p) << "x"; }
}  // namespace

TEST_CASE("file browser: lists folders, then files of the asked kinds, sorted without regard to case, hidden ones left out") {
    TempDir d;
    fs::create_directories(d.path / "zeta");
    fs::create_directories(d.path / "Alpha");
    fs::create_directories(d.path / ".git");
    touch(d.path / "ring.csv");
    touch(d.path / "B.CSV");
    touch(d.path / "notes.txt");
    touch(d.path / ".hidden.csv");
    touch(d.path / "csv");  // no extension at all
    const std::vector<std::string> csv = {".csv"};
    const ui::FolderListing l = ui::list_folder(d.path, csv);
    CHECK(l.error.empty());
    CHECK(l.folders == std::vector<std::string>{"Alpha", "zeta"});
    CHECK(l.files == std::vector<std::string>{"B.CSV", "ring.csv"});
    const ui::FolderListing all = ui::list_folder(d.path, {});
    CHECK(all.files == std::vector<std::string>{"B.CSV", "csv", "notes.txt", "ring.csv"});
}

TEST_CASE("file browser: a folder that cannot be read says why and lists nothing") {
    const ui::FolderListing l = ui::list_folder("/no/such/folder/anywhere", {});
    CHECK_FALSE(l.error.empty());
    CHECK(l.error.find("/no/such/folder/anywhere") != std::string::npos);
    CHECK(l.folders.empty());
    CHECK(l.files.empty());
}

TEST_CASE("file browser: the way up ends at the root") {
    CHECK(ui::parent_folder("/a/b/c") == fs::path("/a/b"));
    CHECK(ui::parent_folder("/a/b/") == fs::path("/a"));
    CHECK(ui::parent_folder("/a") == fs::path("/"));
    CHECK(ui::parent_folder("/") == fs::path("/"));
    CHECK(ui::parent_folder("/a/./b/../c") == fs::path("/a"));
}

TEST_CASE("file browser: the repository's example points are listed in assets/points") {
    const std::vector<std::string> csv = {".csv"};
    const ui::FolderListing l = ui::list_folder(fs::path(NNSCOPE_SOURCE_DIR) / "assets/points", csv);
    CHECK(l.error.empty());
    CHECK(std::find(l.files.begin(), l.files.end(), "ring.csv") != l.files.end());
}
