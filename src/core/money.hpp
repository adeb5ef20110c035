// Money is integer minor units (øre, cents) plus an ISO 4217 currency code, never a float.
// These helpers parse and format amounts for people and check currency codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

// The largest amount Hearth stores or sums (2^53): beyond it JSON clients lose precision.
inline constexpr int64_t kMaxMinor = int64_t{1} << 53;

struct Money {
  int64_t minor = 0;
  std::string currency;  // "NOK"
};

// Digits after the decimal point for a currency (JPY 0, KWD 3, most 2); -1 if unknown.
int MinorDigits(std::string_view currency);
bool IsKnownCurrency(std::string_view currency);
// "1234.50" in NOK → 123450. nullopt for malformed text, too many decimals or overflow.
std::optional<int64_t> ParseMinor(std::string_view amount, std::string_view currency);
// 123450 in NOK → "1234.50"; -5 in NOK → "-0.05".
std::string FormatMinor(int64_t minor, std::string_view currency);
// For people: "NOK 1,250.00" (code, thousands grouped by commas).
std::string FormatAmount(int64_t minor, std::string_view currency);
// Adds without silent overflow; nullopt when the sum does not fit.
std::optional<int64_t> AddMinor(int64_t a, int64_t b);

}  // namespace hearth
