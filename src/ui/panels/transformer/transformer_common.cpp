#include "ui/panels/transformer/transformer_common.h"

namespace ui::transformer {

const train::TransformerConfig& transformer_config(const train::Snapshot& s) {
    static const train::TransformerConfig kNone;
    const train::TransformerConfig* c = s.config.transformer();
    return c ? *c : kNone;
}

const train::TransformerView* transformer_view(PanelContext& ctx) {
    const train::TransformerView* v = ctx.snap.view<train::TransformerView>();
    if (!v) {
        PanelFallback(ctx, "This panel shows the transformer: open a step of lessons 7 to 9.");
        return nullptr;
    }
    TransformerPanelState& st = ctx.state.transformer;
    if (st.generation != ctx.snap.generation) {
        const train::TransformerConfig& c = transformer_config(ctx.snap);
        st.generation = ctx.snap.generation;
        st.example = c.example;
        st.prompt = c.prompt;
        st.stage = c.stage;
        st.query = c.query;
        st.layer = c.layer;
        st.head = c.head;
        st.temperature = c.temperatures.empty() ? 1.f : c.temperatures.front();
        st.top_k = c.top_k;
        st.top_p = c.top_p;
        st.text_file = c.text_file;
        st.units_per_pixel = 0;
    }
    if (!v->data) {
        PanelFallback(ctx, "There is no text to learn from: open a text file in the Text panel, or choose a task.");
        return nullptr;
    }
    return v;
}

std::vector<std::string> token_labels(const train::TransformerView& v, std::span<const int> tokens) {
    std::vector<std::string> labels;
    labels.reserve(tokens.size());
    for (int t : tokens) labels.push_back(v.data->tokens().label(t));
    return labels;
}

std::string head_name(int layer, int head) { return "L" + std::to_string(layer + 1) + " H" + std::to_string(head + 1); }

}  // namespace ui::transformer
