// What the transformer learns: the task or the text, its tokens, one example, and a way to open
// another plain-text file (a new vocabulary, so the model starts again).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "data/data_paths.h"
#include "train/transformer/transformer_commands.h"
#include "ui/panels/transformer/transformer_common.h"
#include "ui/theme.h"
#include "ui/widgets/file_browser.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
namespace fs = std::filesystem;

const std::vector<std::string> kTextKinds = {".txt", ".md", ""};
// The vocabulary is listed up to this many tokens: a text's 200 characters would fill the panel.
constexpr int kListedTokens = 80;

// A typed file resolved as every file the app opens is (see the corpus panel).
std::string file_to_open(const std::string& typed) {
    const data::ResolvedPath r = data::resolve_data_path(typed, data::data_roots(NNSCOPE_SOURCE_DIR));
    return r.path.empty() ? typed : r.path.string();
}

std::string what_it_learns(const data::TextTaskData& d) {
    switch (d.options().task) {
        case data::TextTask::Copy: return "To copy: random letters, '=', then the same letters again.";
        case data::TextTask::Reverse: return "To reverse: random letters, '=', then the same letters backwards.";
        case data::TextTask::Addition: return "To add: two numbers and their sum, one character at a time.";
        case data::TextTask::Repeat: return "To continue a repeat: a random stretch of letters, then the same stretch again.";
        case data::TextTask::Sentences: return "Short English sentences, one word at a time.";
        case data::TextTask::Text: return "A text, one character at a time: " + d.options().file.filename().string();
    }
    return {};
}
}  // namespace

void TextDataPanel(PanelContext& ctx) {
    const train::TransformerView* v = ctx.snap.view<train::TransformerView>();
    if (!v) {
        PanelFallback(ctx, "This panel shows the transformer's text: open a step of lessons 7 to 9.");
        return;
    }
    transformer::take_preset(ctx);
    TransformerPanelState& st = ctx.state.transformer;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    // ---- What it learns now ----
    if (v->data) {
        const data::TextTaskData& d = *v->data;
        const data::TokenSet& tokens = d.tokens();
        TextWrappedAtSpaces(what_it_learns(d), width);
        transformer::MutedText(d.summary(), width);
        std::string listed;
        for (int i = 0; i < std::min(tokens.size(), kListedTokens); ++i) {
            if (i) listed += ' ';
            listed += tokens.label(i);
        }
        if (tokens.size() > kListedTokens) listed += " \xE2\x80\xA6";  // …
        transformer::MutedText(std::to_string(tokens.size()) + (tokens.words ? " words and marks: " : " characters: ") + listed,
                               width);
        const data::TaskBatch example = d.example(std::uint64_t(std::max(0, transformer::transformer_config(ctx.snap).example_seed)));
        if (!example.tokens.empty()) {
            const std::string text = tokens.decode(example.tokens);
            const transformer::TextRun runs[] = {{"An example: ", kMutedTextColor}, {text, 0}};
            transformer::ColoredTextWrapped(runs, width);
        }
    } else {
        // The banner above says why; the reason for the last file is under the field.
        TextWrappedAtSpaces("Nothing to learn yet: open a plain-text file.", width);
    }

    // ---- Another text ----
    ImGui::Separator();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float buttons = ButtonWidth("Open") + gap + ButtonWidth("Browse...");
    const bool beside = width - buttons - gap >= fs * 8.f;
    const bool enter = InputStringLine("##text-file", st.text_file, beside ? width - buttons - gap : width);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A plain-text file (UTF-8) to learn character by character. A relative path is looked\n"
                          "for in the working folder and the nnscope folder.");
    SameLineIfFits(ButtonWidth("Open"));
    ImGui::BeginDisabled(st.text_file.empty());
    if ((ImGui::Button("Open") || enter) && !st.text_file.empty()) ctx.out.push_back(train::OpenText{file_to_open(st.text_file)});
    ImGui::EndDisabled();
    SameLineIfFits(ButtonWidth("Browse..."));
    const fs::path start = fs::path(NNSCOPE_SOURCE_DIR);
    if (ImGui::Button("Browse...")) OpenFileBrowser(st.browser, start);
    fs::path chosen;
    if (FileBrowserModal("Open a plain-text file", st.browser, kTextKinds, start, chosen)) {
        st.text_file = chosen.string();
        ctx.out.push_back(train::OpenText{st.text_file});
    }
    transformer::MutedText("Another text means other characters: the model starts again from random weights.", width);

    if (!v->data_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, v->data_failed ? kBadColor : kGoodColor);
        TextWrappedAtSpaces(v->data_message, width);
        ImGui::PopStyleColor();
    }
}

}  // namespace ui
