// nnscope: teaches how neural networks work by training them live.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "data/digit_canvas.h"
#include "ui/app.h"
#include "ui/fonts.h"

int main(int argc, char** argv) {
    ui::AppOptions options;
    options.lessons_dir = std::string(NNSCOPE_SOURCE_DIR) + "/lessons";

    CLI::App cli{"nnscope: watch neural networks learn, from a single perceptron to a tiny transformer."};
    cli.add_option("--lesson", options.lesson, "Open this lesson (1-based, in file-name order)")->check(CLI::PositiveNumber);
    cli.add_option("--step", options.step, "Open this step of the lesson (1-based)")->check(CLI::PositiveNumber);
    cli.add_option("--train-steps", options.train_steps, "Train this many steps before the first frame is shown")
        ->check(CLI::Range(0L, 100000000L));
    cli.add_option("--screenshot", options.screenshot,
                   "Render one frame, write it to this PNG file and exit (training stays paused)");
    cli.add_option("--frame-stats", options.frame_stats,
                   "Draw this many frames while training flat out, print median and 99th-percentile frame times, exit")
        ->check(CLI::Range(1, 1000000));
    cli.add_option("--lessons", options.lessons_dir, "Folder of lesson files")->check(CLI::ExistingDirectory);
    cli.add_option("--scale", options.scale, "Text and UI scale, for the size of the room (text size − / + steps it)")
        ->check(CLI::Range(ui::kSmallestTextScale, ui::kLargestTextScale));
    cli.add_flag("--log-actions", options.log_actions,
                 "Print each presenter action (step changes, play, full screen...) and window size change on stdout");
    cli.add_option("--width", options.width, "Window width in pixels")->check(CLI::Range(640, 7680));
    cli.add_option("--height", options.height, "Window height in pixels")->check(CLI::Range(480, 4320));
    cli.add_option("--mnist-dir", options.mnist_dir,
                   "Folder of MNIST IDX files (train-images-idx3-ubyte[.gz] and the three others) for the digit "
                   "lessons, instead of the digits the set-up installed in data/mnist")
        ->check(CLI::ExistingDirectory);
    cli.add_option("--corpus", options.corpus_file,
                   "Plain-text file (UTF-8) for the word-embedding lesson, instead of the built-in corpus; refused "
                   "with the reason when empty, binary, not UTF-8 or larger than 64 MB")
        ->check(CLI::ExistingFile);
    cli.add_option("--text", options.text_file,
                   "Plain-text file (UTF-8) the transformer learns character by character in the lesson steps that "
                   "train on a text; refused with the reason when empty, binary, not UTF-8 or larger than 16 MB")
        ->check(CLI::ExistingFile);
    cli.add_flag("--gallery", options.gallery, "Show every plot widget on synthetic data");
    cli.add_flag("--layout-check", options.layout_check,
                 "Check the settled screen's layout (content wider than its window, taller without a scrollbar, "
                 "text over text, cut text), print each problem as 'layout: <window>: <problem>' and exit "
                 "non-zero if there is any; with --screenshot, checks the frame it writes");
    std::vector<std::string> clicks, right_clicks;
    const auto point = [](const std::string& text) -> std::string {
        float x = 0, y = 0;
        char extra = 0;
        if (std::sscanf(text.c_str(), "%f,%f%c", &x, &y, &extra) != 2)
            return "expected X,Y in the plane's units, e.g. 0.5,-0.25; got '" + text + "'";
        return {};
    };
    cli.add_option("--click", clicks, "Click on the input plane at X,Y (data units) before the screenshot; repeatable")
        ->check(point);
    cli.add_option("--right-click", right_clicks, "Right-click on the input plane at X,Y (removes a point); repeatable")
        ->check(point);
    std::vector<std::string> strokes;
    cli.add_option("--stroke", strokes,
                   "Draw on the digit canvas before the screenshot, with the mouse: points x,y as fractions 0-1 of "
                   "the canvas (x right, y down), strokes separated by ';', e.g. \"0.3,0.2 0.7,0.2 0.45,0.85\"; "
                   "repeatable")
        ->check([](const std::string& text) { return data::parse_strokes(text).error; });
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);  // prints the reason (or --help) and gives a non-zero code for errors
    }
    for (const auto* list : {&clicks, &right_clicks})
        for (const std::string& text : *list) {
            ui::ScriptedClick c;
            std::sscanf(text.c_str(), "%f,%f", &c.x, &c.y);
            c.right = list == &right_clicks;
            options.clicks.push_back(c);
        }
    for (const std::string& text : strokes) {
        const data::StrokesResult r = data::parse_strokes(text);
        options.strokes.insert(options.strokes.end(), r.strokes->begin(), r.strokes->end());
    }
    return ui::run_app(options);
}
