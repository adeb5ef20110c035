#include "modules/sla/business_calendar.hpp"

#include "core/error.hpp"

#include <date/tz.h>

#include <algorithm>

namespace hearth {

namespace {

constexpr std::array<const char*, 7> kDayNames = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr int kMaxDaysAhead = 3 * 366;  // a due time further away than this is a configuration error

const date::time_zone* Zone(const void* z) { return static_cast<const date::time_zone*>(z); }

// "09:30" → 570; "24:00" allowed as a closing time. -1 when malformed.
int ParseClock(std::string_view text, bool closing) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4})
    if (text[i] < '0' || text[i] > '9') return -1;
  int h = (text[0] - '0') * 10 + (text[1] - '0');
  int m = (text[3] - '0') * 10 + (text[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !closing))) return -1;
  return h * 60 + m;
}

// The UTC instant of a local day and minute; in a daylight-saving gap the clock jumps,
// so a time that does not exist maps to the moment the gap ends.
SysTime ToSys(const date::time_zone* zone, int64_t local_day, int minute) {
  date::local_seconds local{date::local_days{date::days{local_day}} + std::chrono::minutes(minute)};
  auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) return SysTime(info.second.begin);
  return SysTime(zone->to_sys(local, date::choose::earliest));
}

}  // namespace

BusinessCalendar BusinessCalendar::FromJson(const json::value& business_hours, const json::value& holidays) {
  BusinessCalendar cal;
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, std::string message) { errors.push_back({std::move(field), std::move(message)}); };
  if (!business_hours.is_object()) throw Error::Invalid({{"business_hours", "must be an object with tz and week"}});
  const json::object& bh = business_hours.as_object();
  for (const auto& kv : bh)
    if (kv.key() != "tz" && kv.key() != "week") fail("business_hours." + std::string(kv.key()), "is not a known field");
  const json::value* tz = bh.if_contains("tz");
  if (!tz || !tz->is_string()) {
    fail("business_hours.tz", "must be a time zone name such as Europe/Oslo");
  } else {
    try {
      cal.zone_ = date::locate_zone(std::string(tz->as_string()));
      cal.zone_name_ = std::string(tz->as_string());
    } catch (const std::exception&) {
      fail("business_hours.tz", "must be a time zone name such as Europe/Oslo");
    }
  }
  const json::value* week = bh.if_contains("week");
  if (!week || !week->is_object()) {
    fail("business_hours.week", "must be an object of weekdays (mon … sun) with opening hours");
  } else {
    for (const auto& kv : week->as_object()) {
      auto day = std::find(kDayNames.begin(), kDayNames.end(), std::string_view(kv.key()));
      std::string field = "business_hours.week." + std::string(kv.key());
      if (day == kDayNames.end()) {
        fail(field, "is not a weekday (mon, tue, wed, thu, fri, sat, sun)");
        continue;
      }
      auto& intervals = cal.week_[static_cast<size_t>(day - kDayNames.begin())];
      if (!kv.value().is_array()) {
        fail(field, "must be a list of [\"HH:MM\", \"HH:MM\"] pairs");
        continue;
      }
      const json::array& list = kv.value().as_array();
      for (size_t i = 0; i < list.size(); ++i) {
        std::string item = field + "[" + std::to_string(i) + "]";
        const json::value& pair = list[i];
        if (!pair.is_array() || pair.as_array().size() != 2 || !pair.as_array()[0].is_string() ||
            !pair.as_array()[1].is_string()) {
          fail(item, "must be a pair [\"HH:MM\", \"HH:MM\"]");
          continue;
        }
        int open = ParseClock(pair.as_array()[0].as_string(), false);
        int close = ParseClock(pair.as_array()[1].as_string(), true);
        if (open < 0 || close < 0 || close <= open) {
          fail(item, "must open before it closes, as HH:MM (00:00 to 24:00)");
          continue;
        }
        intervals.emplace_back(open, close);
      }
      std::sort(intervals.begin(), intervals.end());
      for (size_t i = 1; i < intervals.size(); ++i)
        if (intervals[i].first < intervals[i - 1].second) fail(field, "has overlapping opening hours");
    }
    bool any = std::any_of(cal.week_.begin(), cal.week_.end(), [](const auto& d) { return !d.empty(); });
    if (!any && errors.empty()) fail("business_hours.week", "must have opening hours on at least one day");
  }
  if (!holidays.is_null()) {
    if (!holidays.is_array()) {
      fail("holidays", "must be a list of dates as YYYY-MM-DD");
    } else {
      const json::array& list = holidays.as_array();
      for (size_t i = 0; i < list.size(); ++i) {
        auto day = list[i].is_string() ? ParseDate(list[i].as_string()) : std::nullopt;
        if (!day) fail("holidays[" + std::to_string(i) + "]", "must be a date as YYYY-MM-DD");
        else cal.holidays_.insert(std::chrono::floor<date::days>(*day).time_since_epoch().count());
      }
    }
  }
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
  return cal;
}

int64_t BusinessCalendar::LocalDayOf(SysTime t) const {
  auto local = Zone(zone_)->to_local(std::chrono::floor<std::chrono::seconds>(t));
  return date::floor<date::days>(local).time_since_epoch().count();
}

std::vector<std::pair<SysTime, SysTime>> BusinessCalendar::OpenOn(int64_t local_day) const {
  std::vector<std::pair<SysTime, SysTime>> out;
  if (holidays_.contains(local_day)) return out;
  date::weekday wd{date::local_days{date::days{local_day}}};
  for (auto [open, close] : week_[wd.c_encoding()]) {
    SysTime from = ToSys(Zone(zone_), local_day, open), to = ToSys(Zone(zone_), local_day, close);
    if (to > from) out.emplace_back(from, to);
  }
  return out;
}

SysTime BusinessCalendar::AddMinutes(SysTime start, int64_t minutes) const {
  auto remaining = std::chrono::duration_cast<SysTime::duration>(std::chrono::minutes(std::max<int64_t>(0, minutes)));
  if (remaining.count() == 0) return start;
  int64_t first_day = LocalDayOf(start);
  for (int64_t day = first_day; day <= first_day + kMaxDaysAhead; ++day) {
    for (auto [open, close] : OpenOn(day)) {
      if (close <= start) continue;
      SysTime from = std::max(open, start);
      if (close - from >= remaining) return from + remaining;
      remaining -= close - from;
    }
  }
  throw Error::Invalid({{"business_hours", "leaves no business time within three years"}});
}

int64_t BusinessCalendar::MinutesBetween(SysTime from, SysTime to) const {
  if (to <= from) return 0;
  SysTime::duration total{0};
  int64_t last_day = LocalDayOf(to);
  for (int64_t day = LocalDayOf(from); day <= last_day; ++day) {
    for (auto [open, close] : OpenOn(day)) {
      SysTime a = std::max(open, from), b = std::min(close, to);
      if (b > a) total += b - a;
    }
  }
  return std::chrono::duration_cast<std::chrono::minutes>(total).count();
}

}  // namespace hearth
