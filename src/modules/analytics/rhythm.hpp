// A customer's buying rhythm: the usual interval between its purchase days (the median
// gap, so one long pause does not stretch it), when the next purchase is due, and whether
// it is due now. Used per customer and per customer × product.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearth::analytics {

enum class DueStatus { kNone, kNotDue, kDue, kOverdue };
const char* DueStatusName(DueStatus s);  // none, not_due, due, overdue

struct Rhythm {
  std::optional<int32_t> usual_days;  // needs two purchase days
  std::optional<int32_t> next_due;    // day number
  int32_t days_overdue = 0;           // today − next_due when positive
  DueStatus status = DueStatus::kNone;
};

// `days` are distinct purchase days, ascending. Due from a week before next_due;
// overdue once past it by more than half the usual interval (at least a week).
Rhythm RhythmOf(const std::vector<int32_t>& days, int32_t today);
Rhythm RhythmOf(const int32_t* days, size_t n, int32_t today);

}  // namespace hearth::analytics
