// Time in Hearth: stored and sent as UTC RFC 3339 with millisecond precision and `Z`
// (fixed width, so text order is time order in both SQL dialects); dates as YYYY-MM-DD.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hearth {

using SysTime = std::chrono::system_clock::time_point;

// The server's clock: the system clock, unless StartClockAt moved it (`serve --clock`,
// for tests and demos of date rules); it then runs at normal speed from that instant.
SysTime Now();
// A time after every real one: sorts "no due time" last in both SQL dialects.
inline constexpr const char* kFarFuture = "9999-12-31T23:59:59.999Z";
void StartClockAt(SysTime start);
std::string FormatTime(SysTime t);  // 2026-11-28T14:03:00.123Z
std::string NowText();
// Accepts RFC 3339 with Z or an offset; nullopt when malformed.
std::optional<SysTime> ParseTime(std::string_view text);
// True when text is YYYY-MM-DD naming a real calendar day.
bool IsValidDate(std::string_view text);
std::string TodayText();  // UTC date, YYYY-MM-DD
std::string DateText(SysTime t);  // its UTC date, YYYY-MM-DD
// Midnight UTC of a YYYY-MM-DD date; nullopt when it is not a real day.
std::optional<SysTime> ParseDate(std::string_view text);
int64_t UnixSeconds(SysTime t);
// The start and end (exclusive) of the calendar day containing `t` in IANA zone `tz`
// (e.g. Europe/Oslo); throws Error 400 for an unknown zone.
std::pair<SysTime, SysTime> LocalDay(SysTime t, std::string_view tz);

}  // namespace hearth
