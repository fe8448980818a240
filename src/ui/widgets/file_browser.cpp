#include "ui/widgets/file_browser.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include <imgui.h>

namespace ui {

namespace fs = std::filesystem;

namespace {
std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool less_ignoring_case(const std::string& a, const std::string& b) {
    const std::string la = lower(a), lb = lower(b);
    return la != lb ? la < lb : a < b;
}
}  // namespace

FolderListing list_folder(const fs::path& folder, std::span<const std::string> extensions) {
    FolderListing out;
    out.folder = folder;
    std::error_code ec;
    fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        out.error = folder.string() + ": " + ec.message();
        return out;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code type_ec;
        if (it->is_directory(type_ec)) {
            out.folders.push_back(name);
        } else if (it->is_regular_file(type_ec)) {
            const std::string ext = lower(it->path().extension().string());
            const bool wanted = extensions.empty() || std::any_of(extensions.begin(), extensions.end(),
                                                                  [&](const std::string& e) { return lower(e) == ext; });
            if (wanted) out.files.push_back(name);
        }
    }
    if (ec) {  // stopped part way: say so rather than show half a folder as if whole
        out.folders.clear();
        out.files.clear();
        out.error = folder.string() + ": " + ec.message();
        return out;
    }
    std::sort(out.folders.begin(), out.folders.end(), less_ignoring_case);
    std::sort(out.files.begin(), out.files.end(), less_ignoring_case);
    return out;
}

fs::path parent_folder(const fs::path& folder) {
    const fs::path normal = folder.lexically_normal();
    // "a/b/" has an empty filename: its parent_path would be "a/b" itself.
    const fs::path trimmed = normal.has_filename() || normal == normal.root_path() ? normal : normal.parent_path();
    const fs::path parent = trimmed.parent_path();
    return parent.empty() ? trimmed : parent;
}

void OpenFileBrowser(FileBrowserState& state, const fs::path& start) {
    std::error_code ec;
    if (state.folder.empty() || !fs::is_directory(state.folder, ec)) state.folder = start;
    state.stale = true;
    state.open_requested = true;
}

bool FileBrowserModal(const char* title, FileBrowserState& state, std::span<const std::string> extensions,
                      const fs::path& home, fs::path& chosen) {
    if (state.open_requested) {
        ImGui::OpenPopup(title);
        state.open_requested = false;
    }
    const float fs_px = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(std::min(display.x * 0.9f, fs_px * 32.f), std::min(display.y * 0.8f, fs_px * 24.f)),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) return false;

    if (state.stale) {
        state.listing = list_folder(state.folder, extensions);
        state.stale = false;
    }
    bool picked = false;
    fs::path go_to;
    if (ImGui::Button("Up")) go_to = parent_folder(state.folder);
    ImGui::SameLine();
    if (ImGui::Button("Examples") && !home.empty()) go_to = home;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", home.string().c_str());
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextDisabled("%s", state.folder.string().c_str());
    ImGui::PopTextWrapPos();

    const float footer = ImGui::GetTextLineHeightWithSpacing() * 2.2f;
    ImGui::BeginChild("##entries", ImVec2(0, -footer), true);
    if (!state.listing.error.empty()) {
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextUnformatted(state.listing.error.c_str());
        ImGui::PopTextWrapPos();
    }
    for (const std::string& name : state.listing.folders) {
        const std::string label = name + "/";
        if (ImGui::Selectable(label.c_str())) go_to = state.folder / name;
    }
    for (const std::string& name : state.listing.files) {
        if (ImGui::Selectable(name.c_str())) {
            chosen = state.folder / name;
            picked = true;
        }
    }
    if (state.listing.error.empty() && state.listing.folders.empty() && state.listing.files.empty())
        ImGui::TextDisabled("Nothing to open here: no folders and no files of this kind.");
    ImGui::EndChild();
    std::string kinds;
    bool bare = false;  // "" asks for files without an extension (MNIST's train-images-idx3-ubyte)
    for (const std::string& e : extensions) {
        if (e.empty()) bare = true;
        else kinds += (kinds.empty() ? "" : ", ") + e;
    }
    if (bare && !kinds.empty()) kinds += " and extensionless";
    ImGui::PushTextWrapPos(0.f);
    ImGui::TextDisabled("Folders and %s files. Click a folder to open it, a file to load it.",
                        kinds.empty() ? "all" : kinds.c_str());
    ImGui::PopTextWrapPos();

    if (!go_to.empty()) {
        state.folder = go_to.lexically_normal();
        state.stale = true;
    }
    if (picked) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return picked;
}

}  // namespace ui
