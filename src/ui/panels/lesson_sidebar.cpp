#include "ui/panels/lesson_sidebar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "ui/theme.h"
#include "ui/widgets/flow.h"
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

SidebarRequest LessonSidebar(const lesson::Navigator& nav, const Fonts& fonts, SidebarState& state, bool key_hint) {
    SidebarRequest request;
    const auto& library = nav.library();
    const lesson::Lesson* lesson = nav.lesson();
    const ImGuiStyle& style = ImGui::GetStyle();

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

    // The footer (Previous / Next, Apply preset, text size, the key hint) wraps on a narrow column;
    // its height is the one measured last frame.
    const char* kHint = "F1 or ?: the list of keys";
    const float row = ImGui::GetFrameHeightWithSpacing();
    const float line_w = LineWidth();
    const float sizes_w = TextWidth("text size") + style.ItemSpacing.x * 2 + ButtonWidth(" − ") + ButtonWidth(" + ");
    const bool size_label = sizes_w <= line_w;  // else the buttons alone, with a tooltip
    const float sizes_shown_w = size_label ? sizes_w : style.ItemSpacing.x + ButtonWidth("A−") + ButtonWidth("A+");
    if (state.footer_height <= 0) state.footer_height = row * 2.f + style.ItemSpacing.y * 2.f;
    const float footer = state.footer_height;

    if (lesson) {
        const lesson::Step* step = nav.step();
        // With room for about a dozen lines, the step's title stays put, the prose scrolls under
        // it and the "Try this" prompts stay in view below (scrolling themselves past half the
        // column). With less (big text on a small screen) all of it scrolls as one.
        const float line_h = ImGui::GetTextLineHeightWithSpacing();
        const bool compact = ImGui::GetContentRegionAvail().y - footer < line_h * 14.f;
        if (compact) ImGui::BeginChild("lesson text", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y - footer, row)), false);
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

        if (compact) {
            RichBlocks(step->prose, fonts);
            for (const auto& prompt : step->prompts) PromptBox(prompt, fonts);
            ImGui::EndChild();
        } else {
            const float avail = ImGui::GetContentRegionAvail().y - footer;
            const float prompt_h = step->prompts.empty() ? 0.f : std::min(state.prompt_height, avail * 0.5f);
            const float between = step->prompts.empty() ? 0.f : style.ItemSpacing.y;
            ImGui::BeginChild("prose", ImVec2(0, std::max(avail - prompt_h - between, row)), false);
            RichBlocks(step->prose, fonts);
            ImGui::EndChild();
            if (!step->prompts.empty()) {
                ImGui::BeginChild("prompts", ImVec2(0, std::max(prompt_h, 1.f)), false);
                const float top = ImGui::GetCursorScreenPos().y;
                for (const auto& prompt : step->prompts) PromptBox(prompt, fonts);
                state.prompt_height = ImGui::GetCursorScreenPos().y - top + style.ItemSpacing.y;
                ImGui::EndChild();
            }
        }

    }
    const float footer_top = ImGui::GetCursorPosY();
    if (lesson) {
        ImGui::Separator();
        const float half = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) * 0.5f;
        const bool words = ButtonWidth("◀ Previous") <= half;
        ImGui::BeginDisabled(!nav.can_previous());
        if (ImGui::Button(words ? "◀ Previous" : "◀", ImVec2(half, 0))) request.kind = SidebarRequest::Kind::Previous;
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!nav.can_next());
        if (ImGui::Button(words ? "Next ▶" : "▶", ImVec2(half, 0))) request.kind = SidebarRequest::Kind::Next;
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        state.next_button = ImVec2(std::floor((a.x + b.x) * 0.5f), std::floor((a.y + b.y) * 0.5f));
        ImGui::EndDisabled();
        ImGui::BeginDisabled(!nav.effective_preset());
        if (ImGui::Button("Apply preset")) request.kind = SidebarRequest::Kind::ApplyPreset;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Put this step's model, data and settings back as the lesson set them");
        SameLineIfFits(sizes_shown_w);
    }
    ImGui::BeginGroup();
    if (size_label) {
        ImGui::AlignTextToFramePadding();
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
        ImGui::TextUnformatted("text size");
        ImGui::PopStyleColor();
        ImGui::SameLine();
    }
    if (ImGui::Button(size_label ? " − " : "A−")) request.kind = SidebarRequest::Kind::TextSmaller;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Smaller text (key −)");
    ImGui::SameLine();
    if (ImGui::Button(size_label ? " + " : "A+")) request.kind = SidebarRequest::Kind::TextBigger;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Bigger text (key +)");
    ImGui::EndGroup();
    if (key_hint) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 210, 80, 255));
        ImGui::TextWrapped("%s", kHint);
        ImGui::PopStyleColor();
    }
    state.footer_height = ImGui::GetCursorPosY() - footer_top;
    return request;
}

}  // namespace ui
