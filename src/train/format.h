#pragma once
// Numbers as the app writes them: one set of functions for the trainer's messages and for the
// UI's figures, so that a number in a message reads exactly as it does on the controls bar.
#include <string>

namespace train {

// UTF-8 no-break space: joins a number to the word it belongs with ("step 312", "50.0%") so that a
// wrapped line never separates them.
inline constexpr const char* kNoBreakSpace = "\xC2\xA0";

enum class TrailingZeros {
    Trim,  // like printf's %g: 0.5, 100
    Keep,  // 0.5000, 100.0: a figure that changes every frame keeps its width
};

// v to `significant` digits, in plain notation from 0.0001 up to (not including) 10000, and in
// compact scientific notation outside it (5.6e+03, 1.2e-05, never wider than eight characters).
// 0 is "0"; NaN is "NaN"; infinities are "∞" and "-∞".
std::string format_number(double v, int significant = 4, TrailingZeros zeros = TrailingZeros::Trim);

// A loss as the scoreboard shows it and every message quotes it.
inline std::string format_loss(double v) { return format_number(v, 4, TrailingZeros::Keep); }

// A learning rate as the slider shows it (its format is "%.3g", which this matches over the
// slider's range, 0.0001 to 100).
inline std::string format_learning_rate(double v) { return format_number(v, 3, TrailingZeros::Trim); }

// A count with thousands separated: 13002 -> "13,002", -2500 -> "-2,500".
std::string format_count(long long n);

// A fraction in [0, 1] as a percentage with one decimal: 0.5 -> "50.0%".
std::string format_percent(double fraction);

}  // namespace train
