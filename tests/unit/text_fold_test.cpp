#include "core/text_fold.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(TextFoldTest, FoldsNordicAndSloveneLetters) {
  EXPECT_EQ(FoldText("Øvrebø"), "ovrebo");
  EXPECT_EQ(FoldText("Søren"), "soren");
  EXPECT_EQ(FoldText("Šuštar"), "sustar");
  EXPECT_EQ(FoldText("Æra Ålesund"), "aera alesund");
  EXPECT_EQ(FoldText("Đorđe Žiga Čuk"), "dorde ziga cuk");
}

TEST(TextFoldTest, LowercasesAndCollapsesPunctuation) {
  EXPECT_EQ(FoldText("  Ola.Nordmann@Firma.NO "), "ola nordmann firma no");
  EXPECT_EQ(FoldText("+47 412-34-567"), "47 412 34 567");
  EXPECT_EQ(FoldText("O'Brien"), "o brien");
  EXPECT_EQ(FoldText(""), "");
  EXPECT_EQ(FoldText("%_'\""), "");
}

TEST(TextFoldTest, LatinTableAgreesWithIcuAndOtherScriptsStillFold) {
  EXPECT_EQ(FoldText("ÆØÅ æøå ÄÖÜ ß Łódź Ðđ Ħ"), "aeoa aeoa aou ss lodz dd h");
  EXPECT_EQ(FoldText("Ørsted – Ĳssel"), "orsted ijssel");  // a dash beyond the table
  EXPECT_EQ(FoldText("Москва"), "moskva");
  EXPECT_EQ(FoldText("Αθήνα"), "athena");
}

TEST(TextFoldTest, SplitsWords) {
  EXPECT_EQ(FoldWords("Øystein  Øvrebø"), (std::vector<std::string>{"oystein", "ovrebo"}));
  EXPECT_TRUE(FoldWords("  ").empty());
}

}  // namespace
}  // namespace hearth
