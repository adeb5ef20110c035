#include "modules/analytics/day_number.hpp"

#include <date/date.h>

#include <fmt/format.h>

namespace hearth::analytics {
namespace {

bool Digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

}  // namespace

std::optional<int32_t> DayNumber(std::string_view text) {
  std::string_view y, m, d;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    text.remove_prefix(10);
  } else if (text.size() >= 8 && Digits(text.substr(0, 8))) {
    y = text.substr(0, 4), m = text.substr(4, 2), d = text.substr(6, 2);
    text.remove_prefix(8);
  } else {
    return std::nullopt;
  }
  if (!Digits(y) || !Digits(m) || !Digits(d)) return std::nullopt;
  if (!text.empty() && text.front() != ' ' && text.front() != 'T') return std::nullopt;
  date::year_month_day ymd{date::year{std::stoi(std::string(y))}, date::month{static_cast<unsigned>(std::stoi(std::string(m)))},
                           date::day{static_cast<unsigned>(std::stoi(std::string(d)))}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int32_t>(date::sys_days{ymd}.time_since_epoch().count());
}

std::string DayText(int32_t day) {
  date::year_month_day ymd{date::sys_days{date::days{day}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

}  // namespace hearth::analytics
