#include "train/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace train {

namespace {
// Plain notation for decimal exponents in [kLowestPlain, kHighestPlain].
constexpr int kLowestPlain = -4, kHighestPlain = 3;
}  // namespace

std::string format_number(double v, int significant, TrailingZeros zeros) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "\xE2\x88\x9E" : "-\xE2\x88\x9E";
    if (v == 0) return "0";
    significant = std::clamp(significant, 1, 9);
    char buf[64];
    // The exponent after rounding to the digits asked for: 9999.7 to four digits is 1.000e+04.
    std::snprintf(buf, sizeof buf, "%.*e", significant - 1, v);
    const char* e = std::strchr(buf, 'e');
    const int exponent = e ? std::atoi(e + 1) : 0;
    if (exponent < kLowestPlain || exponent > kHighestPlain) {
        std::snprintf(buf, sizeof buf, "%.1e", v);
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.*f", std::max(0, significant - 1 - exponent), v);
    std::string s = buf;
    if (zeros == TrailingZeros::Trim && s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string format_percent(double fraction) {
    if (!std::isfinite(fraction)) return format_number(fraction) + "%";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", fraction * 100.0);
    return buf;
}

std::string format_count(long long n) {
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(digits[i]);
    }
    return out;
}

}  // namespace train
