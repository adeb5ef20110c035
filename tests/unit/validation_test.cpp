#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(EmailTest, AcceptsOrdinaryAddresses) {
  EXPECT_TRUE(IsValidEmail("kari.nordmann@firma.no"));
  EXPECT_TRUE(IsValidEmail("a+tag@sub.example.co.uk"));
  EXPECT_TRUE(IsValidEmail("o'brien@example.com"));
}

TEST(EmailTest, RejectsMalformedAddresses) {
  for (const char* bad : {"", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@@example.com",
                          "a@exa mple.com", ".a@example.com", "a..b@example.com", "a@-example.com", "a@example-.com"})
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  EXPECT_FALSE(IsValidEmail(std::string(250, 'a') + "@example.com"));
}

TEST(ValidatorTest, TracksAbsentNullAndValue) {
  json::object body{{"a", "  hello  "}, {"b", nullptr}};
  Validator v(body);
  auto a = v.Text("a");
  auto b = v.Text("b");
  auto c = v.Text("c");
  EXPECT_TRUE(a.is_set());
  EXPECT_EQ(*a.value, "hello");
  EXPECT_TRUE(b.present);
  EXPECT_FALSE(b.value);
  EXPECT_FALSE(c.present);
  EXPECT_NO_THROW(v.Finish());
}

TEST(ValidatorTest, CollectsEveryErrorBeforeFailing) {
  json::object body{{"email", "nope"}, {"kind", "martian"}, {"birthday", "2026-02-30"}, {"name", 5}, {"zzz", 1}};
  Validator v(body, "items[2].");
  v.RejectUnknown({"email", "kind", "birthday", "name"});
  v.Email("email");
  v.Enum("kind", {"customer", "prospect"});
  v.Date("birthday", true);
  v.Text("name");
  ASSERT_EQ(v.errors().size(), 5u);
  EXPECT_EQ(v.errors()[0].field, "items[2].zzz");
  try {
    v.Finish();
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.slug(), "validation");
    EXPECT_EQ(e.field_errors().size(), 5u);
  }
}

TEST(ValidatorTest, RejectsControlCharactersAndOverlongText) {
  json::object body{{"a", std::string("x\0y", 3)}, {"b", std::string(201, 'x')}, {"c", "line\nbreak"}};
  Validator v(body);
  v.Text("a");
  v.Text("b");
  auto c = v.Text("c", 200, true);
  EXPECT_TRUE(v.HasError("a"));
  EXPECT_TRUE(v.HasError("b"));
  EXPECT_FALSE(v.HasError("c"));
  EXPECT_EQ(*c.value, "line\nbreak");
}

TEST(ValidatorTest, FutureDatesAreRefusedWhenAsked) {
  json::object body{{"d", "2999-01-01"}, {"e", "1999-12-31"}};
  Validator v(body);
  v.Date("d", true);
  auto e = v.Date("e", true);
  EXPECT_TRUE(v.HasError("d"));
  EXPECT_EQ(*e.value, "1999-12-31");
}

TEST(ValidatorTest, TagsAreTrimmedAndDeduplicated) {
  json::object body{{"tags", json::array{" vip ", "vip", "b2b"}}, {"bad", json::array{"ok", 3}}};
  Validator v(body);
  auto tags = v.Tags("tags");
  ASSERT_TRUE(tags.is_set());
  EXPECT_EQ(*tags.value, (std::vector<std::string>{"vip", "b2b"}));
  v.Tags("bad");
  EXPECT_TRUE(v.HasError("bad[1]"));
}

TEST(Utf8Test, AcceptsWellFormedAndRejectsMalformed) {
  EXPECT_TRUE(IsValidUtf8("Øvrebø Šuštar 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
}

TEST(DomainTest, ValidatesHostNames) {
  EXPECT_TRUE(IsValidDomain("example.no"));
  EXPECT_TRUE(IsValidDomain("a-b.c.example.com"));
  EXPECT_FALSE(IsValidDomain("localhost"));
  EXPECT_FALSE(IsValidDomain("exa_mple.com"));
  EXPECT_FALSE(IsValidDomain("-a.com"));
}

}  // namespace
}  // namespace hearth
