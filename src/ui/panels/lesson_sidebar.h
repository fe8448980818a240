#pragma once
#include "lesson/navigator.h"
#include "ui/fonts.h"

namespace ui {

// What the teacher asked the sidebar for this frame.
struct SidebarRequest {
    enum class Kind { None, Next, Previous, ApplyPreset, OpenLesson, TextBigger, TextSmaller } kind = Kind::None;
    int lesson = -1;  // for OpenLesson
};

// The lesson list (broken files shown with their error), the current step's prose and prompts,
// and Previous / Next.
SidebarRequest LessonSidebar(const lesson::Navigator& nav, const Fonts& fonts);

}  // namespace ui
