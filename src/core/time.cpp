#include "core/time.hpp"

#include "core/error.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <sstream>

namespace hearth {

namespace {

// How far `serve --clock` moved the clock from the system clock (0 when it did not).
std::atomic<int64_t> clock_shift_ms{0};

}  // namespace

SysTime Now() { return std::chrono::system_clock::now() + std::chrono::milliseconds(clock_shift_ms.load()); }

void StartClockAt(SysTime start) {
  auto shift = std::chrono::duration_cast<std::chrono::milliseconds>(start - std::chrono::system_clock::now());
  clock_shift_ms = shift.count();
}

std::string FormatTime(SysTime t) {
  auto ms = std::chrono::floor<std::chrono::milliseconds>(t);
  return date::format("%FT%TZ", ms);
}

std::string NowText() { return FormatTime(Now()); }

std::optional<SysTime> ParseTime(std::string_view text) {
  std::string s(text);
  std::istringstream in(s);
  date::sys_time<std::chrono::milliseconds> tp;
  std::chrono::minutes offset{0};
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    in >> date::parse("%FT%T", tp);
    if (in.fail()) return std::nullopt;
    in.get();
  } else {
    // Parsing into a sys_time with %Ez already converts to UTC (offset only reports it).
    in >> date::parse("%FT%T%Ez", tp, offset);
    if (in.fail()) return std::nullopt;
  }
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return SysTime(tp);
}

bool IsValidDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  auto num = [&](size_t pos, size_t len, int& out) {
    for (size_t i = pos; i < pos + len; ++i)
      if (text[i] < '0' || text[i] > '9') return false;
    std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return true;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                           date::day{static_cast<unsigned>(d)}};
  return y >= 1 && ymd.ok();
}

std::string TodayText() {
  auto day = std::chrono::floor<date::days>(Now());
  return date::format("%F", day);
}

}  // namespace hearth

namespace hearth {

std::string DateText(SysTime t) { return date::format("%F", std::chrono::floor<date::days>(t)); }

std::optional<SysTime> ParseDate(std::string_view text) {
  if (!IsValidDate(text)) return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  std::from_chars(text.data(), text.data() + 4, y);
  std::from_chars(text.data() + 5, text.data() + 7, m);
  std::from_chars(text.data() + 8, text.data() + 10, d);
  return SysTime(date::sys_days(date::year{y} / date::month{m} / date::day{d}));
}

int64_t UnixSeconds(SysTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::pair<SysTime, SysTime> LocalDay(SysTime t, std::string_view tz) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(tz));
  } catch (const std::exception&) {
    throw Error::BadRequest("tz must be a time zone name such as Europe/Oslo.");
  }
  auto local = zone->to_local(t);
  auto day = date::floor<date::days>(local);
  auto start = zone->to_sys(day, date::choose::earliest);
  auto end = zone->to_sys(day + date::days{1}, date::choose::earliest);
  return {SysTime(start), SysTime(end)};
}

}  // namespace hearth
