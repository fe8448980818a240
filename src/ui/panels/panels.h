#pragma once
// One function per panel. Each draws from the latest snapshot and appends the commands the user
// gave to `out`; none holds a pointer into the model.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "lesson/lesson.h"
#include "train/commands.h"
#include "train/digits/digits_view.h"
#include "train/plane/plane_view.h"
#include "train/snapshot.h"
#include "ui/fonts.h"
#include "ui/panels/digits/canvas_state.h"
#include "ui/panels/transformer/transformer_state.h"
#include "ui/panels/words/words_state.h"
#include "ui/widgets/file_browser.h"

namespace ui {
namespace gl {
class FieldView;
class ImageCache;
class OpaqueImages;
}

// Where the plane panel drew its square last frame, and the data range it showed: for turning a
// scripted click in data units into a mouse position.
struct PlaneRect {
    bool valid = false;
    ImVec2 p0, p1;
    float x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    ImVec2 to_screen(float x, float y) const {
        return ImVec2(p0.x + (x - x0) / (x1 - x0) * (p1.x - p0.x), p1.y - (y - y0) / (y1 - y0) * (p1.y - p0.y));
    }
};

// What the digit reader's panels remember between frames: the student's choices, and pictures made
// once per test set (the grey digits) or per published weights (the first layer), not per frame.
struct DigitsPanelState {
    int selected = -1;                // test-set index of the digit whose probabilities are shown; -1: none chosen
    int cell_true = -1, cell_read = -1;  // the confusion matrix's chosen cell; -1: none chosen
    std::string dir;                  // the folder typed into the Digit data panel
    FileBrowserState browser;

    // Grey RGBA pictures of test digits, by index into `pictured_test` (made when first shown).
    std::shared_ptr<const data::MnistSet> pictured_test;
    std::uint64_t test_version = 0;   // grows when the test set changes: the textures' version
    std::unordered_map<int, std::vector<ImU32>> digit_rgba;

    // The first layer's weights as coloured 28x28 pictures, made from `pictured_model`.
    std::shared_ptr<const nn::Mlp> pictured_model;
    std::uint64_t weights_version = 0;  // grows with every new set of pictures: the textures' version
    double weights_made_at = -1e9;      // ImGui time of the last pictures (new ones at most a few a second)
    int weights_shown = 0;              // how many neurons the pictures are of
    float weights_scale = 0;            // the colour scale: ±this is full blue / orange
    std::vector<std::vector<ImU32>> weight_rgba;
};

// What the panels remember between frames (view choices and edits in progress, not training state).
struct PanelState {
    bool show_hidden_lines = true;
    bool loss_log_scale = true;
    int paint_label = 1;            // the class a left click on the plane adds
    ImVec2 last_paint{-1e9f, -1e9f};  // where the last point of a drag was painted (screen)
    std::string csv_path;
    std::string csv_message;        // the result of the last load: how many points, or why not
    bool csv_failed = false;
    FileBrowserState csv_browser;
    int data_panel_frame = -1;      // the last frame the Data panel was drawn (is its message on screen?)
    double drop_notice_until = -1;  // a dropped file's message floats on screen until then (ImGui time)
    PlaneRect plane;
    CanvasState canvas;             // lesson 5's drawing
    DigitsPanelState digits;
    WordsPanelState words;
    TransformerPanelState transformer;
};

struct PanelContext {
    const train::Snapshot& snap;
    const Fonts& fonts;
    std::vector<train::Command>& out;
    gl::FieldView& field_view;
    gl::ImageCache& images;
    gl::OpaqueImages& pictures;  // large pictures, drawn opaque (see gl::OpaqueImages)
    lesson::SpamNeuron& spam;    // the editable neuron of lesson 1 lives in the UI, not the trainer
    PanelState& state;
    bool painting = false;       // clicks on the plane add and remove points (the data panel is shown)
    const char* panel = "";      // the name of the panel being drawn
    std::vector<std::string>* fallbacks = nullptr;  // "panel: why", for each panel with nothing to draw
};

// The plane family's part of a snapshot and config, or empty defaults (no points, no field) when the
// snapshot is of another family: the plane's panels read these and never a null pointer.
const train::PlaneView& plane_view(const train::Snapshot& s);
const train::PlaneConfig& plane_config(const train::Snapshot& s);
// Whether the snapshot is of the plane family's model m.
bool is_plane_model(const train::Snapshot& s, train::ModelKind m);
// Whether the model is a network trained by backpropagation (the plane's MLP, the digit reader).
bool is_network(const train::Snapshot& s);
// How many examples the model trains on (points, digits).
long training_examples(const train::Snapshot& s);

// What a panel shows instead of its picture when it has nothing to draw (a muted, wrapped line);
// recorded in ctx.fallbacks, so that a test can tell a panel that drew from one that could not.
void PanelFallback(PanelContext& ctx, const char* text);

// Panels by their lesson-file names: "spam", "plane", "loss", "update", "network", "model",
// "data", "landscape", "gradients".
void SpamPanel(PanelContext& ctx);
void PlanePanel(PanelContext& ctx);
void LossPanel(PanelContext& ctx);
void UpdatePanel(PanelContext& ctx);
void NetworkPanel(PanelContext& ctx);
void ModelPanel(PanelContext& ctx);
void DataPanel(PanelContext& ctx);
// Files dropped onto the window: the first CSV of points is loaded, with the message the Data panel
// gives for the Load button (shown over the screen for a few seconds when that panel is hidden).
// Call once a frame with what arrived since the last (often nothing); it empties `dropped`.
void OpenDroppedFiles(PanelContext& ctx, std::vector<std::string>& dropped);
void LandscapePanel(PanelContext& ctx);
void GradientsPanel(PanelContext& ctx);
// The digit reader's panels (ui/panels/digits/): "digits", "confusion", "weights", "canvas",
// "digit_model", "digit_data".
void DigitSamplesPanel(PanelContext& ctx);
void ConfusionPanel(PanelContext& ctx);
void DigitWeightsPanel(PanelContext& ctx);
void CanvasPanel(PanelContext& ctx);
void DigitModelPanel(PanelContext& ctx);
void DigitDataPanel(PanelContext& ctx);
// The word-embedding panels (ui/panels/words/): "projection", "similarity", "embedding_table", "corpus".
void WordProjectionPanel(PanelContext& ctx);
void SimilarityPanel(PanelContext& ctx);
void EmbeddingTablePanel(PanelContext& ctx);
void CorpusPanel(PanelContext& ctx);
// The transformer's panels (ui/panels/transformer/): "attention_steps" (lesson 7: one head computed
// stage by stage), "attention" (every head on one example).
void AttentionStepsPanel(PanelContext& ctx);
void AttentionPanel(PanelContext& ctx);
// "positions", "heads", "token_map", "generate", "next_token", "text_data", "induction".
void PositionsPanel(PanelContext& ctx);
void HeadsPanel(PanelContext& ctx);
void TokenMapPanel(PanelContext& ctx);
void GeneratePanel(PanelContext& ctx);
void NextTokenPanel(PanelContext& ctx);
void TextDataPanel(PanelContext& ctx);
void InductionPanel(PanelContext& ctx);
// "surprise" (lesson 9): the test loss in bits beside the entropy of the predictions.
void SurprisePanel(PanelContext& ctx);
// "temperature" (lesson 9: the softmax at up to three temperatures on a worked example, and draws).
void TemperaturePanel(PanelContext& ctx);

// Play / pause / step / reset, learning rate, activation, speed, and the run's status.
void ControlsBar(PanelContext& ctx);
// A networks's loss and accuracy on training and test points: the third row of the controls bar.
bool has_scoreboard(const train::Snapshot& s);
void Scoreboard(const train::Snapshot& s);
// Why training paused itself, or that it converged: a coloured banner, nothing when all is quiet.
void MessageBanner(const train::Snapshot& snap);

// Colour of hidden neuron k, shared by its line on the plane and its node in the network view.
unsigned hidden_neuron_color(int k);

}  // namespace ui
