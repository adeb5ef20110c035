// Time in Hearth: stored and sent as UTC RFC 3339 with millisecond precision and `Z`
// (fixed width, so text order is time order in both SQL dialects); dates as YYYY-MM-DD.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

using SysTime = std::chrono::system_clock::time_point;

SysTime Now();
std::string FormatTime(SysTime t);  // 2026-11-28T14:03:00.123Z
std::string NowText();
// Accepts RFC 3339 with Z or an offset; nullopt when malformed.
std::optional<SysTime> ParseTime(std::string_view text);
// True when text is YYYY-MM-DD naming a real calendar day.
bool IsValidDate(std::string_view text);
std::string TodayText();  // UTC date, YYYY-MM-DD

}  // namespace hearth
