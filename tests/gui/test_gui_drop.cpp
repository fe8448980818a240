// Files dropped onto the window through XDND, the way a file manager drops them, with the app
// started outside the repository: a CSV of points opens, anything else is refused with a message.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <string>

namespace {

// Runs drop_files.sh under its own virtual screen and returns the app's log.
std::string drop(const std::string& app_args, const std::string& files) {
    const std::string cmd = std::string(XVFB_RUN) + " -a -s '-screen 0 1280x720x24' " + DROP_FILES + " " + XDND_DROP +
                            " " + NNSCOPE_EXE + " '" + app_args + "' " + files + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string out;
    std::array<char, 512> buf{};
    while (fgets(buf.data(), int(buf.size()), pipe.get())) out += buf.data();
    return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("GUI drop: a dropped CSV of points opens, a picture and a folder get told why not") {
    const std::string repo = NNSCOPE_SOURCE_DIR;
    const std::string log = drop("--lesson 3 --step 8 --width 1280 --height 720",
                                 "'" + repo + "/assets/points/ring.csv' '" + repo + "/README.md' '" + repo + "/assets'");
    CAPTURE(log);
    CHECK(contains(log, "action: open dropped file: Loaded 140 points from ring.csv."));
    CHECK(contains(log, "action: open dropped file: README.md is not a CSV file of points"));
    CHECK(contains(log, "action: open dropped file: assets is a folder"));
    CHECK_FALSE(contains(log, "drop_files:"));  // every drop was taken and finished
}
