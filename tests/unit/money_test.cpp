#include "core/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace hearth {
namespace {

TEST(MoneyTest, ParsesAmountsIntoMinorUnits) {
  EXPECT_EQ(ParseMinor("1234.50", "NOK"), 123450);
  EXPECT_EQ(ParseMinor("1234.5", "NOK"), 123450);
  EXPECT_EQ(ParseMinor("12", "EUR"), 1200);
  EXPECT_EQ(ParseMinor("-0.05", "NOK"), -5);
  EXPECT_EQ(ParseMinor("1500", "JPY"), 1500);
  EXPECT_EQ(ParseMinor("1.234", "KWD"), 1234);
}

TEST(MoneyTest, RefusesMalformedAmounts) {
  EXPECT_FALSE(ParseMinor("1.234", "NOK"));
  EXPECT_FALSE(ParseMinor("1.5", "JPY"));
  EXPECT_FALSE(ParseMinor("abc", "NOK"));
  EXPECT_FALSE(ParseMinor("1.", "NOK"));
  EXPECT_FALSE(ParseMinor("", "NOK"));
  EXPECT_FALSE(ParseMinor("10", "XYZ"));
  EXPECT_FALSE(ParseMinor("99999999999999999999", "NOK"));
}

TEST(MoneyTest, FormatsMinorUnits) {
  EXPECT_EQ(FormatMinor(123450, "NOK"), "1234.50");
  EXPECT_EQ(FormatMinor(-5, "NOK"), "-0.05");
  EXPECT_EQ(FormatMinor(1500, "JPY"), "1500");
  EXPECT_EQ(FormatMinor(std::numeric_limits<int64_t>::min(), "EUR"), "-92233720368547758.08");
}

TEST(MoneyTest, AddingDetectsOverflow) {
  EXPECT_EQ(AddMinor(1, 2), 3);
  EXPECT_FALSE(AddMinor(std::numeric_limits<int64_t>::max(), 1));
}

}  // namespace
}  // namespace hearth
