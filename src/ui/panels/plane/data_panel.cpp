// The data: a generated set with its noise and its share of test points, or the student's own
// points, clicked onto the plane or loaded from a CSV file.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "data/data_paths.h"
#include "data/points_csv.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/file_browser.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"

namespace ui {

namespace {
const std::vector<std::string> kPointFileKinds = {".csv", ".txt"};
constexpr double kDropNoticeSeconds = 6.0;

std::filesystem::path examples_folder() { return std::filesystem::path(NNSCOPE_SOURCE_DIR) / "assets" / "points"; }

// Typed, browsed or dropped: found through the app's data folders, read, and sent to the trainer,
// with the outcome in the panel's message line.
void load_points_file(PanelContext& ctx, const std::string& typed) {
    PanelState& st = ctx.state;
    const data::ResolvedPath where = data::resolve_data_path(typed, data::data_roots(NNSCOPE_SOURCE_DIR));
    if (!where.error.empty()) {
        st.csv_failed = true;
        st.csv_message = where.error;
        return;
    }
    data::PointsCsvResult r = data::read_points_csv(where.path.string());
    st.csv_failed = !r.data;
    if (!r.data) {
        st.csv_message = r.error;
        return;
    }
    char buf[160];
    std::snprintf(buf, sizeof buf, "Loaded %ld points from %s.", long(r.data->x.rows()),
                  where.path.filename().string().c_str());
    st.csv_message = buf;
    ctx.out.push_back(train::LoadPoints{std::make_shared<const data::Dataset2D>(std::move(*r.data))});
}

void class_swatch(ImU32 color) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + fs * 0.5f, p.y + ImGui::GetFrameHeight() * 0.5f);
    ImGui::GetWindowDrawList()->AddCircleFilled(c, fs * 0.38f, color);
    ImGui::GetWindowDrawList()->AddCircle(c, fs * 0.38f, IM_COL32_WHITE, 0, 2.f);
    ImGui::Dummy(ImVec2(fs, ImGui::GetFrameHeight()));
}
}  // namespace

void DataPanel(PanelContext& ctx) {
    const train::Snapshot& s = ctx.snap;
    const train::PlaneConfig& c = plane_config(s);
    PanelState& st = ctx.state;
    const float fs = ImGui::GetFontSize();

    // ---- A generated set ----
    train::SetData change{c.dataset, c.points, c.noise, c.test_fraction};
    bool changed = false;
    // Rows wrap (ui/widgets/flow.h) so the panel fits a narrow column at a large text size.
    ImGui::SetNextItemWidth(FitItemWidth(fs * 7.f, "data set"));
    const std::string current = plane_view(s).user_points ? "your points" : std::string(data::toy2d_name(c.dataset));
    if (ImGui::BeginCombo("data set", current.c_str())) {
        for (data::Toy2D d : data::kAllToy2D) {
            const std::string name(data::toy2d_name(d));
            if (ImGui::Selectable(name.c_str(), !plane_view(s).user_points && d == c.dataset)) {
                change.dataset = d;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    // Each slider's value is written beside it, where its handle cannot cover it.
    char points_text[32], noise_text[32], test_text[32];
    std::snprintf(points_text, sizeof points_text, "%d points", change.points);
    std::snprintf(noise_text, sizeof noise_text, "noise %.2f", double(change.noise));
    float test_percent = change.test_fraction * 100.f;
    std::snprintf(test_text, sizeof test_text, "%.0f%% test", double(test_percent));
    const float points_w = FitItemWidth(fs * 5.f, points_text);
    SameLineIfFits(LabeledWidth(points_w, points_text), fs);
    ImGui::SetNextItemWidth(points_w);
    ImGui::SliderInt("##points", &change.points, 20, 1000, "", ImGuiSliderFlags_Logarithmic);
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    ValueBeside(points_text);

    ImGui::SetNextItemWidth(FitItemWidth(fs * 6.f, noise_text));
    ImGui::SliderFloat("##noise", &change.noise, 0.f, 0.6f, "");
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    ValueBeside(noise_text);
    const float test_w = FitItemWidth(fs * 5.f, test_text);
    SameLineIfFits(LabeledWidth(test_w, test_text), fs);
    ImGui::SetNextItemWidth(test_w);
    if (ImGui::SliderFloat("##test", &test_percent, 0.f, 50.f, "")) change.test_fraction = test_percent / 100.f;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    ValueBeside(test_text);
    if (changed) ctx.out.push_back(change);

    // ---- The student's own points ----
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("click adds");
    // A class's swatch and its radio button, kept together.
    const auto class_choice = [&](ImU32 color, const char* name, int label) {
        SameLineIfFits(fs + 2.f + CheckboxWidth(name));
        ImGui::BeginGroup();
        class_swatch(color);
        ImGui::SameLine(0, 2);
        if (ImGui::RadioButton(name, st.paint_label == label)) st.paint_label = label;
        ImGui::EndGroup();
    };
    class_choice(kClass1Color, "1", 1);
    class_choice(kClass0Color, "0", 0);
    SameLineIfFits(ButtonWidth("Clear all points"), fs);
    if (ImGui::Button("Clear all points")) ctx.out.push_back(train::ClearPoints{});
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("On the plane: click or drag to add points, right-click to remove one.");
    ImGui::PopStyleColor();

    // The path field takes what the buttons leave, or a line of its own when that is too little.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float buttons = ButtonWidth("Load CSV") + gap + ButtonWidth("Browse...");
    const float line = ImGui::GetContentRegionAvail().x;
    const bool buttons_beside = line - buttons - gap >= fs * 8.f;
    const bool enter = InputStringLine("##csv", st.csv_path, buttons_beside ? line - buttons - gap : line);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A CSV file with one point per line: x,y,label (label 0 or 1); a header line is optional.\n"
                          "A relative path is looked for in the working folder, the nnscope folder and its assets/.");
    SameLineIfFits(ButtonWidth("Load CSV"));
    if ((ImGui::Button("Load CSV") || enter) && !st.csv_path.empty()) load_points_file(ctx, st.csv_path);
    SameLineIfFits(ButtonWidth("Browse..."));
    if (ImGui::Button("Browse...")) OpenFileBrowser(st.csv_browser, examples_folder());
    std::filesystem::path chosen;
    if (FileBrowserModal("Open a file of points", st.csv_browser, kPointFileKinds, examples_folder(), chosen)) {
        // Inside the repository, the short name the lessons use (and that works from anywhere).
        const std::filesystem::path inside = chosen.lexically_relative(NNSCOPE_SOURCE_DIR);
        const bool under_repo = !inside.empty() && *inside.begin() != "..";
        st.csv_path = under_repo ? inside.string() : chosen.string();
        load_points_file(ctx, st.csv_path);
    }
    if (!st.csv_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, st.csv_failed ? kBadColor : kGoodColor);
        ImGui::TextWrapped("%s", st.csv_message.c_str());
        ImGui::PopStyleColor();
    } else if (st.csv_path.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextWrapped("Type the path of a CSV file (x,y,label per line) and press Load, or Browse, or drop "
                           "the file onto the window.");
        ImGui::PopStyleColor();
    }
    st.data_panel_frame = ImGui::GetFrameCount();
}

void OpenDroppedFiles(PanelContext& ctx, std::vector<std::string>& dropped) {
    PanelState& st = ctx.state;
    if (!dropped.empty()) {
        // The first file of a kind that holds points; anything else gets told why not.
        const std::string* pick = nullptr;
        for (const std::string& p : dropped) {
            std::string ext = std::filesystem::path(p).extension().string();
            for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
            if (std::find(kPointFileKinds.begin(), kPointFileKinds.end(), ext) != kPointFileKinds.end()) {
                pick = &p;
                break;
            }
        }
        if (pick) {
            st.csv_path = *pick;
            load_points_file(ctx, *pick);
            if (!st.csv_failed && dropped.size() > 1)
                st.csv_message += " (" + std::to_string(dropped.size() - 1) + " more dropped file" +
                                  (dropped.size() > 2 ? "s" : "") + " left unopened: one data set at a time.)";
        } else {
            std::error_code ec;
            const std::filesystem::path first(dropped.front());
            const std::string name = first.filename().empty() ? first.string() : first.filename().string();
            st.csv_failed = true;
            st.csv_message = std::filesystem::is_directory(first, ec)
                                 ? name + " is a folder: drop a CSV file of points (x,y,label per line), or use "
                                          "Browse... in the Data panel."
                                 : name + " is not a CSV file of points: drop a .csv file with x,y,label per line.";
        }
        dropped.clear();
        st.drop_notice_until = ImGui::GetTime() + kDropNoticeSeconds;
    }
    // The Data panel shows the message itself; otherwise it floats over the screen for a while.
    const bool panel_shown = st.data_panel_frame >= ImGui::GetFrameCount() - 1;
    if (panel_shown || ImGui::GetTime() > st.drop_notice_until || st.csv_message.empty()) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - ImGui::GetFontSize()), ImGuiCond_Always, ImVec2(0.5f, 1.f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(display.x * 0.8f, display.y * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, st.csv_failed ? IM_COL32(110, 30, 25, 245) : IM_COL32(25, 80, 40, 245));
    ImGui::Begin("##dropped-file", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushTextWrapPos(display.x * 0.75f);
    ImGui::TextUnformatted(st.csv_message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace ui
