// Association rules over baskets (Agrawal & Srikant's Apriori): frequent itemsets by
// support, then every rule A → C splitting one of them, with
//   support = baskets holding A ∪ C / baskets, confidence = support / support(A),
//   lift = confidence / support(C).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hearth::analytics {

using Basket = std::vector<uint32_t>;  // distinct item ids, sorted

struct Rule {
  std::vector<uint32_t> antecedent;  // sorted
  std::vector<uint32_t> consequent;  // sorted
  double support = 0;
  double confidence = 0;
  double lift = 0;
};

struct RuleOptions {
  double min_support = 0.01;
  double min_confidence = 0;
  double min_lift = 0;
  size_t max_itemset = 0;  // 0: no limit; 2: pairs only (one product → one product)
};

// Rules sorted by lift, then confidence, then support (all descending), then item ids.
// `baskets` counts every basket, empty ones included.
std::vector<Rule> AssociationRules(const std::vector<Basket>& baskets, const RuleOptions& options);

}  // namespace hearth::analytics
