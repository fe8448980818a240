#pragma once
// One function per panel. Each draws from the latest snapshot and appends the commands the user
// gave to `out`; none holds a pointer into the model.
#include <vector>

#include "lesson/lesson.h"
#include "train/commands.h"
#include "train/snapshot.h"
#include "ui/fonts.h"

namespace ui {
namespace gl {
class FieldView;
}

// What the panels remember between frames (view choices, not training state).
struct PanelState {
    bool show_hidden_lines = true;
    bool loss_log_scale = true;
};

struct PanelContext {
    const train::Snapshot& snap;
    const Fonts& fonts;
    std::vector<train::Command>& out;
    gl::FieldView& field_view;
    lesson::SpamNeuron& spam;    // the editable neuron of lesson 1 lives in the UI, not the trainer
    PanelState& state;
};

// Panels by their lesson-file names: "spam", "plane", "loss", "update", "network".
void SpamPanel(PanelContext& ctx);
void PlanePanel(PanelContext& ctx);
void LossPanel(PanelContext& ctx);
void UpdatePanel(PanelContext& ctx);
void NetworkPanel(PanelContext& ctx);

// Play / pause / step / reset, learning rate, activation, speed, and the run's status.
void ControlsBar(PanelContext& ctx);
// Why training paused itself, or that it converged: a coloured banner, nothing when all is quiet.
void MessageBanner(const train::Snapshot& snap);

// Colour of hidden neuron k, shared by its line on the plane and its node in the network view.
unsigned hidden_neuron_color(int k);

}  // namespace ui
