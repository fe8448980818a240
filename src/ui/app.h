#pragma once
#include <string>
#include <vector>

#include "data/digit_canvas.h"

namespace ui {

// A click on the input plane at (x, y) in data units, made by the app itself (for tests).
struct ScriptedClick {
    float x = 0, y = 0;
    bool right = false;  // right button: removes a point
};

struct AppOptions {
    std::string lessons_dir;       // folder of lesson files
    int lesson = 1;                // 1-based, in file-name order
    int step = 1;                  // 1-based
    long train_steps = 0;          // trained (paused) before the first frame
    std::string screenshot;        // write a PNG of the first settled frame, then exit
    int frame_stats = 0;           // run this many frames while training flat out, print timings, exit
    bool gallery = false;          // show the plot widget gallery instead of lessons
    float scale = 1.0f;            // UI scale (text size)
    int width = 1600, height = 900;
    std::vector<ScriptedClick> clicks;  // played on the plane before the screenshot
    std::vector<data::Stroke> strokes;  // drawn on the digit canvas after the clicks, points as fractions 0-1
    bool log_actions = false;      // print presenter actions and window size changes (for tests)
    bool layout_check = false;     // check the settled frame's layout (ui/layout_check.h), print problems, exit
    std::string mnist_dir;         // digits for the digit lessons; empty: data/mnist as the set-up installed it
    std::string corpus_file;       // text for the word lesson; empty: what each preset names (the built-in corpus)
    std::string text_file;         // text for the transformer's text steps; empty: what each preset names
};

// Opens the window and runs until it is closed. Returns the process exit code.
int run_app(const AppOptions& options);

}  // namespace ui
