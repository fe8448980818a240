#pragma once
// Where the class is in the course: which lesson, which step, and how Next / Previous move.
#include <optional>
#include <vector>

#include "lesson/lesson.h"

namespace lesson {

class Navigator {
public:
    explicit Navigator(std::vector<LibraryEntry> library) : library_(std::move(library)) {}

    const std::vector<LibraryEntry>& library() const { return library_; }
    int lesson_index() const { return lesson_; }  // 0-based into library(); -1 when none is open
    int step_index() const { return step_; }      // 0-based

    const Lesson* lesson() const;                 // nullptr when none is open
    const Step* step() const;

    // Opens a lesson at a step (0-based). False, with nothing changed, when the entry is broken or
    // the indices are out of range.
    bool open(int lesson_index, int step_index = 0);
    // Next step, or the first step of the next readable lesson after the last one.
    bool next();
    // Previous step, or the last step of the previous readable lesson.
    bool previous();
    bool can_next() const;
    bool can_previous() const;

    // The preset in force at the current step: its own, or the nearest earlier one in the lesson
    // (a step without a preset carries on with what the class already has on screen).
    const Preset* effective_preset() const;

private:
    int neighbour_lesson(int from, int direction) const;
    std::vector<LibraryEntry> library_;
    int lesson_ = -1;
    int step_ = 0;
};

}  // namespace lesson
