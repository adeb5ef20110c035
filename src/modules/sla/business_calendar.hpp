// Business time for service levels: opening hours per weekday in a named time zone (tz
// database, so daylight-saving changes are right) and holidays. It answers "when are N
// business minutes after this instant?" (a due time) and "how many business minutes
// between two instants?" (time used). The JSON shape is the one SLA policies store:
//   "business_hours": {"tz": "Europe/Oslo", "week": {"mon": [["09:00", "17:00"]], …, "sun": []}},
//   "holidays": ["2026-12-25"]
#pragma once

#include "core/json.hpp"
#include "core/time.hpp"

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hearth {

class BusinessCalendar {
 public:
  // Reads and checks the JSON (throws Error 422 naming `business_hours.week.mon[0]` etc.).
  // A week without any opening hours is refused: nothing would ever be due.
  static BusinessCalendar FromJson(const json::value& business_hours, const json::value& holidays);

  // The instant `minutes` business minutes after `start` (start itself if 0).
  SysTime AddMinutes(SysTime start, int64_t minutes) const;
  // Business minutes in [from, to); 0 when to <= from.
  int64_t MinutesBetween(SysTime from, SysTime to) const;

  const std::string& zone_name() const { return zone_name_; }

 private:
  // The opening intervals of one local day, as UTC instants (empty on holidays).
  std::vector<std::pair<SysTime, SysTime>> OpenOn(int64_t local_day) const;
  int64_t LocalDayOf(SysTime t) const;

  std::string zone_name_;
  const void* zone_ = nullptr;  // date::time_zone, kept out of this header
  // Per weekday (0 = Sunday … 6 = Saturday): [open, close) in minutes after local midnight.
  std::array<std::vector<std::pair<int, int>>, 7> week_;
  std::set<int64_t> holidays_;  // local days since the epoch
};

}  // namespace hearth
