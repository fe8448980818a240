#include "ui/panels/lesson_sidebar.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include "ui/theme.h"
#include "ui/widgets/rich_text.h"

namespace ui {

namespace {
std::string entry_label(const lesson::LibraryEntry& e, int index) {
    if (e.result.lesson) return std::to_string(index + 1) + ". " + e.result.lesson->title;
    return "⚠ " + std::filesystem::path(e.file).filename().string();
}

void PromptBox(const std::vector<lesson::Span>& prompt, const Fonts& fonts) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::Indent(fonts.base_size * 0.6f);
    ImGui::Dummy(ImVec2(0, fonts.base_size * 0.1f));
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(ImVec4(1.f, 0.85f, 0.3f, 1.f), "Try this");
    ImGui::PopFont();
    // The "Try this:" label is the box's title; the sentence after it starts with a capital.
    std::vector<lesson::Span> spans = prompt;
    if (!spans.empty() && !spans[0].text.empty() && spans[0].text[0] >= 'a' && spans[0].text[0] <= 'z')
        spans[0].text[0] = char(spans[0].text[0] - 'a' + 'A');
    RichSpans(spans, fonts, 0, fonts.base_size * 0.6f);
    ImGui::Unindent(fonts.base_size * 0.6f);
    dl->ChannelsSetCurrent(0);
    const ImVec2 end(ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x, ImGui::GetCursorScreenPos().y);
    dl->AddRectFilled(start, end, IM_COL32(80, 66, 20, 160), 6.f);
    dl->AddRect(start, end, IM_COL32(255, 210, 80, 200), 6.f, 0, 2.f);
    dl->ChannelsMerge();
    ImGui::Spacing();
}
}  // namespace

SidebarRequest LessonSidebar(const lesson::Navigator& nav, const Fonts& fonts) {
    SidebarRequest request;
    const auto& library = nav.library();
    const lesson::Lesson* lesson = nav.lesson();

    // Lesson picker: every file in lessons/, the broken ones with their reason.
    const std::string current = lesson ? entry_label(library[nav.lesson_index()], nav.lesson_index()) : "no lesson open";
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##lessons", current.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (int i = 0; i < int(library.size()); ++i) {
            const auto& e = library[i];
            if (e.result.lesson) {
                if (ImGui::Selectable(entry_label(e, i).c_str(), i == nav.lesson_index()))
                    request = {SidebarRequest::Kind::OpenLesson, i};
            } else {
                ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
                ImGui::TextWrapped("%s", (entry_label(e, i) + "\n" + e.result.error->to_string()).c_str());
                ImGui::PopStyleColor();
            }
        }
        ImGui::EndCombo();
    }
    // Broken lesson files stay visible outside the picker too, so the teacher sees why.
    for (const auto& e : library)
        if (e.result.error) {
            ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
            ImGui::TextWrapped("Cannot read %s", e.result.error->to_string().c_str());
            ImGui::PopStyleColor();
        }
    if (library.empty()) ImGui::TextWrapped("No lesson files found. Lessons are Markdown files in the lessons/ folder.");

    if (lesson) {
        const lesson::Step* step = nav.step();
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::Text("Step %d of %d", nav.step_index() + 1, int(lesson->steps.size()));
        ImGui::PopStyleColor();
        ImGui::PushFont(fonts.heading);
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextUnformatted(step->title.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ImGui::Separator();

        const float footer = ImGui::GetFrameHeightWithSpacing() * 2.2f;
        ImGui::BeginChild("prose", ImVec2(0, -footer), false);
        RichBlocks(step->prose, fonts);
        for (const auto& prompt : step->prompts) PromptBox(prompt, fonts);
        ImGui::EndChild();

        ImGui::Separator();
        const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
        ImGui::BeginDisabled(!nav.can_previous());
        if (ImGui::Button("◀ Previous", ImVec2(half, 0))) request.kind = SidebarRequest::Kind::Previous;
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!nav.can_next());
        if (ImGui::Button("Next ▶", ImVec2(half, 0))) request.kind = SidebarRequest::Kind::Next;
        ImGui::EndDisabled();
        ImGui::BeginDisabled(!nav.effective_preset());
        if (ImGui::Button("Apply preset")) request.kind = SidebarRequest::Kind::ApplyPreset;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Put this step's model, data and settings back as the lesson set them");
        ImGui::SameLine();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextUnformatted("text size");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button(" − ")) request.kind = SidebarRequest::Kind::TextSmaller;
    ImGui::SameLine();
    if (ImGui::Button(" + ")) request.kind = SidebarRequest::Kind::TextBigger;
    return request;
}

}  // namespace ui
