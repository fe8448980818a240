// The text the model reads: the built-in corpus or a plain-text file, its vocabulary and what the
// cut left out, and a way to open another text.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "data/data_paths.h"
#include "train/format.h"
#include "train/words/words_commands.h"
#include "ui/panels/words/words_common.h"
#include "ui/theme.h"
#include "ui/widgets/file_browser.h"
#include "ui/widgets/flow.h"
#include "ui/widgets/text_input.h"
#include "ui/widgets/wrapped_text.h"

namespace ui {

namespace {
namespace fs = std::filesystem;

const std::vector<std::string> kTextKinds = {".txt", ".md", ""};

// A typed file as the trainer should open it: resolved like every file the lessons name (quotes and
// `~/` handled, a relative path tried in the app's data folders); one not found goes as typed, and
// the trainer says what is wrong with it.
std::string file_to_open(const std::string& typed) {
    const data::ResolvedPath r = data::resolve_data_path(typed, data::data_roots(NNSCOPE_SOURCE_DIR));
    return r.path.empty() ? typed : r.path.string();
}

void Muted(const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    TextWrappedAtSpaces(text, width);
    ImGui::PopStyleColor();
}
}  // namespace

void CorpusPanel(PanelContext& ctx) {
    const train::WordsView* v = words::words_view(ctx);
    const train::WordsConfig* c = ctx.snap.config.words();
    if (!c) return;  // words_view drew why
    WordsPanelState& st = ctx.state.words;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;

    // ---- What it reads now ----
    if (v) {
        const data::Corpus& corpus = *v->corpus;
        const bool builtin = c->corpus_file.empty();
        TextWrappedAtSpaces(builtin ? "The built-in corpus: sentences this program writes from templates, about animals, "
                                      "colours, countries, numbers, families and kings and queens, rivers and money."
                                    : corpus.source,
                            width);
        Muted(corpus.summary + ".", width);
        char passes[32];
        std::snprintf(passes, sizeof passes, "%.1f", double(v->words_trained) / double(std::max<std::size_t>(1, corpus.tokens.size())));
        Muted("Read so far: " + train::format_count((long long)v->words_trained) + " words (" + passes + " passes through the text).",
              width);
    }

    // ---- Another text ----
    ImGui::Separator();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float buttons = ButtonWidth("Open") + gap + ButtonWidth("Browse...");
    const bool beside = width - buttons - gap >= fs * 8.f;
    const bool enter = InputStringLine("##corpus-file", st.file, beside ? width - buttons - gap : width);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A plain-text file (UTF-8, at most 64 MB). A relative path is looked for in the working\n"
                          "folder and the nnscope folder.");
    SameLineIfFits(ButtonWidth("Open"));
    ImGui::BeginDisabled(st.file.empty());
    if ((ImGui::Button("Open") || enter) && !st.file.empty())
        ctx.out.push_back(train::OpenCorpus{file_to_open(st.file), st.max_vocab, st.min_count});
    ImGui::EndDisabled();
    SameLineIfFits(ButtonWidth("Browse..."));
    const fs::path start = fs::path(NNSCOPE_SOURCE_DIR);
    if (ImGui::Button("Browse...")) OpenFileBrowser(st.browser, start);
    fs::path chosen;
    if (FileBrowserModal("Open a plain-text file", st.browser, kTextKinds, start, chosen)) {
        st.file = chosen.string();
        ctx.out.push_back(train::OpenCorpus{st.file, st.max_vocab, st.min_count});
    }

    // Room for five digits beside the field's own - and + buttons.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float field_w = TextWidth("000000") + 2.f * (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + style.FramePadding.x);
    // A number field with its label after it, or above it when the line is too narrow for both.
    const auto number_field = [&](const char* id, const char* label, int& value, int step, int fast, int lo, int hi,
                                  const char* tip, bool first) {
        const float need = LabeledWidth(field_w, label);
        if (!first) SameLineIfFits(std::min(need, ImGui::GetContentRegionAvail().x), fs);
        ImGui::BeginGroup();
        const bool beside = need <= ImGui::GetContentRegionAvail().x;
        if (!beside) ImGui::TextUnformatted(label);
        ImGui::SetNextItemWidth(std::min(field_w, ImGui::GetContentRegionAvail().x));
        if (ImGui::InputInt(id, &value, step, fast)) value = std::clamp(value, lo, hi);
        if (beside) {
            ImGui::SameLine(0, style.ItemInnerSpacing.x);
            ImGui::TextUnformatted(label);
        }
        ImGui::EndGroup();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    number_field("##most-words", "most words", st.max_vocab, 100, 1000, 2, train::kMaxWordVocab,
                 "The vocabulary keeps at most this many of the most frequent words", true);
    number_field("##seen-at-least", "seen at least", st.min_count, 1, 5, 1, 1'000'000,
                 "A word seen fewer times than this is left out", false);
    SameLineIfFits(ButtonWidth("Built-in corpus"), fs);
    if (ImGui::Button("Built-in corpus")) ctx.out.push_back(train::OpenCorpus{"", st.max_vocab, st.min_count});

    // The last file's result, also when it left no words at all (then `v` is null).
    if (const train::WordsView* any = ctx.snap.view<train::WordsView>(); any && !any->data_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, any->data_failed ? kBadColor : kGoodColor);
        TextWrappedAtSpaces(any->data_message, width);
        ImGui::PopStyleColor();
    }
}

}  // namespace ui
