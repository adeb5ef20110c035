// Analyses count time in whole UTC days: a day number is days since 1970-01-01.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth::analytics {

// "2026-11-28", "20261128", or either followed by a time ("2026-11-28 10:00:00",
// RFC 3339 "2026-11-28T10:00:00Z" — the date part is taken as is).
std::optional<int32_t> DayNumber(std::string_view text);
std::string DayText(int32_t day);  // YYYY-MM-DD

}  // namespace hearth::analytics
