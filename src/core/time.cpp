#include "core/time.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace hearth {

SysTime Now() { return std::chrono::system_clock::now(); }

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
    in >> date::parse("%FT%T%Ez", tp, offset);
    if (in.fail()) return std::nullopt;
    tp -= offset;
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
