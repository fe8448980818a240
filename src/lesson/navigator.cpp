#include "lesson/navigator.h"

namespace lesson {

const Lesson* Navigator::lesson() const {
    if (lesson_ < 0 || lesson_ >= int(library_.size())) return nullptr;
    const auto& r = library_[lesson_].result;
    return r.lesson ? &*r.lesson : nullptr;
}

const Step* Navigator::step() const {
    const Lesson* l = lesson();
    if (!l || step_ < 0 || step_ >= int(l->steps.size())) return nullptr;
    return &l->steps[step_];
}

bool Navigator::open(int lesson_index, int step_index) {
    if (lesson_index < 0 || lesson_index >= int(library_.size())) return false;
    const auto& r = library_[lesson_index].result;
    if (!r.lesson || step_index < 0 || step_index >= int(r.lesson->steps.size())) return false;
    lesson_ = lesson_index;
    step_ = step_index;
    return true;
}

int Navigator::neighbour_lesson(int from, int direction) const {
    for (int i = from + direction; i >= 0 && i < int(library_.size()); i += direction)
        if (library_[i].result.lesson && !library_[i].result.lesson->steps.empty()) return i;
    return -1;
}

bool Navigator::can_next() const {
    const Lesson* l = lesson();
    return l && (step_ + 1 < int(l->steps.size()) || neighbour_lesson(lesson_, +1) >= 0);
}

bool Navigator::can_previous() const { return lesson() && (step_ > 0 || neighbour_lesson(lesson_, -1) >= 0); }

bool Navigator::next() {
    const Lesson* l = lesson();
    if (!l) return false;
    if (step_ + 1 < int(l->steps.size())) return open(lesson_, step_ + 1);
    const int n = neighbour_lesson(lesson_, +1);
    return n >= 0 && open(n, 0);
}

bool Navigator::previous() {
    if (!lesson()) return false;
    if (step_ > 0) return open(lesson_, step_ - 1);
    const int p = neighbour_lesson(lesson_, -1);
    return p >= 0 && open(p, int(library_[p].result.lesson->steps.size()) - 1);
}

const Preset* Navigator::effective_preset() const {
    const Lesson* l = lesson();
    if (!l) return nullptr;
    for (int i = step_; i >= 0; --i)
        if (l->steps[i].has_preset) return &l->steps[i].preset;
    return nullptr;
}

}  // namespace lesson
