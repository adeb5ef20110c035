#include "modules/analytics/models/affinity.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace hearth::analytics {
namespace {

using Itemset = std::vector<uint32_t>;
using Counts = std::map<Itemset, size_t>;

Counts FrequentSingles(const std::vector<Basket>& baskets, size_t min_count) {
  std::unordered_map<uint32_t, size_t> counts;
  for (const Basket& b : baskets)
    for (uint32_t item : b) ++counts[item];
  Counts out;
  for (auto [item, n] : counts)
    if (n >= min_count) out[{item}] = n;
  return out;
}

// Pairs are counted straight from the baskets (the common case and the costly one).
Counts FrequentPairs(const std::vector<Basket>& baskets, const Counts& singles, size_t min_count) {
  std::unordered_map<uint64_t, size_t> counts;
  std::vector<uint32_t> frequent;
  for (const Basket& b : baskets) {
    frequent.clear();
    for (uint32_t item : b)
      if (singles.count({item})) frequent.push_back(item);
    for (size_t i = 0; i < frequent.size(); ++i)
      for (size_t j = i + 1; j < frequent.size(); ++j) ++counts[uint64_t{frequent[i]} << 32 | frequent[j]];
  }
  Counts out;
  for (auto [key, n] : counts)
    if (n >= min_count) out[{static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key)}] = n;
  return out;
}

// Larger itemsets: join sets sharing all but their last item, keep candidates whose every
// subset one smaller is frequent, count them basket by basket.
Counts FrequentLarger(const std::vector<Basket>& baskets, const Counts& previous, size_t min_count) {
  std::vector<Itemset> sets;
  for (const auto& [set, n] : previous) sets.push_back(set);
  std::vector<Itemset> candidates;
  for (size_t i = 0; i < sets.size(); ++i) {
    for (size_t j = i + 1; j < sets.size(); ++j) {
      if (!std::equal(sets[i].begin(), sets[i].end() - 1, sets[j].begin())) break;  // sorted: prefix groups
      Itemset candidate = sets[i];
      candidate.push_back(sets[j].back());
      bool all_frequent = true;
      for (size_t drop = 0; drop + 2 < candidate.size() && all_frequent; ++drop) {
        Itemset subset = candidate;
        subset.erase(subset.begin() + drop);
        all_frequent = previous.count(subset) > 0;
      }
      if (all_frequent) candidates.push_back(std::move(candidate));
    }
  }
  Counts out;
  for (const Itemset& c : candidates) {
    size_t n = 0;
    for (const Basket& b : baskets)
      if (b.size() >= c.size() && std::includes(b.begin(), b.end(), c.begin(), c.end())) ++n;
    if (n >= min_count) out[c] = n;
  }
  return out;
}

void AddRules(const Itemset& set, size_t count, const Counts& all, double baskets, const RuleOptions& o,
              std::vector<Rule>& rules) {
  const size_t k = set.size();
  for (uint32_t mask = 1; mask + 1 < (1u << k); ++mask) {  // every non-empty proper subset
    Itemset antecedent, consequent;
    for (size_t i = 0; i < k; ++i) ((mask >> i) & 1 ? antecedent : consequent).push_back(set[i]);
    double support = count / baskets;
    double confidence = static_cast<double>(count) / all.at(antecedent);
    double lift = confidence / (all.at(consequent) / baskets);
    if (confidence + 1e-12 < o.min_confidence || lift + 1e-12 < o.min_lift) continue;
    rules.push_back(Rule{std::move(antecedent), std::move(consequent), support, confidence, lift});
  }
}

}  // namespace

std::vector<Rule> AssociationRules(const std::vector<Basket>& baskets, const RuleOptions& o) {
  if (baskets.empty()) return {};
  // An itemset is frequent when its count reaches min_support × baskets (a hair of
  // tolerance so that 0.07 × 100 baskets means 7).
  size_t min_count = std::max<size_t>(1, static_cast<size_t>(std::ceil(o.min_support * baskets.size() - 1e-9)));
  Counts all = FrequentSingles(baskets, min_count);
  Counts level = (o.max_itemset == 1) ? Counts{} : FrequentPairs(baskets, all, min_count);
  for (size_t size = 2; !level.empty(); ++size) {
    all.insert(level.begin(), level.end());
    if (o.max_itemset != 0 && size >= o.max_itemset) break;
    level = FrequentLarger(baskets, level, min_count);
  }
  std::vector<Rule> rules;
  const double n = static_cast<double>(baskets.size());
  for (const auto& [set, count] : all)
    if (set.size() >= 2) AddRules(set, count, all, n, o, rules);
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) {
    if (a.lift != b.lift) return a.lift > b.lift;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.support != b.support) return a.support > b.support;
    if (a.antecedent != b.antecedent) return a.antecedent < b.antecedent;
    return a.consequent < b.consequent;
  });
  return rules;
}

}  // namespace hearth::analytics
