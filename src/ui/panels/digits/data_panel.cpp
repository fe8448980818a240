// Where the digits come from: the folder, how many there are, and a way to open another folder of
// MNIST IDX files (the full 60,000 and 10,000, say).
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "data/data_paths.h"
#include "train/digits/digits_commands.h"
#include "train/format.h"
#include "ui/panels/digits/digits_common.h"
#include "ui/theme.h"
#include "ui/widgets/file_browser.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
namespace fs = std::filesystem;

// The four IDX files are named like train-images-idx3-ubyte, gzipped or not, or sometimes with
// a dot (train-images.idx3-ubyte): the browser lists those, and any file picked opens its folder.
const std::vector<std::string> kIdxKinds = {".gz", ".idx3-ubyte", ".idx1-ubyte", ""};

// A typed folder as the trainer should open it: a relative one is looked for in the app's data
// folders (the working folder, the repository), like the lessons' files; a file stands for its folder.
std::string folder_to_open(std::string typed) {
    while (!typed.empty() && (typed.back() == ' ' || typed.back() == '"' || typed.back() == '\'')) typed.pop_back();
    while (!typed.empty() && (typed.front() == ' ' || typed.front() == '"' || typed.front() == '\'')) typed.erase(0, 1);
    if (typed.rfind("~/", 0) == 0)
        if (const char* home = std::getenv("HOME")) typed = std::string(home) + typed.substr(1);
    std::error_code ec;
    fs::path path(typed);
    if (fs::is_regular_file(path, ec)) path = path.parent_path();
    if (path.is_relative())
        for (const fs::path& root : data::data_roots(NNSCOPE_SOURCE_DIR)) {
            const fs::path candidate = root / path;
            if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
            if (fs::is_regular_file(candidate, ec)) return candidate.parent_path().lexically_normal().string();
        }
    return path.string();  // the trainer says what is missing there
}

// "<folder>: 8,000 training and 2,000 test digits", the folder inside the repository named from it
// (data/mnist), as the lessons and the tooltip name it.
std::string shorter_source(const std::string& source) {
    const std::string repo = fs::path(NNSCOPE_SOURCE_DIR).lexically_normal().string();
    const std::string prefix = repo + (repo.empty() || repo.back() == '/' ? "" : "/");
    return source.rfind(prefix, 0) == 0 ? source.substr(prefix.size()) : source;
}

fs::path installed_folder() { return fs::path(NNSCOPE_SOURCE_DIR) / "data" / "mnist"; }
}  // namespace

void DigitDataPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    if (!s.config.digits()) {
        PanelFallback(ctx, "This panel shows the digit reader's data; this step trains another model.");
        return;
    }
    const train::DigitsView* v = digits::digits_view(ctx);
    DigitsPanelState& st = ctx.state.digits;
    const float fs = ImGui::GetFontSize();

    // ---- Where the digits come from ----
    const bool have = v && v->test && v->train_count > 0;
    if (have) {
        TextWrappedAtSpaces(v->source.empty() ? train::format_count((long long)v->train_count) + " training and " +
                                                    train::format_count((long long)v->test->count()) + " test digits"
                                              : shorter_source(v->source));
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        TextWrappedAtSpaces("Real handwriting, 28×28 grey pixels each. It learns from the training digits and is tested "
                            "on the others.");
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
        TextWrappedAtSpaces("No digits yet. Run ./run.sh once: it installs 10,000 real MNIST digits into data/mnist. Or "
                            "start with --mnist-dir DIR, or open a folder of MNIST IDX files below.");
        ImGui::PopStyleColor();
    }

    // ---- Another folder ----
    ImGui::Separator();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float buttons = ButtonWidth("Open") + gap + ButtonWidth("Browse...");
    const float line = ImGui::GetContentRegionAvail().x;
    const bool buttons_beside = line - buttons - gap >= fs * 8.f;
    const bool enter = InputStringLine("##digits_dir", st.dir, buttons_beside ? line - buttons - gap : line);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and\n"
                          "t10k-labels-idx1-ubyte (each may end in .gz). A relative path is looked for in the working\n"
                          "folder and the nnscope folder.");
    SameLineIfFits(ButtonWidth("Open"));
    ImGui::BeginDisabled(st.dir.empty());
    if ((ImGui::Button("Open") || enter) && !st.dir.empty()) ctx.out.push_back(train::OpenDigits{folder_to_open(st.dir)});
    ImGui::EndDisabled();
    SameLineIfFits(ButtonWidth("Browse..."));
    if (ImGui::Button("Browse...")) OpenFileBrowser(st.browser, installed_folder());
    fs::path chosen;
    if (FileBrowserModal("Open a folder of digits (pick any of its IDX files)", st.browser, kIdxKinds, installed_folder(), chosen)) {
        st.dir = chosen.parent_path().string();
        ctx.out.push_back(train::OpenDigits{st.dir});
    }
    if (v && !v->data_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v->data_failed ? kBadColor : kGoodColor);
        TextWrappedAtSpaces(v->data_message);
        ImGui::PopStyleColor();
    } else if (st.dir.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        TextWrappedAtSpaces("Type a folder of MNIST IDX files (the full 60,000 training digits, say) and press Open, or Browse.");
        ImGui::PopStyleColor();
    }
}

}  // namespace ui
