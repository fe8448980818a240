// The data: a generated set with its noise and its share of test points, or the student's own
// points, clicked onto the plane or loaded from a CSV file.
#include <cstdio>
#include <memory>
#include <string>

#include "data/points_csv.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"

namespace ui {

namespace {
// InputText into a std::string without imgui_stdlib: grow the buffer when ImGui asks.
int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(std::size_t(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

bool input_string(const char* label, std::string& s, float width) {
    ImGui::SetNextItemWidth(width);
    if (s.capacity() < 16) s.reserve(16);
    return ImGui::InputText(label, s.data(), s.capacity() + 1,
                            ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_EnterReturnsTrue, resize_string, &s);
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
    const train::Config& c = s.config;
    PanelState& st = ctx.state;
    const float fs = ImGui::GetFontSize();

    // ---- A generated set ----
    train::SetData change{c.dataset, c.points, c.noise, c.test_fraction};
    bool changed = false;
    ImGui::SetNextItemWidth(fs * 7.f);
    const std::string current = s.user_points ? "your points" : std::string(data::toy2d_name(c.dataset));
    if (ImGui::BeginCombo("data set", current.c_str())) {
        for (data::Toy2D d : data::kAllToy2D) {
            const std::string name(data::toy2d_name(d));
            if (ImGui::Selectable(name.c_str(), !s.user_points && d == c.dataset)) {
                change.dataset = d;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine(0, fs);
    ImGui::SetNextItemWidth(fs * 6.f);
    ImGui::SliderInt("points", &change.points, 20, 1000, "%d", ImGuiSliderFlags_Logarithmic);
    changed |= ImGui::IsItemDeactivatedAfterEdit();

    ImGui::SetNextItemWidth(fs * 7.f);
    ImGui::SliderFloat("noise", &change.noise, 0.f, 0.6f, "%.2f");
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    ImGui::SameLine(0, fs);
    float test_percent = change.test_fraction * 100.f;
    ImGui::SetNextItemWidth(fs * 6.f);
    if (ImGui::SliderFloat("% test", &test_percent, 0.f, 50.f, "%.0f%%")) change.test_fraction = test_percent / 100.f;
    changed |= ImGui::IsItemDeactivatedAfterEdit();
    if (changed) ctx.out.push_back(change);

    // ---- The student's own points ----
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("click adds");
    ImGui::SameLine();
    class_swatch(kClass1Color);
    ImGui::SameLine(0, 2);
    if (ImGui::RadioButton("1", st.paint_label == 1)) st.paint_label = 1;
    ImGui::SameLine();
    class_swatch(kClass0Color);
    ImGui::SameLine(0, 2);
    if (ImGui::RadioButton("0", st.paint_label == 0)) st.paint_label = 0;
    ImGui::SameLine(0, fs);
    if (ImGui::Button("Clear all points")) ctx.out.push_back(train::ClearPoints{});
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("On the plane: click or drag to add points, right-click to remove one.");
    ImGui::PopStyleColor();

    const bool enter = input_string("##csv", st.csv_path, ImGui::GetContentRegionAvail().x - fs * 7.f);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A CSV file with one point per line: x,y,label (label 0 or 1); a header line is optional");
    ImGui::SameLine();
    if ((ImGui::Button("Load CSV") || enter) && !st.csv_path.empty()) {
        data::PointsCsvResult r = data::read_points_csv(st.csv_path);
        st.csv_failed = !r.data;
        if (r.data) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "Loaded %ld points.", long(r.data->x.rows()));
            st.csv_message = buf;
            ctx.out.push_back(train::LoadPoints{std::make_shared<const data::Dataset2D>(std::move(*r.data))});
        } else {
            st.csv_message = r.error;
        }
    }
    if (!st.csv_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, st.csv_failed ? kBadColor : kGoodColor);
        ImGui::TextWrapped("%s", st.csv_message.c_str());
        ImGui::PopStyleColor();
    } else if (st.csv_path.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextWrapped("Type the path of a CSV file (x,y,label per line) and press Load.");
        ImGui::PopStyleColor();
    }
}

}  // namespace ui
