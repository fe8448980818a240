#include "ui/app.h"

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ui/gl/gl.h"  // before GLFW, so GLFW does not pull in the system GL header
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "lesson/navigator.h"
#include "train/trainer.h"
#include "ui/fonts.h"
#include "ui/gl/canvas.h"
#include "ui/gl/field_view.h"
#include "ui/gl/image_cache.h"
#include "ui/gl/opaque_images.h"
#include "ui/gl/presenter.h"
#include "ui/gl/screenshot.h"
#include "ui/input_queue.h"
#include "ui/panel_layout.h"
#include "ui/shortcuts.h"
#include "ui/layout_check.h"
#include "ui/panels/lesson_sidebar.h"
#include "data/data_paths.h"
#include "ui/panels/panel_table.h"
#include "ui/panels/panels.h"
#include "ui/theme.h"
#include "ui/widgets/plot.h"

namespace ui {

namespace {
using Clock = std::chrono::steady_clock;

// Frames drawn before a screenshot, so that windows have settled their sizes.
constexpr int kSettleFrames = 4;

constexpr float kWindowGap = 6.f;
// Share of the screen a frame may draw again (see gl::Canvas::render): under the software renderer
// of a 2-core machine, about what fits in 16.7 ms beside the trainer (measured: a whole 1600x900
// frame takes 20-25 ms there).
constexpr float kRedrawBudget = 0.4f;
constexpr std::chrono::microseconds kFramePeriod{16667};

void glfw_error(int code, const char* description) { std::fprintf(stderr, "nnscope: GLFW error %d: %s\n", code, description); }

// Files dropped onto the window, kept until the next frame opens them (GLFW calls back on this thread).
std::vector<std::string> g_dropped_files;
void glfw_drop(GLFWwindow*, int count, const char** paths) {
    for (int i = 0; i < count; ++i) g_dropped_files.emplace_back(paths[i]);
}

// The app's state on the UI thread.
class App {
public:
    explicit App(const AppOptions& options) : options_(options), scale_(options.scale) {}
    int run();

private:
    bool open_window();
    void close_window();
    bool open_start_step();
    void apply_step(bool reset_to_preset);
    std::string digits_folder(const std::string& from_lesson) const;
    std::string corpus_path(const std::string& from_lesson) const;
    std::string text_path(const std::string& from_lesson) const;
    std::string lesson_data_path(const std::string& from_lesson) const;
    void frame(std::vector<train::Command>& out);
    void draw_lesson_screen(const train::Snapshot& snap, std::vector<train::Command>& out);
    void layout_panels(const train::Snapshot& snap, ImVec2 origin, ImVec2 size, std::vector<train::Command>& out);
    void handle_keys();
    void perform(Action action);
    void toggle_full_screen();
    void draw_help_overlay();
    void draw_blank_screen();
    void log_action(const char* what);
    void handle_sidebar(const SidebarRequest& r);
    void rebuild_fonts();
    bool play_script(int frame);
    // --frame-stats: how much geometry the frames hand to the renderer.
    void count_triangles(const ImDrawData* dd) {
        for (int i = 0; i < dd->CmdListsCount; ++i) {
            const ImDrawList* l = dd->CmdLists[i];
            const long t = l->IdxBuffer.Size / 3;
            triangles_total_ += t;
            if (t > heaviest_triangles_) {
                heaviest_triangles_ = t;
                heaviest_window_ = l->_OwnerName ? l->_OwnerName : "?";
            }
        }
    }
    bool script_done() const { return next_click_ >= options_.clicks.size() && next_stroke_ >= options_.strokes.size(); }
    bool play_stroke(int frame);
    // Whether this step trains anything (lesson 1's spam neuron alone does not).
    bool step_trains() const { return !panels_.empty() && !(panels_.size() == 1 && panels_[0] == "spam"); }
    // --screenshot and --layout-check: draw until settled, look at one still frame, exit.
    bool still_frame() const { return !options_.screenshot.empty() || options_.layout_check; }

    AppOptions options_;
    float scale_;             // the text size asked for
    float fonts_scale_ = 0;   // the one the fonts are built for: scale_, or less on a small screen
    float scale_in_force() const {
        int w = 0, h = 0;
        if (window_) glfwGetWindowSize(window_, &w, &h);
        return h > 0 ? std::min(scale_, largest_text_scale(float(h))) : scale_;
    }
    GLFWwindow* window_ = nullptr;
    Fonts fonts_;
    bool fonts_dirty_ = false;
    std::unique_ptr<gl::FieldView> field_view_;
    std::unique_ptr<gl::ImageCache> images_;
    std::unique_ptr<gl::OpaqueImages> pictures_;
    std::unique_ptr<gl::Canvas> canvas_;
    std::unique_ptr<gl::Presenter> presenter_;
    std::string startup_error_;  // a shader that failed, a missing font: shown, never fatal

    std::unique_ptr<lesson::Navigator> nav_;
    std::unique_ptr<train::Trainer> trainer_;
    std::uint64_t expected_generation_ = 0;
    std::uint64_t run_command_ = 0;       // the last command that started or stopped training
    bool running_after_command_ = false;  // and whether training runs once it is applied
    std::vector<std::string> panels_;
    lesson::SpamNeuron spam_;
    PanelState panel_state_;
    bool autoplay_ = true;  // off for screenshots and frame statistics, which control training themselves
    std::size_t next_click_ = 0;  // the scripted clicks (--click) played so far
    std::size_t next_stroke_ = 0;  // the scripted strokes (--stroke) drawn so far
    std::uint64_t logged_canvas_ = ~std::uint64_t(0);  // the canvas drawing whose answer was last printed
    std::size_t stroke_point_ = 0;  // the point of that stroke the mouse is at
    int last_scripted_frame_ = -1;
    long triangles_total_ = 0, heaviest_triangles_ = 0;
    std::string heaviest_window_;
    int click_phase_ = 0;

    // Presenting: keys from GLFW's callbacks, the help overlay, the blank screen, full screen.
    InputQueue input_;
    bool help_open_ = false;
    bool blank_ = false;
    bool key_hint_ = true;  // until the teacher has seen the list of keys or used one
    bool full_screen_ = false;
    int windowed_x_ = 0, windowed_y_ = 0, windowed_w_ = 0, windowed_h_ = 0;
    int logged_w_ = 0, logged_h_ = 0;
    SidebarState sidebar_state_;
    std::vector<std::string> fallbacks_;  // this frame's panels with nothing to draw (see PanelFallback)
    float controls_height_ = 0.f;  // the controls bar's content, measured last frame
};

// GLFW's callbacks, installed before ImGui's backend so that it chains them: every event reaches
// both the app's queue and ImGui.
InputQueue* g_input = nullptr;
void on_key(GLFWwindow*, int key, int, int action, int mods) {
    if (!g_input) return;
    g_input->key(key, action, mods);
    if (action != GLFW_REPEAT) g_input->key_state(key, action == GLFW_PRESS);
}
void on_char(GLFWwindow*, unsigned c) {
    if (g_input) g_input->character(c);
}
void on_mouse_button(GLFWwindow* w, int button, int action, int) {
    double x = 0, y = 0;
    glfwGetCursorPos(w, &x, &y);
    if (g_input) g_input->mouse_button(button, action == GLFW_PRESS, ImVec2(float(x), float(y)));
}

// Scripted clicks on the plane (--click, --right-click), played through ImGui's input like a real
// mouse: one frame hovering, one pressed, one released. They start once the window has settled
// and the plane has been drawn, so its position on the screen is known. True on a frame that
// changed the mouse.
bool App::play_script(int frame) {
    if (next_click_ >= options_.clicks.size()) return play_stroke(frame);
    if (frame < kSettleFrames || !panel_state_.plane.valid) return false;
    const ScriptedClick& click = options_.clicks[next_click_];
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = panel_state_.plane.to_screen(click.x, click.y);
    const int button = click.right ? ImGuiMouseButton_Right : ImGuiMouseButton_Left;
    for (bool& down : io.MouseDown) down = false;
    io.MouseDown[button] = click_phase_ == 1;
    if (++click_phase_ == 3) {
        click_phase_ = 0;
        ++next_click_;
    }
    return true;
}

// Scripted strokes on the digit canvas (--stroke), drawn with ImGui's mouse like a hand: a frame
// hovering over the first point, the button pressed there, one frame at each further point, then
// released. A one-point stroke is a dot.
bool App::play_stroke(int frame) {
    if (next_stroke_ >= options_.strokes.size() || frame < kSettleFrames || !panel_state_.canvas.rect_valid) return false;
    const data::Stroke& stroke = options_.strokes[next_stroke_];
    ImGuiIO& io = ImGui::GetIO();
    for (bool& down : io.MouseDown) down = false;
    if (stroke.empty()) {
        ++next_stroke_;
        return false;
    }
    // Phases: 0 hover, 1 press at point 0, then points 1..n-1 pressed, then release.
    if (click_phase_ == 0) {
        io.MousePos = panel_state_.canvas.to_screen(stroke.front());
        click_phase_ = 1;
        stroke_point_ = 0;
    } else if (stroke_point_ < stroke.size()) {
        io.MousePos = panel_state_.canvas.to_screen(stroke[stroke_point_]);
        io.MouseDown[ImGuiMouseButton_Left] = true;
        ++stroke_point_;
    } else {
        click_phase_ = 0;
        ++next_stroke_;
    }
    return true;
}

bool App::open_window() {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::fprintf(stderr, "nnscope: cannot start GLFW (is there a display? under no display, use xvfb-run)\n");
        return false;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    window_ = glfwCreateWindow(options_.width, options_.height, "nnscope", nullptr, nullptr);
    if (!window_) {
        std::fprintf(stderr, "nnscope: cannot open an OpenGL 3.3 window\n");
        glfwTerminate();
        return false;
    }
    glfwMakeContextCurrent(window_);
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fprintf(stderr, "nnscope: cannot load OpenGL 3.3 functions\n");
        return false;
    }
    // Timed runs measure the work of a frame, not the wait for the display's refresh.
    glfwSwapInterval(options_.frame_stats > 0 || still_frame() ? 0 : 1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout comes from the lesson, not a file beside it
    g_input = &input_;
    glfwSetKeyCallback(window_, on_key);
    glfwSetCharCallback(window_, on_char);
    glfwSetMouseButtonCallback(window_, on_mouse_button);
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    glfwSetDropCallback(window_, glfw_drop);  // ImGui's backend installs none: nothing to chain
    ImGui_ImplOpenGL3_Init("#version 330 core");
    std::string warning;
    fonts_scale_ = scale_in_force();
    fonts_ = build_fonts(fonts_scale_, warning);
    if (!warning.empty()) {
        std::fprintf(stderr, "nnscope: %s\n", warning.c_str());
        startup_error_ = warning;
    }
    apply_classroom_style(fonts_scale_);

    canvas_ = std::make_unique<gl::Canvas>();
    presenter_ = std::make_unique<gl::Presenter>(window_);
    field_view_ = std::make_unique<gl::FieldView>();
    images_ = std::make_unique<gl::ImageCache>(*canvas_);
    pictures_ = std::make_unique<gl::OpaqueImages>(*canvas_);
    canvas_->track_callback(field_view_.get(), &field_view_->content_key());
    std::string error;
    if (!field_view_->init(error) || !pictures_->init(error)) {
        std::fprintf(stderr, "nnscope: %s\n", error.c_str());
        startup_error_ = error;
    }
    return true;
}

void App::close_window() {
    field_view_.reset();
    images_.reset();
    pictures_.reset();
    canvas_.reset();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
    g_input = nullptr;
}

void App::rebuild_fonts() {
    std::string warning;
    fonts_scale_ = scale_in_force();
    fonts_ = build_fonts(fonts_scale_, warning);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    apply_classroom_style(fonts_scale_);
    canvas_->invalidate();
    fonts_dirty_ = false;
}

bool App::open_start_step() {
    nav_ = std::make_unique<lesson::Navigator>(lesson::load_lesson_folder(options_.lessons_dir));
    for (const auto& e : nav_->library())
        if (e.result.error) std::fprintf(stderr, "nnscope: %s\n", e.result.error->to_string().c_str());
    if (nav_->library().empty()) {
        std::fprintf(stderr, "nnscope: no lesson files (*.md) in %s\n", options_.lessons_dir.c_str());
        return true;  // the window still opens and says so
    }
    const int count = int(nav_->library().size());
    if (options_.lesson < 1 || options_.lesson > count) {
        std::fprintf(stderr, "nnscope: --lesson %d does not exist: there are %d lessons in %s\n", options_.lesson,
                     count, options_.lessons_dir.c_str());
        return false;
    }
    const auto& entry = nav_->library()[options_.lesson - 1];
    if (!entry.result.lesson) {
        std::fprintf(stderr, "nnscope: lesson %d cannot be opened: %s\n", options_.lesson,
                     entry.result.error->to_string().c_str());
        return false;
    }
    const int steps = int(entry.result.lesson->steps.size());
    if (options_.step < 1 || options_.step > steps) {
        std::fprintf(stderr, "nnscope: --step %d does not exist: lesson %d has %d steps\n", options_.step,
                     options_.lesson, steps);
        return false;
    }
    nav_->open(options_.lesson - 1, options_.step - 1);
    return true;
}

// Opening a step loads its preset. Moving onto a step without one keeps what is on screen, unless
// the teacher asks for the preset in force (jumping in, or Apply preset).
void App::apply_step(bool reset_to_preset) {
    const lesson::Step* step = nav_->step();
    if (!step) return;
    const lesson::Preset* preset = reset_to_preset ? nav_->effective_preset() : (step->has_preset ? &step->preset : nullptr);
    if (!preset) return;
    panels_ = preset->panels;
    if (preset->has_spam) spam_ = preset->spam;
    train::Config config = preset->config;
    if (train::DigitsConfig* digits = config.digits()) digits->data_dir = digits_folder(digits->data_dir);
    if (train::WordsConfig* words = config.words()) words->corpus_file = corpus_path(words->corpus_file);
    if (train::TransformerConfig* tf = config.transformer(); tf && tf->task == data::TextTask::Text)
        tf->text_file = text_path(tf->text_file);
    config.panels = panels_;
    run_command_ = trainer_->send(train::LoadConfig{std::move(config), preset->warmup_steps, preset->play && autoplay_});
    running_after_command_ = preset->play && autoplay_;
    ++expected_generation_;
}

// Where a digits preset's folder is: --mnist-dir overrides the installed digits, a lesson's own
// folder is found like any data file the lessons name (from the repository wherever the app runs).
std::string App::digits_folder(const std::string& from_lesson) const {
    if (!options_.mnist_dir.empty()) return options_.mnist_dir;
    const std::string wanted = from_lesson.empty() ? "data/mnist" : from_lesson;
    for (const std::filesystem::path& root : data::data_roots(NNSCOPE_SOURCE_DIR)) {
        std::error_code ec;
        const std::filesystem::path candidate = std::filesystem::path(wanted).is_absolute() ? std::filesystem::path(wanted) : root / wanted;
        if (std::filesystem::is_directory(candidate, ec)) return candidate.string();
    }
    return wanted;  // the run says what is missing and how to install it
}

// Where a words preset's text is: --corpus overrides every preset (a teacher's own text for the
// whole lesson); a lesson's own file is found like any data file the lessons name.
std::string App::corpus_path(const std::string& from_lesson) const {
    if (!options_.corpus_file.empty()) return options_.corpus_file;
    return lesson_data_path(from_lesson);
}

// The same for the transformer's text: --text overrides every preset that trains on a text.
std::string App::text_path(const std::string& from_lesson) const {
    if (!options_.text_file.empty()) return options_.text_file;
    return lesson_data_path(from_lesson);
}

std::string App::lesson_data_path(const std::string& from_lesson) const {
    if (from_lesson.empty()) return from_lesson;  // the built-in corpus
    for (const std::filesystem::path& root : data::data_roots(NNSCOPE_SOURCE_DIR)) {
        std::error_code ec;
        const std::filesystem::path candidate =
            std::filesystem::path(from_lesson).is_absolute() ? std::filesystem::path(from_lesson) : root / from_lesson;
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    }
    return from_lesson;  // the run says what is wrong with it
}

void App::handle_sidebar(const SidebarRequest& r) {
    switch (r.kind) {
        case SidebarRequest::Kind::None: break;
        case SidebarRequest::Kind::Next:
            if (nav_->next()) apply_step(false);
            log_action("next");
            break;
        case SidebarRequest::Kind::Previous:
            if (nav_->previous()) apply_step(true);
            log_action("previous");
            break;
        case SidebarRequest::Kind::ApplyPreset:
            apply_step(true);
            log_action("apply preset");
            break;
        case SidebarRequest::Kind::OpenLesson:
            if (nav_->open(r.lesson, 0)) apply_step(true);
            log_action("open lesson");
            break;
        case SidebarRequest::Kind::TextBigger:
        case SidebarRequest::Kind::TextSmaller: {
            const float now = scale_in_force();
            scale_ = r.kind == SidebarRequest::Kind::TextBigger
                         ? std::min(next_text_scale(now, +1), largest_text_scale(ImGui::GetIO().DisplaySize.y))
                         : next_text_scale(now, -1);
            fonts_dirty_ = true;
            char what[48];
            std::snprintf(what, sizeof what, "%s %.2f",
                          r.kind == SidebarRequest::Kind::TextBigger ? "text-bigger" : "text-smaller", double(scale_));
            log_action(what);
            break;
        }
    }
}

void App::log_action(const char* what) {
    if (!options_.log_actions) return;
    if (nav_ && nav_->lesson())
        std::printf("action: %s (lesson %d step %d)\n", what, nav_->lesson_index() + 1, nav_->step_index() + 1);
    else
        std::printf("action: %s\n", what);
    std::fflush(stdout);
}

// Every key event since the last frame, in order: a clicker's press and release that both fall
// between two frames still count. Keys typed into a text field are the field's.
void App::handle_keys() {
    const std::vector<KeyEvent> keys = input_.take_keys();
    const ImGuiIO& io = ImGui::GetIO();
    // Keys typed into a text field are the field's; a dialog (the file browser) has the keys too,
    // but for Esc, which closes the help or the blank screen only when no dialog is open.
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    for (const KeyEvent& e : keys) {
        if (e.key == GLFW_KEY_ESCAPE) {
            if (help_open_ || blank_) {
                help_open_ = blank_ = false;
                log_action("escape");
            } else if (full_screen_) {
                toggle_full_screen();
            }
            continue;
        }
        if (const std::optional<Action> a = action_for(e)) perform(*a);
    }
}

void App::perform(Action action) {
    key_hint_ = false;
    // Any key brings the screen back from black; B itself only does that.
    if (blank_) {
        blank_ = false;
        if (action == Action::Blank) {
            log_action("blank off");
            return;
        }
    }
    const train::SnapshotPtr snap = trainer_ ? trainer_->latest() : nullptr;
    const bool trains = step_trains();
    switch (action) {
        case Action::Next: handle_sidebar({SidebarRequest::Kind::Next}); return;  // it logs
        case Action::Previous: handle_sidebar({SidebarRequest::Kind::Previous}); return;  // it logs
        case Action::PlayPause: {
            if (!trains || !snap || snap->state == train::RunState::Diverged) break;
            // Two quick presses toggle twice even when the trainer has not yet answered the first
            // (it runs only on time the window leaves it): until it has, go by what was asked.
            const bool running = snap->commands_applied < run_command_ ? running_after_command_
                                                                        : snap->state == train::RunState::Running;
            run_command_ = running ? trainer_->send(train::Pause{}) : trainer_->send(train::Play{});
            running_after_command_ = !running;
            log_action(running ? "pause" : "play");
            return;
        }
        case Action::Step:
            if (!trains || !snap || snap->state == train::RunState::Diverged) break;
            trainer_->send(train::StepN{1});
            log_action("step");
            return;
        case Action::Reset:
            if (!trains) break;
            trainer_->send(train::Reset{});
            log_action("reset");
            return;
        case Action::FullScreen: toggle_full_screen(); return;
        case Action::Help:
            help_open_ = !help_open_;
            log_action(help_open_ ? "help on" : "help off");
            return;
        case Action::TextBigger: handle_sidebar({SidebarRequest::Kind::TextBigger}); return;  // it logs
        case Action::TextSmaller: handle_sidebar({SidebarRequest::Kind::TextSmaller}); return;  // it logs
        case Action::Blank:
            blank_ = true;
            log_action("blank on");
            return;
    }
    // A training key on a step that trains nothing, or Step while stopped.
    log_action((std::string(action_name(action)) + ": nothing to do here").c_str());
}

// Full screen on the primary monitor at its current video mode; back to the window's old place and
// size after.
void App::toggle_full_screen() {
    if (!full_screen_) {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) {
            log_action("full-screen unavailable");
            return;
        }
        glfwGetWindowPos(window_, &windowed_x_, &windowed_y_);
        glfwGetWindowSize(window_, &windowed_w_, &windowed_h_);
        glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
        full_screen_ = true;
        log_action("full-screen on");
    } else {
        glfwSetWindowMonitor(window_, nullptr, windowed_x_, windowed_y_, windowed_w_, windowed_h_, GLFW_DONT_CARE);
        full_screen_ = false;
        log_action("full-screen off");
    }
    canvas_->invalidate();
}

// The list of keys, over the middle of the screen, from the same table the keys are read with.
void App::draw_help_overlay() {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float fs = ImGui::GetFontSize();
    const auto list = shortcuts();
    float keys_w = 0, what_w = 0;
    for (const Shortcut& k : list) {
        keys_w = std::max(keys_w, ImGui::CalcTextSize(k.keys).x);
        what_w = std::max(what_w, ImGui::CalcTextSize(k.what).x);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = std::min(display.x * 0.96f, keys_w + what_w + fs * 2.f + style.WindowPadding.x * 2.f);
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, display.y * 0.96f));
    ImGui::SetNextWindowBgAlpha(1.f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(24, 27, 34, 255));
    ImGui::Begin("Keys", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts_.heading);
    ImGui::TextUnformatted("Keys for presenting");
    ImGui::PopFont();
    ImGui::Separator();
    const bool two_columns = keys_w + what_w + fs * 2.f <= width - style.WindowPadding.x * 2.f + 0.5f;
    for (const Shortcut& k : list) {
        ImGui::PushFont(fonts_.bold);
        ImGui::TextColored(ImVec4(1.f, 0.85f, 0.3f, 1.f), "%s", k.keys);
        ImGui::PopFont();
        if (two_columns) ImGui::SameLine(keys_w + fs * 2.f);
        ImGui::PushTextWrapPos(0.f);
        ImGui::TextUnformatted(k.what);
        ImGui::PopTextWrapPos();
    }
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedTextColor);
    ImGui::TextWrapped("Keys do nothing while you type in a text field. Esc closes this list.");
    ImGui::PopStyleColor();
    ImGui::End();
}

// Black, over everything, as presentation software does: the class looks at the teacher.
void App::draw_blank_screen() {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 255));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
    ImGui::Begin("Blank", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

// The panels share the area right of the lesson as panel_layout.h describes; each is a child of
// one host window, so that when they do not fit the host scrolls with a visible scrollbar. A panel
// is a title strip and, under it, its content, which scrolls on its own when it is taller.
void App::layout_panels(const train::Snapshot& snap, ImVec2 origin, ImVec2 size, std::vector<train::Command>& out) {
    std::vector<const PanelInfo*> shown;
    for (const std::string& name : panels_)
        if (const PanelInfo* p = find_panel(name)) shown.push_back(p);
    if (shown.empty()) return;
    const float fs = fonts_.base_size;
    const ImGuiStyle& style = ImGui::GetStyle();
    std::vector<PanelSpec> specs;
    for (const PanelInfo* p : shown) specs.push_back({p->weight, p->min_width * fs, p->min_height * fs, fs * 2.f});
    const PanelArrangement arrangement = arrange_panels(specs, size.x, size.y, kWindowGap, style.ScrollbarSize);

    ImGui::SetNextWindowPos(origin);
    ImGui::SetNextWindowSize(size);
    ImGui::SetNextWindowContentSize(ImVec2(0, arrangement.content_height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
    ImGui::Begin("Panels", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings |
                                        (arrangement.scrolls ? 0 : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse));
    ImGui::PopStyleVar(2);

    PanelContext ctx{snap, fonts_, out, *field_view_, *images_, *pictures_, spam_, panel_state_};
    ctx.painting = std::find(panels_.begin(), panels_.end(), "data") != panels_.end();
    const ImU32 title_bg = ImGui::GetColorU32(ImGuiCol_TitleBg);
    const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const PanelRect& r = arrangement.rects[i];
        ImGui::SetCursorPos(ImVec2(r.x, r.y));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::BeginChild(shown[i]->name, ImVec2(r.w, r.h), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        ImGui::PopStyleVar();
        // The title strip, wrapped when the panel is narrow.
        const ImVec2 p0 = ImGui::GetWindowPos();
        const float wrap = r.w - style.FramePadding.x * 2.f;
        const float title_h = ImGui::CalcTextSize(shown[i]->title, nullptr, false, wrap).y + style.FramePadding.y * 2.f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p0, ImVec2(p0.x + r.w, p0.y + title_h), title_bg, style.WindowRounding, ImDrawFlags_RoundCornersTop);
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p0.x + style.FramePadding.x, p0.y + style.FramePadding.y),
                    ImGui::GetColorU32(ImGuiCol_Text), shown[i]->title, nullptr, wrap);
        dl->AddRect(p0, ImVec2(p0.x + r.w, p0.y + r.h), border, style.WindowRounding);
        ImGui::SetCursorPos(ImVec2(1.f, title_h));
        ImGui::BeginChild("content", ImVec2(r.w - 2.f, r.h - title_h - 1.f), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
        if (!startup_error_.empty() && std::string(shown[i]->name) == "plane") {
            ImGui::PushStyleColor(ImGuiCol_Text, kBadColor);
            ImGui::TextWrapped("%s", startup_error_.c_str());
            ImGui::PopStyleColor();
        }
        if (i == 0 && std::string(shown[0]->name) != "spam") MessageBanner(snap);
        ctx.panel = shown[i]->name;
        ctx.fallbacks = &fallbacks_;
        shown[i]->draw(ctx);
        ImGui::EndChild();
        ImGui::EndChild();
    }
    ImGui::End();
}

void App::draw_lesson_screen(const train::Snapshot& snap, std::vector<train::Command>& out) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float fs = fonts_.base_size;
    // The lesson column: about a third of the screen, wider for big text, but never more than
    // two fifths: the panels need the rest.
    const float sidebar_w = std::floor(std::max(display.x * 0.30f, std::min(fs * 15.f, display.x * 0.40f)));
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(sidebar_w, display.y));
    ImGui::Begin("Lesson", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                        ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    const SidebarRequest request = LessonSidebar(*nav_, fonts_, sidebar_state_, key_hint_);
    ImGui::End();

    // The controls bar is as tall as its rows, which wrap on a narrow screen (measured last
    // frame); past two fifths of the screen it scrolls.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float rows = has_scoreboard(snap) ? 3.f : 2.f;
    if (controls_height_ <= 0) controls_height_ = ImGui::GetFrameHeightWithSpacing() * rows - style.ItemSpacing.y;
    const float controls_max = std::floor(display.y * 0.4f);
    const float controls_h = std::min(controls_max, std::ceil(controls_height_ + style.WindowPadding.y * 2.f));
    // Windows keep a few pixels apart so that a change in one never makes the canvas redraw its
    // neighbour (see gl::Canvas).
    const float gap = kWindowGap;
    ImGui::SetNextWindowPos(ImVec2(sidebar_w + gap, 0));
    ImGui::SetNextWindowSize(ImVec2(display.x - sidebar_w - gap, controls_h));
    ImGui::Begin("Controls", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                          ImGuiWindowFlags_NoTitleBar);
    PanelContext ctx{snap, fonts_, out, *field_view_, *images_, *pictures_, spam_, panel_state_};
    const float top = ImGui::GetCursorPosY();
    if (step_trains()) ControlsBar(ctx);
    else ImGui::TextWrapped("No training in this step: the neuron's numbers are yours to change.");
    controls_height_ = ImGui::GetCursorPosY() - top - style.ItemSpacing.y;
    ImGui::End();

    layout_panels(snap, ImVec2(sidebar_w + gap, controls_h + gap),
                  ImVec2(display.x - sidebar_w - gap, display.y - controls_h - gap), out);
    const bool dropped = !g_dropped_files.empty();
    OpenDroppedFiles(ctx, g_dropped_files);
    if (dropped) log_action(("open dropped file: " + panel_state_.csv_message).c_str());
    handle_sidebar(request);
}

void App::frame(std::vector<train::Command>& out) {
    if (options_.gallery) {
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(display);
        ImGui::Begin("Widget gallery", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
        DrawWidgetGallery();
        ImGui::End();
        input_.take_keys();  // the gallery has no lesson to step through: drop them, keep none
        return;
    }
    train::SnapshotPtr snap = trainer_->latest();
    if (!snap) return;
    draw_lesson_screen(*snap, out);
    // What a student typed into a field and entered: the field tests' evidence.
    if (options_.log_actions)
        for (const train::Command& c : out)
            if (const auto* f = std::get_if<train::FamilyCommand>(&c)) {
                if (const auto* e = std::get_if<train::SetExample>(f); e && !e->text.empty())
                    log_action(("example " + e->text).c_str());
                else if (const auto* p = std::get_if<train::SetPrompt>(f))
                    log_action(("prompt " + p->text).c_str());
            }
    if (help_open_) draw_help_overlay();
    if (blank_) draw_blank_screen();
    handle_keys();
}

int App::run() {
    if (!options_.gallery && !open_start_step()) return 2;
    if (!open_window()) return 1;
    autoplay_ = !still_frame() && options_.frame_stats == 0;

    // Leave one core to the window (on a 2-core laptop the trainer's team is a single thread), and
    // let the trainer run only on CPU time the window does not want: frames first, steps after.
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    trainer_ = std::make_unique<train::Trainer>(train::Config{}, train::TrainerOptions{std::max(1, cores - 1), 60.0, true});
    if (!options_.gallery && nav_->step()) {
        apply_step(true);
        const std::uint64_t generation = expected_generation_;
        long target = 0;
        std::uint64_t steps_sent = 0;
        if (options_.train_steps > 0) {
            const lesson::Preset* preset = nav_->effective_preset();
            target = long(preset ? preset->warmup_steps : 0) + options_.train_steps;
            steps_sent = trainer_->send(train::StepN{int(options_.train_steps)});
        }
        // Start-up only: the first frame shows the step as asked, trained as far as asked, or as
        // far as it could (no data to train on pauses the trainer with a warning saying why).
        trainer_->wait_for(
            [&](const train::Snapshot& s) {
                const bool cannot_train = s.commands_applied >= steps_sent && s.state == train::RunState::Paused &&
                                          s.message_kind == train::MessageKind::Warning;
                return s.generation == generation &&
                       (long(s.step) >= target || s.state == train::RunState::Diverged || cannot_train) &&
                       (target == 0 || s.state != train::RunState::Running);
            },
            std::chrono::minutes(10));
    }
    if (options_.frame_stats > 0) {
        trainer_->send(train::SetSpeed{0});
        trainer_->send(train::Play{});
    }

    std::vector<double> frame_ms;
    // Where a frame's time goes: building the interface (panels, ImGui), drawing its lists with
    // OpenGL, presenting the damaged region. A slow frame's cause shows in one of the three.
    std::vector<double> build_ms, draw_ms, present_ms;
    std::uint64_t stats_first_step = 0;
    Clock::time_point stats_start;
    int frames = 0;
    long lists_drawn = 0, lists_total = 0, deferred_total = 0;
    Clock::time_point next_frame = Clock::now();
    int exit_code = 0;
    std::vector<train::Command> out;
    while (!glfwWindowShouldClose(window_)) {
        const auto t0 = Clock::now();
        glfwPollEvents();
        // A window made smaller (leaving full screen, say) may no longer hold the text size.
        if (fonts_dirty_ || scale_in_force() != fonts_scale_) rebuild_fonts();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // A screenshot shows the screen as the lesson lays it out, not whatever the virtual
        // display's cursor happens to hover.
        if (still_frame()) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        const bool scripted = play_script(frames);
        if (!scripted && !still_frame()) input_.apply_mouse(ImGui::GetIO());
        input_.apply_keys(ImGui::GetIO());
        ImGui::NewFrame();
        fallbacks_.clear();
        frame(out);
        ImGui::Render();
        const auto t_built = Clock::now();
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window_, &fb_w, &fb_h);
        if (options_.log_actions && (fb_w != logged_w_ || fb_h != logged_h_)) {
            logged_w_ = fb_w;
            logged_h_ = fb_h;
            std::printf("window: %dx%d\n", fb_w, fb_h);
            std::fflush(stdout);
        }
        // What the network reads on the canvas, each time the answer changes: the stroke test's evidence.
        if (options_.log_actions && panel_state_.canvas.has_answer && panel_state_.canvas.answered_version != logged_canvas_) {
            const CanvasState& c = panel_state_.canvas;
            logged_canvas_ = c.answered_version;
            const auto best = std::size_t(std::max_element(c.probabilities.begin(), c.probabilities.end()) - c.probabilities.begin());
            std::printf("canvas: reads %zu (%.0f%%)\n", best, double(c.probabilities[best]) * 100.0);
            std::fflush(stdout);
        }
        // Where a test's mouse finds the Next button (and the example field), once the layout has settled.
        if (options_.log_actions && frames == kSettleFrames) {
            std::printf("next button: %.0f,%.0f\n", double(sidebar_state_.next_button.x), double(sidebar_state_.next_button.y));
            const ImVec2 field = panel_state_.transformer.example_field;
            if (field.x >= 0) std::printf("example field: %.0f,%.0f\n", double(field.x), double(field.y));
            std::fflush(stdout);
        }
        // A screenshot must show every window as it is now, so nothing waits for the next frame.
        const float budget = still_frame() ? 1.f : kRedrawBudget;
        const gl::CanvasStats drawn =
            canvas_->render(ImGui::GetDrawData(), fb_w, fb_h, ImVec4(kBackground.x, kBackground.y, kBackground.z, 1.f),
                            ImGui::GetIO().Fonts->TexID, presenter_->keeps_back_buffer(), budget);
        const auto t_drawn = Clock::now();
        deferred_total += drawn.deferred;
        images_->end_frame();
        lists_drawn += drawn.redrawn;
        lists_total += drawn.lists;
        if (options_.frame_stats > 0) count_triangles(ImGui::GetDrawData());
        ++frames;
        if (scripted) {
            // Let the trainer apply what the scripted input sent before the next frame draws.
            const std::uint64_t seen = trainer_->latest() ? trainer_->latest()->version : 0;
            for (train::Command& c : out) trainer_->send(std::move(c));
            if (!out.empty())
                trainer_->wait_for([&](const train::Snapshot& snap) { return snap.version > seen; }, std::chrono::seconds(5));
            out.clear();
        }
        if (scripted) last_scripted_frame_ = frames;
        // After a script, one more frame with the mouse gone: a screenshot shows no hover marks.
        if (still_frame() && frames >= kSettleFrames && script_done() && frames > last_scripted_frame_ + 1) {
            // Panels that had nothing to draw in the frame looked at: the GUI tests read these.
            for (const std::string& f : fallbacks_) std::fprintf(stderr, "fallback: %s\n", f.c_str());
            std::string error;
            if (!options_.screenshot.empty()) {
                if (gl::write_screenshot(options_.screenshot, fb_w, fb_h, error)) {
                    std::printf("nnscope: wrote %s (%dx%d)\n", options_.screenshot.c_str(), fb_w, fb_h);
                } else {
                    std::fprintf(stderr, "nnscope: %s\n", error.c_str());
                    exit_code = 1;
                }
            }
            // The frame just drawn (and written) is the one checked: its windows and draw lists.
            if (options_.layout_check) {
                const std::vector<LayoutProblem> problems = check_layout();
                for (const LayoutProblem& p : problems) std::fprintf(stderr, "layout: %s\n", to_string(p).c_str());
                if (problems.empty()) std::fprintf(stderr, "layout: no problems\n");
                else exit_code = 1;
            }
            break;
        }
        const auto t_present = Clock::now();
        presenter_->present(drawn.damage, drawn.full, fb_w, fb_h);
        const auto t_done = Clock::now();
        const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
        const double work_ms = ms(t_done - t0);
        if (presenter_->keeps_back_buffer() || options_.frame_stats > 0) {
            // Nothing waits for the display's refresh here, so keep to 60 frames a second by hand.
            // Frame statistics keep the same pace: a frame's cost is measured as a student gets it,
            // with a new snapshot from the trainer in nearly every frame.
            next_frame = std::max(next_frame + kFramePeriod, Clock::now() - kFramePeriod);
            std::this_thread::sleep_until(next_frame);
        }
        for (train::Command& c : out) trainer_->send(std::move(c));
        out.clear();

        if (options_.frame_stats > 0) {
            // The first frames build font textures and shaders; time the steady state after them.
            if (frames == kSettleFrames) {
                stats_start = Clock::now();
                stats_first_step = trainer_->latest() ? trainer_->latest()->step : 0;
            } else if (frames > kSettleFrames) {
                frame_ms.push_back(work_ms);
                build_ms.push_back(ms(t_built - t0));
                draw_ms.push_back(ms(t_drawn - t_built));
                present_ms.push_back(ms(t_done - t_present));
                if (int(frame_ms.size()) == options_.frame_stats) break;
            }
        }
    }

    if (options_.frame_stats > 0 && !frame_ms.empty()) {
        const double seconds = std::chrono::duration<double>(Clock::now() - stats_start).count();
        const auto snap = trainer_->latest();
        const double steps_per_s = snap ? double(snap->step - stats_first_step) / seconds : 0.0;
        std::vector<double> sorted = frame_ms;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) { return sorted[std::min(sorted.size() - 1, std::size_t(q * double(sorted.size())))]; };
        const auto late = std::count_if(sorted.begin(), sorted.end(), [](double ms) { return ms > 1000.0 / 60.0; });
        std::printf("frame time over %zu frames while training: median %.2f ms, p99 %.2f ms, max %.2f ms "
                    "(%.0f frames/s, %ld over 16.7 ms); trainer %.0f steps/s\n",
                    sorted.size(), at(0.5), at(0.99), sorted.back(), double(sorted.size()) / seconds, long(late), steps_per_s);
        const auto p99_of = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[std::min(v.size() - 1, std::size_t(0.99 * double(v.size())))];
        };
        const auto median_of = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return v[v.size() / 2];
        };
        std::printf("of which, median / p99: building the interface %.2f / %.2f ms, drawing it %.2f / %.2f ms, "
                    "presenting %.2f / %.2f ms\n",
                    median_of(build_ms), p99_of(build_ms), median_of(draw_ms), p99_of(draw_ms), median_of(present_ms),
                    p99_of(present_ms));
        std::printf("presenting by %s; %.0f%% of the windows' draw lists were drawn again per frame, %.2f per frame "
                    "waited a frame\n",
                    presenter_->mode(), lists_total ? 100.0 * double(lists_drawn) / double(lists_total) : 0.0,
                    double(deferred_total) / std::max(1, frames));
        std::printf("triangles per frame: %.0f on average; the most of one window: %s, %.0f\n",
                    double(triangles_total_) / std::max(1, frames), heaviest_window_.c_str(), double(heaviest_triangles_));
        if (presenter_->keeps_back_buffer()) {
            // The last frame was repaired from the ones before it; draw it again whole and compare.
            int fb_w = 0, fb_h = 0;
            glfwGetFramebufferSize(window_, &fb_w, &fb_h);
            // Windows that waited are drawn first, within the same repair: then none is stale.
            canvas_->render(ImGui::GetDrawData(), fb_w, fb_h, ImVec4(kBackground.x, kBackground.y, kBackground.z, 1.f),
                            ImGui::GetIO().Fonts->TexID, true, 1.f);
            const std::vector<unsigned char> repaired = gl::read_back_buffer(fb_w, fb_h);
            canvas_->invalidate();
            canvas_->render(ImGui::GetDrawData(), fb_w, fb_h, ImVec4(kBackground.x, kBackground.y, kBackground.z, 1.f),
                            ImGui::GetIO().Fonts->TexID, true);
            const std::vector<unsigned char> whole = gl::read_back_buffer(fb_w, fb_h);
            long differ = 0;
            for (std::size_t i = 0; i + 2 < whole.size(); i += 3)
                differ += whole[i] != repaired[i] || whole[i + 1] != repaired[i + 1] || whole[i + 2] != repaired[i + 2];
            std::printf("repaired frame against a whole redraw: %ld of %ld pixels differ\n", differ, long(whole.size() / 3));
            if (differ > 0) exit_code = 1;
        }
    }
    trainer_.reset();
    close_window();
    return exit_code;
}
}  // namespace

int run_app(const AppOptions& options) {
    App app(options);
    return app.run();
}

}  // namespace ui
