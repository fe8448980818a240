#include "ui/panels/panels.h"

#include <limits>

#include "train/words/words_view.h"
#include "ui/theme.h"

namespace ui {

void PanelFallback(PanelContext& ctx, const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
    if (ctx.fallbacks) ctx.fallbacks->push_back(std::string(ctx.panel) + ": " + text);
}

const train::PlaneView& plane_view(const train::Snapshot& s) {
    static const train::PlaneView kNone;
    const train::PlaneView* v = s.view<train::PlaneView>();
    return v ? *v : kNone;
}

const train::PlaneConfig& plane_config(const train::Snapshot& s) {
    static const train::PlaneConfig kNone;
    const train::PlaneConfig* c = s.config.plane();
    return c ? *c : kNone;
}

bool is_plane_model(const train::Snapshot& s, train::ModelKind m) {
    const train::PlaneConfig* c = s.config.plane();
    return c && c->model == m;
}

bool is_network(const train::Snapshot& s) {
    if (const train::PlaneConfig* c = s.config.plane()) return c->model == train::ModelKind::Mlp;
    return s.config.digits() != nullptr || s.config.transformer() != nullptr;
}

long training_examples(const train::Snapshot& s) {
    if (const train::PlaneView* v = s.view<train::PlaneView>()) return v->data ? long(v->data->x.rows()) : 0;
    if (const train::DigitsView* v = s.view<train::DigitsView>()) return long(v->train_count);
    if (const train::WordsView* v = s.view<train::WordsView>()) return v->corpus ? long(v->corpus->tokens.size()) : 0;
    // Generated tasks never run out: each step draws new examples.
    if (s.config.transformer()) return std::numeric_limits<long>::max();
    return 0;
}

}  // namespace ui
