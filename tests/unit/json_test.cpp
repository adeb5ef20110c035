#include "core/json.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(JsonTest, DoublesAreWrittenPlainlyAndStringsAreLeftAlone) {
  json::value v = {{"percent", 33.3}, {"factor", 2.0}, {"neg", -0.5}, {"big", 1e21}, {"text", "3.33E1 \"2E0\""},
                   {"list", json::array{0.25, 7}}};
  std::string text = ToJson(v);
  EXPECT_NE(text.find("\"percent\":33.3"), std::string::npos) << text;
  EXPECT_NE(text.find("\"factor\":2.0,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"neg\":-0.5"), std::string::npos) << text;
  EXPECT_NE(text.find("\"text\":\"3.33E1 \\\"2E0\\\"\""), std::string::npos) << text;
  EXPECT_NE(text.find("[0.25,7]"), std::string::npos) << text;
  EXPECT_EQ(json::parse(text), v);  // the same numbers, read back
}

TEST(JsonTest, AnswersWithoutDoublesAreBoostsOwnText) {
  json::value v = {{"name", "Øvrebø"}, {"n", 3}, {"e", "1E5"}};
  EXPECT_EQ(ToJson(v), json::serialize(v));
}

}  // namespace
}  // namespace hearth
