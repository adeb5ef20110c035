#include "core/cursor.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(CursorTest, RoundTrips) {
  Cursor c{"-name", "ovrebo oystein", "con_01abc"};
  std::string text = EncodeCursor(c);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos) << "must be URL-safe";
  Cursor back = DecodeCursor(text, "-name");
  EXPECT_EQ(back.key, c.key);
  EXPECT_EQ(back.id, c.id);
}

TEST(CursorTest, RejectsGarbageAndOtherSorts) {
  std::string text = EncodeCursor(Cursor{"name", "k", "i"});
  EXPECT_THROW(DecodeCursor(text, "created_at"), Error);
  EXPECT_THROW(DecodeCursor("!!!", "name"), Error);
  EXPECT_THROW(DecodeCursor(Base64UrlEncode("[1,2]"), "name"), Error);
  EXPECT_THROW(DecodeCursor(Base64UrlEncode("{\"s\":\"name\",\"k\":1,\"i\":\"x\"}"), "name"), Error);
  try {
    DecodeCursor("zzz", "name");
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 400);
  }
}

}  // namespace
}  // namespace hearth
