// Association rules on the five-basket example of Tan, Steinbach & Kumar, "Introduction to
// Data Mining" (chapter 6), whose supports, confidences and lifts are worked by hand there.
#include "modules/analytics/models/affinity.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hearth::analytics {
namespace {

enum Item : uint32_t { kBread, kMilk, kDiaper, kBeer, kEggs, kCola };

std::vector<Basket> Baskets() {
  std::vector<Basket> b = {{kBread, kMilk},
                           {kBread, kDiaper, kBeer, kEggs},
                           {kMilk, kDiaper, kBeer, kCola},
                           {kBread, kMilk, kDiaper, kBeer},
                           {kBread, kMilk, kDiaper, kCola}};
  for (auto& basket : b) std::sort(basket.begin(), basket.end());
  return b;
}

const Rule* Find(const std::vector<Rule>& rules, Basket antecedent, Basket consequent) {
  std::sort(antecedent.begin(), antecedent.end());
  std::sort(consequent.begin(), consequent.end());
  for (const Rule& r : rules)
    if (r.antecedent == antecedent && r.consequent == consequent) return &r;
  return nullptr;
}

TEST(Affinity, HandCheckedSupportConfidenceLift) {
  std::vector<Rule> rules = AssociationRules(Baskets(), {0.4, 0, 0, 0});
  // {Milk, Diaper} → {Beer}: σ = 2 of 5, confidence 2/3, lift (2/3) / (3/5) = 10/9.
  const Rule* r = Find(rules, {kMilk, kDiaper}, {kBeer});
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(r->support, 0.4);
  EXPECT_DOUBLE_EQ(r->confidence, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r->lift, 10.0 / 9);
  // {Beer} → {Diaper}: 3 of 5 baskets, every beer basket has diapers: lift 1 / 0.8.
  r = Find(rules, {kBeer}, {kDiaper});
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(r->support, 0.6);
  EXPECT_DOUBLE_EQ(r->confidence, 1.0);
  EXPECT_DOUBLE_EQ(r->lift, 1.25);
  // {Diaper} → {Beer, Milk}: σ 2/5, confidence 2/4, lift 0.5 / (2/5) = 1.25.
  r = Find(rules, {kDiaper}, {kBeer, kMilk});
  ASSERT_NE(r, nullptr);
  EXPECT_DOUBLE_EQ(r->confidence, 0.5);
  EXPECT_DOUBLE_EQ(r->lift, 1.25);
  // Eggs (1 of 5) and cola (2 of 5, never with beer and bread together) fall below 40%.
  EXPECT_EQ(Find(rules, {kEggs}, {kBread}), nullptr);
  EXPECT_EQ(Find(rules, {kBread, kBeer}, {kCola}), nullptr);
  // Sorted by lift, best first.
  for (size_t i = 1; i < rules.size(); ++i) EXPECT_GE(rules[i - 1].lift, rules[i].lift);
}

TEST(Affinity, ThresholdsAndPairsOnly) {
  std::vector<Rule> pairs = AssociationRules(Baskets(), {0.4, 0.7, 1.1, 2});
  for (const Rule& r : pairs) {
    EXPECT_EQ(r.antecedent.size(), 1u);
    EXPECT_EQ(r.consequent.size(), 1u);
    EXPECT_GE(r.confidence, 0.7);
    EXPECT_GE(r.lift, 1.1);
  }
  EXPECT_NE(Find(pairs, {kBeer}, {kDiaper}), nullptr);  // confidence 1, lift 1.25
  EXPECT_NE(Find(pairs, {kDiaper}, {kBeer}), nullptr);  // confidence 0.75, lift 1.25
  EXPECT_EQ(Find(pairs, {kBread}, {kMilk}), nullptr);   // confidence 0.75, lift 0.9375
}

}  // namespace
}  // namespace hearth::analytics
