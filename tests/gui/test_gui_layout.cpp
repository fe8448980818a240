// Every step of lessons 1-6 at the projector sizes a class meets (1024x768, 1280x720) and at the
// largest text size (--scale 2, also at 1600x900): the app, run with --layout-check, must find no
// window wider than its area, none taller without a scrollbar, no text over text and no cut text
// (see src/ui/layout_check.h and the README's "Tests"). One test case per lesson and size, so that
// ctest runs them side by side; each failing step lists the problems the app printed.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lesson/lesson.h"

namespace {

struct Size {
    int width, height;
    float scale;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The "layout: ..." lines of a log, or the whole log if it has none (the app did not get as far).
std::string layout_lines(const std::string& log) {
    std::string lines, line;
    std::istringstream in(log);
    while (std::getline(in, line))
        if (line.rfind("layout: ", 0) == 0) lines += line + "\n";
    return lines.empty() ? log : lines;
}

void check_lesson(int lesson_number, Size size) {
    const auto library = lesson::load_lesson_folder(std::string(NNSCOPE_SOURCE_DIR) + "/lessons");
    REQUIRE(int(library.size()) >= lesson_number);
    const auto& entry = library[std::size_t(lesson_number - 1)];
    REQUIRE_MESSAGE(entry.result.lesson, (entry.result.error ? entry.result.error->to_string() : std::string()));
    const int steps = int(entry.result.lesson->steps.size());
    char size_name[64];
    std::snprintf(size_name, sizeof size_name, "%dx%d-scale%.1f", size.width, size.height, double(size.scale));
    const std::string dir = std::string(SCREENSHOT_DIR) + "/layout/" + size_name;
    std::filesystem::create_directories(dir);
    for (int step = 1; step <= steps; ++step) {
        const std::string base = dir + "/lesson" + std::to_string(lesson_number) + "-step" + std::to_string(step);
        const std::string png = base + ".png", log = base + ".log";
        char args[256];
        std::snprintf(args, sizeof args, " --lesson %d --step %d --train-steps 30 --width %d --height %d --scale %.2f",
                      lesson_number, step, size.width, size.height, double(size.scale));
        const std::string cmd = std::string(XVFB_RUN) + " -a -s '-screen 0 " + std::to_string(size.width) + "x" +
                                std::to_string(size.height) + "x24' " + NNSCOPE_EXE + args +
                                " --layout-check --screenshot " + png + " > " + log + " 2>&1";
        int rc = std::system(cmd.c_str());
        std::string text = read_file(log);
        if (rc != 0 && text.find("layout: ") == std::string::npos) {
            // The app never reached its first frame (an Xvfb start-up race between parallel tests): once more.
            MESSAGE("no layout report, running again: ", text);
            rc = std::system(cmd.c_str());
            text = read_file(log);
        }
        if (rc != 0)
            FAIL_CHECK("lesson ", lesson_number, " step ", step, " at ", size_name, " (screenshot ", png, "):\n",
                       layout_lines(text));
        else  // exit code 0 alone would also pass if the check had not run
            CHECK_MESSAGE(text.find("layout: no problems") != std::string::npos, "the check did not run: ", cmd, "\n", text);
    }
}

constexpr Size k1024{1024, 768, 1.f}, k1280{1280, 720, 1.f};
// The largest text size the app offers.
constexpr Size k1600Large{1600, 900, 2.f}, k1280Large{1280, 720, 2.f}, k1024Large{1024, 768, 2.f};

// Runs the app with these arguments and --layout-check; the exit code, and the log in `log`.
int run_check(const std::string& args, const std::string& name, std::string& log) {
    const std::string dir = std::string(SCREENSHOT_DIR) + "/layout";
    std::filesystem::create_directories(dir);
    const std::string cmd = std::string(XVFB_RUN) + " -a -s '-screen 0 1600x900x24' " + NNSCOPE_EXE + " " + args +
                            " --layout-check --screenshot " + dir + "/" + name + ".png > " + dir + "/" + name +
                            ".log 2>&1";
    const int rc = std::system(cmd.c_str());
    log = read_file(dir + "/" + name + ".log");
    return rc;
}

}  // namespace

// The check in the real app, both ways: the widget gallery fits a 1600x900 screen at the default
// text size, and the same gallery squeezed into 640x480 (at the largest text size it allows) does not.
TEST_CASE("GUI layout: the check passes a screen that fits and fails one that does not") {
    std::string log;
    CHECK_MESSAGE(run_check("--gallery --width 1600 --height 900", "gallery-fits", log) == 0, log);
    CHECK_MESSAGE(log.find("layout: no problems") != std::string::npos, log);
    CHECK_MESSAGE(run_check("--gallery --width 640 --height 480 --scale 2", "gallery-squeezed", log) != 0, log);
    CHECK_MESSAGE(log.find("layout: Widget gallery: ") != std::string::npos, log);
}

#define LAYOUT_CASES(lesson)                                                                                             \
    TEST_CASE("GUI layout: lesson " #lesson " at 1024x768") { check_lesson(lesson, k1024); }                             \
    TEST_CASE("GUI layout: lesson " #lesson " at 1280x720") { check_lesson(lesson, k1280); }                             \
    TEST_CASE("GUI layout: lesson " #lesson " at 1600x900 with the largest text") { check_lesson(lesson, k1600Large); }  \
    TEST_CASE("GUI layout: lesson " #lesson " at 1280x720 with the largest text") { check_lesson(lesson, k1280Large); }  \
    TEST_CASE("GUI layout: lesson " #lesson " at 1024x768 with the largest text") { check_lesson(lesson, k1024Large); }

LAYOUT_CASES(1)
LAYOUT_CASES(2)
LAYOUT_CASES(3)
LAYOUT_CASES(4)
LAYOUT_CASES(5)
LAYOUT_CASES(6)
LAYOUT_CASES(7)
LAYOUT_CASES(8)
LAYOUT_CASES(9)
