// The layout check (ui/layout_check.h) on headless ImGui frames: it must find content wider than
// its window, content taller than a window without a scrollbar, text over text and cut text, and
// stay silent on a well-behaved screen (wrapped paragraphs, text set side by side, halo text,
// a scrolling list, lines drawn across text, a tooltip over a window).
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/layout_check.h"

namespace {

// Draws `content` for a few frames in a fresh ImGui context without a renderer (like the app, the
// layout settles over frames), then checks the last one.
std::vector<ui::LayoutProblem> check(const std::function<void()>& content, const ui::LayoutCheckOptions& options = {},
                                     ImVec2 display = ImVec2(800, 600)) {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    io.DeltaTime = 1.f / 60.f;
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    io.Fonts->AddFontDefault();
    ImFontConfig big;
    big.SizePixels = 26.f;
    io.Fonts->AddFontDefault(&big);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    std::vector<ui::LayoutProblem> problems;
    for (int frame = 0; frame < 4; ++frame) {
        ImGui::NewFrame();
        content();
        ImGui::Render();
    }
    problems = ui::check_layout(options);
    ImGui::DestroyContext(ctx);
    return problems;
}

std::string all(const std::vector<ui::LayoutProblem>& problems) {
    std::string s;
    for (const auto& p : problems) s += ui::to_string(p) + "\n";
    return s;
}

bool any(const std::vector<ui::LayoutProblem>& problems, const std::string& window, const std::string& part) {
    for (const auto& p : problems)
        if (p.window == window && p.what.find(part) != std::string::npos) return true;
    return false;
}

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;

void begin(const char* name, ImVec2 pos, ImVec2 size, ImGuiWindowFlags flags = 0) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixed | flags);
}

// A screen that fits: what the checker must not complain about.
void well_behaved() {
    begin("Lesson", ImVec2(0, 0), ImVec2(300, 600), ImGuiWindowFlags_NoTitleBar);
    ImGui::TextWrapped("A long paragraph of lesson prose wraps inside its column, line under line, and none of "
                       "its lines touches the next one, however many lines it takes to say what it says.");
    ImGui::Text("loss");
    ImGui::SameLine(0, 0);
    ImGui::Text("0.125");  // set right after another text: touching, not over it
    ImGui::Button("Next");
    ImGui::SameLine();
    ImGui::Button("Previous");
    ImGui::BeginChild("list", ImVec2(0, 200), true);  // more rows than fit, with a scrollbar
    for (int i = 0; i < 40; ++i) ImGui::Text("row %d of a list that scrolls", i);
    ImGui::EndChild();
    ImGui::End();

    begin("Plot", ImVec2(306, 0), ImVec2(494, 600));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    // A label with a dark halo: eight copies a pixel apart, then the label itself.
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            dl->AddText(ImVec2(p.x + 20 + float(dx), p.y + 20 + float(dy)),
                        dx || dy ? IM_COL32(0, 0, 0, 255) : IM_COL32_WHITE, "halo label");
    // Thick anti-aliased lines and circles across text (their UVs come from the atlas too).
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 60));
    ImGui::Text("a line crosses this text");
    for (int i = 0; i < 6; ++i) {
        dl->AddLine(ImVec2(p.x, p.y + 55 + 4.f * float(i)), ImVec2(p.x + 300, p.y + 70 + 3.f * float(i)),
                    IM_COL32(255, 0, 0, 255), 1.f + float(i));
        dl->AddCircle(ImVec2(p.x + 60 + 20.f * float(i), p.y + 66), 9.f, IM_COL32(0, 255, 0, 255), 0, 2.f);
    }
    ImGui::PushFont(ImGui::GetIO().Fonts->Fonts[1]);
    ImGui::Text("Big text");
    ImGui::PopFont();
    ImGui::End();

    // A tooltip over the windows is not part of the layout.
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::BeginTooltip();
    ImGui::Text("a tooltip drawn over the lesson text");
    ImGui::EndTooltip();
}

}  // namespace

TEST_CASE("layout check: a screen that fits has no problems") {
    const auto problems = check(well_behaved);
    CHECK_MESSAGE(problems.empty(), all(problems));
}

TEST_CASE("layout check: content wider than its window is reported, scrollbar or not") {
    const auto problems = check([] {
        begin("Controls", ImVec2(0, 0), ImVec2(300, 120));
        for (int i = 0; i < 8; ++i) {
            if (i) ImGui::SameLine();
            ImGui::PushID(i);
            ImGui::Button("Button");
            ImGui::PopID();
        }
        ImGui::End();
        begin("Sideways", ImVec2(0, 200), ImVec2(300, 200), ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::Text("a line much longer than the window is wide, so that it scrolls sideways");
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "Controls", "wider than the window"), all(problems));
    CHECK_MESSAGE(any(problems, "Sideways", "wider than the window"), all(problems));
    CHECK_MESSAGE(any(problems, "Sideways", "scrolls sideways"), all(problems));
}

TEST_CASE("layout check: content taller than a window is reported only without a scrollbar") {
    const auto rows = [] {
        for (int i = 0; i < 30; ++i) ImGui::Text("row %d", i);
    };
    const auto problems = check([&] {
        begin("Clipped", ImVec2(0, 0), ImVec2(300, 200), ImGuiWindowFlags_NoScrollbar);
        rows();
        ImGui::End();
        begin("Scrolls", ImVec2(310, 0), ImVec2(300, 200));
        rows();
        ImGui::End();
        begin("Parent", ImVec2(0, 300), ImVec2(300, 200));
        ImGui::BeginChild("box", ImVec2(0, 120), true, ImGuiWindowFlags_NoScrollbar);
        rows();
        ImGui::EndChild();
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "Parent/box", "taller than the window"), all(problems));
    CHECK_MESSAGE(any(problems, "Clipped", "taller than the window"), all(problems));
    CHECK_MESSAGE(!any(problems, "Scrolls", "taller"), all(problems));
}

TEST_CASE("layout check: text drawn over text is reported with both strings") {
    const auto problems = check([] {
        begin("Panel", ImVec2(0, 0), ImVec2(400, 300));
        const ImVec2 at = ImGui::GetCursorPos();
        ImGui::Text("Hello there");
        ImGui::SetCursorPos(ImVec2(at.x + 8, at.y + 2));
        ImGui::Text("World");
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "Panel", "\"Hello there\""), all(problems));
    CHECK_MESSAGE(any(problems, "Panel", "\"World\""), all(problems));
}

TEST_CASE("layout check: a row of buttons too wide and two overlapping texts, in one window, are both reported") {
    const auto problems = check([] {
        begin("Build the network", ImVec2(0, 0), ImVec2(260, 300));
        ImGui::Button("width -");
        ImGui::SameLine();
        ImGui::Button("width +");
        ImGui::SameLine();
        ImGui::Button("add layer");
        ImGui::SameLine();
        ImGui::Button("remove layer");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        dl->AddText(p, IM_COL32_WHITE, "-1.5");
        dl->AddText(ImVec2(p.x + 14, p.y), IM_COL32_WHITE, "-1");  // tick labels drawn over each other
        ImGui::Dummy(ImVec2(100, 20));
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "Build the network", "wider than the window"), all(problems));
    CHECK_MESSAGE(any(problems, "Build the network", "\"-1.5\""), all(problems));
    CHECK_MESSAGE(any(problems, "Build the network", "overlaps text \"-1\""), all(problems));
}

TEST_CASE("layout check: text over text in another window's drawing is reported") {
    const auto problems = check([] {
        begin("Panel", ImVec2(0, 0), ImVec2(400, 300), ImGuiWindowFlags_NoTitleBar);
        ImGui::Text("The text of a panel");
        const ImVec2 p = ImGui::GetItemRectMin();
        ImGui::End();
        ImGui::GetForegroundDrawList()->AddText(ImVec2(p.x + 30, p.y + 3), IM_COL32_WHITE, "an overlay");
    });
    CHECK_MESSAGE(any(problems, "Panel", "\"The text of a panel\""), all(problems));
}

TEST_CASE("layout check: text cut by a window's edge is reported when the window does not scroll") {
    const auto draw = [](const char* name, ImVec2 pos, ImGuiWindowFlags flags) {
        begin(name, pos, ImVec2(300, 100), flags);
        // Drawn straight into the window (no layout item): half of it below the window's bottom.
        const ImVec2 w = ImGui::GetWindowPos();
        ImGui::GetWindowDrawList()->AddText(ImVec2(w.x + 20, w.y + 100 - 8), IM_COL32_WHITE, "half hidden");
        ImGui::End();
    };
    const auto problems = check([&] {
        draw("Fixed", ImVec2(0, 0), ImGuiWindowFlags_NoScrollbar);
        draw("Scrolled", ImVec2(0, 200), ImGuiWindowFlags_AlwaysVerticalScrollbar);
    });
    CHECK_MESSAGE(any(problems, "Fixed", "\"half hidden\""), all(problems));
    CHECK_MESSAGE(any(problems, "Fixed", "bottom edge"), all(problems));
    CHECK_MESSAGE(!any(problems, "Scrolled", "half hidden"), all(problems));
}

TEST_CASE("layout check: a window title cut short is reported") {
    const auto problems = check([] {
        begin("How much each layer learns: gradient size by layer", ImVec2(0, 0), ImVec2(150, 100));
        ImGui::Text("ok");
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "How much each layer learns: gradient size by layer", "title is cut off"), all(problems));
}

TEST_CASE("layout check: halo copies of a label cut differently by a clip rectangle are one text") {
    ui::LayoutCheckOptions options;
    options.check_cut_text = false;  // the clip rectangle does cut the label: not what this test is about
    const auto problems = check(
        [] {
            begin("Plot", ImVec2(0, 0), ImVec2(400, 300));
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const ImVec2 p = ImGui::GetCursorScreenPos();
            // The clip rectangle ends just inside the letter "e": the copies drawn a pixel to the
            // right lose it (ImGui drops glyphs that start past the clip rectangle), the others keep
            // a sliver of it, so the copies are not all the same string.
            const float cut = p.x + 20 + ImGui::CalcTextSize("halo lab").x + ImGui::GetFont()->FindGlyph('e')->X0 + 0.5f;
            dl->PushClipRect(ImVec2(p.x, p.y), ImVec2(cut, p.y + 100), true);
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    dl->AddText(ImVec2(p.x + 20 + float(dx), p.y + 40 + float(dy)),
                                dx || dy ? IM_COL32(0, 0, 0, 255) : IM_COL32_WHITE, "halo label");
            dl->PopClipRect();
            ImGui::End();
        },
        options);
    CHECK_MESSAGE(problems.empty(), all(problems));
}

TEST_CASE("layout check: a window beyond the screen's edge or over another window is reported") {
    const auto problems = check([] {
        begin("Left", ImVec2(0, 0), ImVec2(420, 300));
        ImGui::Text("left");
        ImGui::End();
        begin("Right", ImVec2(400, 0), ImVec2(420, 300));  // over "Left" by 20 px, past the 800 px screen by 20
        ImGui::Text("right");
        ImGui::End();
    });
    CHECK_MESSAGE(any(problems, "Left", "overlaps window Right by 20 x 300 px"), all(problems));
    CHECK_MESSAGE(any(problems, "Right", "20 px beyond the right edge of the screen"), all(problems));
}

TEST_CASE("layout check: many overlaps in one window are listed up to a limit, then counted") {
    const auto draw = [] {
        begin("Ticks", ImVec2(0, 0), ImVec2(400, 300));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        for (int i = 0; i < 13; ++i)  // 12 neighbouring pairs overlap
            dl->AddText(ImVec2(p.x + 14.f * float(i), p.y), IM_COL32_WHITE, "1.75");  // "1." of each over "75" of the last
        ImGui::End();
    };
    ui::LayoutCheckOptions options;
    options.max_per_window = 5;
    const auto limited = check(draw, options);
    options.max_per_window = 0;
    const auto every = check(draw, options);
    REQUIRE_MESSAGE(every.size() >= 12, all(every));
    CHECK_MESSAGE(limited.size() == 6, all(limited));
    CHECK_MESSAGE(any(limited, "Ticks", "... and " + std::to_string(every.size() - 5) + " more pairs of overlapping text"),
                  all(limited));
}
