#include "core/phone.hpp"
#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(PhoneTest, NormalisesNationalNumbersInTheDefaultRegion) {
  EXPECT_EQ(NormalizePhone("412 34 567", "NO"), "+4741234567");
  EXPECT_EQ(NormalizePhone("41 23 45 67", "NO"), "+4741234567");
  EXPECT_EQ(NormalizePhone("20 12 34 56", "DK"), "+4520123456");
}

TEST(PhoneTest, KeepsInternationalNumbersWhateverTheRegion) {
  EXPECT_EQ(NormalizePhone("+47 412 34 567", "DK"), "+4741234567");
  EXPECT_EQ(NormalizePhone("0047 41234567", "NO"), "+4741234567");
  EXPECT_EQ(NormalizePhone("+386 31 123 456", "NO"), "+38631123456");
}

TEST(PhoneTest, RejectsWhatIsNotAPhoneNumber) {
  EXPECT_FALSE(NormalizePhone("hello", "NO"));
  EXPECT_FALSE(NormalizePhone("123", "NO"));
  EXPECT_FALSE(NormalizePhone("", "NO"));
}

TEST(PhoneTest, ValidatorStoresE164) {
  json::object body{{"phone", "412 34 567"}, {"bad", "12"}};
  Validator v(body);
  auto phone = v.Phone("phone", "NO");
  v.Phone("bad", "NO");
  EXPECT_EQ(*phone.value, "+4741234567");
  EXPECT_TRUE(v.HasError("bad"));
}

TEST(PhoneTest, KnowsRegions) {
  EXPECT_TRUE(IsKnownRegion("NO"));
  EXPECT_TRUE(IsKnownRegion("SI"));
  EXPECT_FALSE(IsKnownRegion("XX"));
}

}  // namespace
}  // namespace hearth
