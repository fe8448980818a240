#pragma once
// A small file browser inside the app: a modal listing a folder's subfolders and the files of the
// kinds asked for, with a way up. std::filesystem and ImGui only; the listing itself (list_folder)
// needs no ImGui and is tested on its own.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace ui {

struct FolderListing {
    std::filesystem::path folder;
    std::vector<std::string> folders;  // names, sorted without regard to case; hidden (.name) ones left out
    std::vector<std::string> files;    // names of regular files with one of the extensions, sorted likewise
    std::string error;                 // set when the folder cannot be read (then both lists are empty)
};

// extensions: with the dot, matched without regard to case (".csv" matches "RING.CSV"); empty:
// every file.
FolderListing list_folder(const std::filesystem::path& folder, std::span<const std::string> extensions);

// The folder above `folder`; a root is its own parent.
std::filesystem::path parent_folder(const std::filesystem::path& folder);

struct FileBrowserState {
    bool open_requested = false;
    std::filesystem::path folder;  // where the browser stands; kept between openings
    FolderListing listing;
    bool stale = true;             // list the folder again before drawing
};

// Asks for the browser to open at `folder` if it has none yet (else where it was left).
void OpenFileBrowser(FileBrowserState& state, const std::filesystem::path& start);

// Draws the modal while it is open. Returns true on the frame the user picks a file, with its path
// in `chosen`. `home` is the folder the "start" button goes back to.
bool FileBrowserModal(const char* title, FileBrowserState& state, std::span<const std::string> extensions,
                      const std::filesystem::path& home, std::filesystem::path& chosen);

}  // namespace ui
