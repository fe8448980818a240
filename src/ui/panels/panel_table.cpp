#include "ui/panels/panel_table.h"

namespace ui {

namespace {
const PanelInfo kPanels[] = {
    // Common to every family.
    {"spam", "A neuron that reads email", SpamPanel, 1.f, 16.f, 16.f},
    {"loss", "Loss and accuracy", LossPanel, 1.2f, 13.f, 11.f},
    {"gradients", "How much each layer learns: gradient size by layer", GradientsPanel, 1.4f, 13.f, 21.f},
    // The plane.
    {"plane", "The input plane: data and decision boundary", PlanePanel, 1.2f, 13.f, 16.f},
    {"update", "Perceptron rule, one example at a time", UpdatePanel, 1.f, 14.f, 11.f},
    {"network", "The network", NetworkPanel, 1.3f, 14.f, 15.f},
    {"model", "Build the network", ModelPanel, 0.9f, 13.f, 8.f},
    {"data", "Data", DataPanel, 0.9f, 13.f, 9.f},
    {"landscape", "The loss landscape of two weights", LandscapePanel, 1.3f, 13.f, 16.f},
    // The digit reader.
    {"digits", "Test digits and what the network reads", DigitSamplesPanel, 1.4f, 15.f, 20.f},
    {"confusion", "Which digits it mixes up: the confusion matrix", ConfusionPanel, 1.4f, 15.f, 18.f},
    {"weights", "What the first layer looks for: its weights", DigitWeightsPanel, 1.2f, 14.f, 14.f},
    {"digit_model", "The digit reader's network", DigitModelPanel, 0.9f, 14.f, 13.f},
    {"digit_data", "The digits", DigitDataPanel, 0.7f, 14.f, 10.f},
    {"canvas", "Draw a digit", CanvasPanel, 1.3f, 16.f, 17.f},
    // Words as vectors.
    {"projection", "Every word as a point: the vectors projected onto their two main directions", WordProjectionPanel, 1.4f, 15.f, 22.f},
    {"similarity", "How alike: cosine similarity and word arithmetic", SimilarityPanel, 1.2f, 15.f, 18.f},
    {"embedding_table", "The table being trained: one row per word", EmbeddingTablePanel, 1.2f, 14.f, 16.f},
    {"corpus", "The text it reads", CorpusPanel, 0.8f, 14.f, 11.f},
    // The transformer.
    {"attention_steps", "One head's attention, computed step by step", AttentionStepsPanel, 1.6f, 18.f, 18.f},
    {"attention", "Where every head looks: attention weights on one example", AttentionPanel, 1.5f, 16.f, 16.f},
    {"heads", "Several heads at once: side by side, then mixed back", HeadsPanel, 1.4f, 16.f, 30.f},
    {"positions", "Where a token stands: the position table", PositionsPanel, 1.3f, 15.f, 24.f},
    {"token_map", "Every token as a point: its vector on the two main directions", TokenMapPanel, 1.4f, 15.f, 22.f},
    {"next_token", "What comes next: each token's probability", NextTokenPanel, 1.2f, 14.f, 18.f},
    {"generate", "Text it writes, one drawn token at a time", GeneratePanel, 1.2f, 15.f, 14.f},
    {"surprise", "Surprise in bits: the loss, and the entropy of the predictions", SurprisePanel, 1.2f, 15.f, 16.f},
    {"induction", "Induction heads: look back, copy what came next", InductionPanel, 1.3f, 15.f, 26.f},
    {"text_data", "The text it learns", TextDataPanel, 0.8f, 14.f, 12.f},
    {"temperature", "Temperature: from scores to probabilities, and drawing from them", TemperaturePanel, 1.3f, 16.f, 20.f},
};
}  // namespace

std::span<const PanelInfo> all_panels() { return kPanels; }

const PanelInfo* find_panel(std::string_view name) {
    for (const PanelInfo& p : kPanels)
        if (name == p.name) return &p;
    return nullptr;
}

}  // namespace ui
