// Real X key events, sent with xdotool to the app under Xvfb the way a presenter's clicker sends
// them: a press and a release 1 ms apart, many between two frames. The app logs what each key did
// (--log-actions); these tests read the log.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Runs drive_keys.sh under its own virtual screen and returns the app's log lines.
std::vector<std::string> drive(const std::string& app_args, const std::vector<std::string>& bursts) {
    std::string cmd = std::string(XVFB_RUN) + " -a -s '-screen 0 1600x900x24' " + DRIVE_KEYS + " " + NNSCOPE_EXE +
                      " '" + app_args + "'";
    for (const std::string& b : bursts) cmd += " '" + b + "'";
    cmd += " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string out;
    std::array<char, 512> buf{};
    while (fgets(buf.data(), int(buf.size()), pipe.get())) out += buf.data();
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> actions(const std::vector<std::string>& log) {
    std::vector<std::string> a;
    for (const std::string& l : log)
        if (l.rfind("action: ", 0) == 0 || l.rfind("window: ", 0) == 0) a.push_back(l);  // not "next button: x,y"
    return a;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const std::string& l : lines) s += l + "\n";
    return s;
}

}  // namespace

TEST_CASE("GUI keys: 24 clicker presses faster than the frame rate all arrive, in order") {
    // N: PageDown (X calls it "Next"), P: PageUp ("Prior"). The walk stays inside lesson 2's 5 steps.
    const std::string bursts[] = {"NNNNPNPPNNPP", "PNPPNPNNPPNP"};
    std::vector<std::string> want = {"window: 1600x900"};
    std::vector<std::string> keys;
    int step = 1;
    for (const std::string& burst : bursts) {
        std::string names;
        for (char k : burst) {
            const bool next = k == 'N';
            names += next ? "Next " : "Prior ";
            step += next ? 1 : -1;
            REQUIRE((step >= 1 && step <= 5));
            want.push_back(std::string("action: ") + (next ? "next" : "previous") + " (lesson 2 step " +
                           std::to_string(step) + ")");
        }
        keys.push_back(names);
    }
    const std::vector<std::string> log = drive("--lesson 2 --step 1", keys);
    INFO(joined(log));
    CHECK(actions(log) == want);
}

TEST_CASE("GUI keys: every key in the help overlay does what it says") {
    const std::vector<std::string> log = drive(
        "--lesson 3 --step 5 --width 1280 --height 720",
        {"Right", "Down", "Left", "Up", "Next", "Prior",  // next / previous steps
         "space", "space",                               // pause (the step starts playing), play
         "period", "s",                                  // one step each
         "r",                                            // reset
         "plus", "minus",                                // text size
         "b", "b",                                       // blank, and back
         "F1", "question",                               // help on, off
         "F11", "f"});                                   // full screen on, off
    INFO(joined(log));
    const std::vector<std::string> want = {
        "window: 1280x720",
        "action: next (lesson 3 step 6)",
        "action: next (lesson 3 step 7)",
        "action: previous (lesson 3 step 6)",
        "action: previous (lesson 3 step 5)",
        "action: next (lesson 3 step 6)",
        "action: previous (lesson 3 step 5)",
        "action: pause (lesson 3 step 5)",
        "action: play (lesson 3 step 5)",
        "action: step (lesson 3 step 5)",
        "action: step (lesson 3 step 5)",
        "action: reset (lesson 3 step 5)",
        "action: text-bigger 1.15 (lesson 3 step 5)",
        "action: text-smaller 1.00 (lesson 3 step 5)",
        "action: blank on (lesson 3 step 5)",
        "action: blank off (lesson 3 step 5)",
        "action: help on (lesson 3 step 5)",
        "action: help off (lesson 3 step 5)",
        "action: full-screen on (lesson 3 step 5)",
        "window: 1600x900",
        "action: full-screen off (lesson 3 step 5)",
        "window: 1280x720",
    };
    CHECK(actions(log) == want);
}

TEST_CASE("GUI clicks: eight clicks on Next, 1 ms apart, are eight steps") {
    const std::vector<std::string> log = drive("--lesson 3 --step 1", {"click:8"});
    INFO(joined(log));
    std::vector<std::string> want = {"window: 1600x900"};
    for (int step = 2; step <= 8; ++step) want.push_back("action: next (lesson 3 step " + std::to_string(step) + ")");
    want.push_back("action: next (lesson 4 step 1)");  // past the last step, the next lesson
    CHECK(actions(log) == want);
}

TEST_CASE("GUI keys: a sum typed into lesson 8's example field and entered with a quick Ctrl+A and Enter is traced") {
    // Ctrl+A, the characters and Enter each pressed and released 1 ms apart, faster than the frame
    // rate: ImGui reads keys once a frame, so each change is handed to it a frame at a time.
    const std::vector<std::string> log =
        drive("--lesson 8 --step 4", {"clickon:example field", "ctrl+a", "type:45+38=83.", "Return"});
    INFO(joined(log));
    const std::vector<std::string> want = {"window: 1600x900", "action: example 45+38=83. (lesson 8 step 4)"};
    CHECK(actions(log) == want);
}
