#include "core/money.hpp"

#include <array>
#include <limits>

namespace hearth {

namespace {

struct CurrencyInfo {
  std::string_view code;
  int digits;
};

// The currencies our customers trade in; extend as needed (ISO 4217 minor units).
constexpr std::array<CurrencyInfo, 28> kCurrencies{{
    {"NOK", 2}, {"SEK", 2}, {"DKK", 2}, {"ISK", 0}, {"EUR", 2}, {"USD", 2}, {"GBP", 2},
    {"CHF", 2}, {"PLN", 2}, {"CZK", 2}, {"HUF", 2}, {"JPY", 0}, {"CAD", 2}, {"AUD", 2},
    {"NZD", 2}, {"KWD", 3}, {"BHD", 3}, {"CNY", 2}, {"INR", 2}, {"BRL", 2}, {"ZAR", 2},
    {"MXN", 2}, {"SGD", 2}, {"HKD", 2}, {"KRW", 0}, {"TRY", 2}, {"RON", 2}, {"AED", 2},
}};

}  // namespace

int MinorDigits(std::string_view currency) {
  for (const auto& c : kCurrencies)
    if (c.code == currency) return c.digits;
  return -1;
}

bool IsKnownCurrency(std::string_view currency) { return MinorDigits(currency) >= 0; }

std::optional<int64_t> ParseMinor(std::string_view amount, std::string_view currency) {
  int digits = MinorDigits(currency);
  if (digits < 0 || amount.empty()) return std::nullopt;
  bool negative = amount.front() == '-';
  if (negative) amount.remove_prefix(1);
  size_t dot = amount.find('.');
  std::string_view whole = amount.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : amount.substr(dot + 1);
  if (whole.empty() || static_cast<int>(frac.size()) > digits) return std::nullopt;
  if (dot != std::string_view::npos && frac.empty()) return std::nullopt;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  auto push = [&](char ch) {
    if (ch < '0' || ch > '9' || value > (kMax - (ch - '0')) / 10) return false;
    value = value * 10 + (ch - '0');
    return true;
  };
  for (char ch : whole)
    if (!push(ch)) return std::nullopt;
  for (int i = 0; i < digits; ++i)
    if (!push(i < static_cast<int>(frac.size()) ? frac[i] : '0')) return std::nullopt;
  return negative ? -value : value;
}

std::string FormatMinor(int64_t minor, std::string_view currency) {
  int digits = MinorDigits(currency);
  if (digits < 0) digits = 2;
  bool negative = minor < 0;
  // Work in unsigned so INT64_MIN does not overflow on negation.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(minor) : static_cast<uint64_t>(minor);
  std::string s = std::to_string(magnitude);
  if (digits > 0) {
    if (static_cast<int>(s.size()) <= digits) s.insert(0, digits - s.size() + 1, '0');
    s.insert(s.size() - digits, ".");
  }
  return negative ? "-" + s : s;
}

std::string FormatAmount(int64_t minor, std::string_view currency) {
  std::string plain = FormatMinor(minor, currency);
  size_t start = plain.starts_with('-') ? 1 : 0;
  size_t whole_end = plain.find('.');
  if (whole_end == std::string::npos) whole_end = plain.size();
  for (size_t i = whole_end; i > start + 3; i -= 3) plain.insert(i - 3, ",");
  return std::string(currency) + " " + plain;
}

std::optional<int64_t> AddMinor(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}

}  // namespace hearth
