#include "modules/analytics/rhythm.hpp"

#include <algorithm>

namespace hearth::analytics {

const char* DueStatusName(DueStatus s) {
  switch (s) {
    case DueStatus::kNone: return "none";
    case DueStatus::kNotDue: return "not_due";
    case DueStatus::kDue: return "due";
    case DueStatus::kOverdue: return "overdue";
  }
  return "none";
}

Rhythm RhythmOf(const int32_t* days, size_t n, int32_t today) {
  Rhythm r;
  if (n < 2) return r;
  std::vector<int32_t> gaps;
  gaps.reserve(n - 1);
  for (size_t i = 1; i < n; ++i) gaps.push_back(days[i] - days[i - 1]);
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
  int32_t median = gaps[gaps.size() / 2];
  if (gaps.size() % 2 == 0) {  // even count: mean of the two middle gaps, rounded
    int32_t lower = *std::max_element(gaps.begin(), gaps.begin() + gaps.size() / 2);
    median = (lower + median + 1) / 2;
  }
  r.usual_days = std::max<int32_t>(1, median);
  r.next_due = days[n - 1] + *r.usual_days;
  int32_t tolerance = std::max<int32_t>(7, *r.usual_days / 2);
  r.days_overdue = std::max<int32_t>(0, today - *r.next_due);
  if (today < *r.next_due - 7) r.status = DueStatus::kNotDue;
  else if (today <= *r.next_due + tolerance) r.status = DueStatus::kDue;
  else r.status = DueStatus::kOverdue;
  return r;
}

Rhythm RhythmOf(const std::vector<int32_t>& days, int32_t today) { return RhythmOf(days.data(), days.size(), today); }

}  // namespace hearth::analytics
