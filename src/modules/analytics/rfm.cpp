#include "modules/analytics/rfm.hpp"

#include <algorithm>

namespace hearth::analytics {
namespace {

// Scores by "strictly worse" counts: sort the values, and for each distinct value the
// number of customers below it (above it for recency, where less is better).
template <typename T>
std::vector<uint8_t> Quintiles(const std::vector<T>& values, bool less_is_better, std::array<double, 4>& thresholds) {
  const size_t n = values.size();
  std::vector<T> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  auto worse_than = [&](T v) -> size_t {
    if (less_is_better) return sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), v);
    return std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
  };
  auto score = [&](T v) { return static_cast<uint8_t>(1 + std::min<size_t>(4, 5 * worse_than(v) / n)); };
  std::vector<uint8_t> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = score(values[i]);
  // Threshold of score s: the first value (in the better direction) scoring at least s.
  thresholds.fill(0);
  for (int s = 2; s <= 5; ++s) {
    bool found = false;
    if (less_is_better) {
      for (auto it = sorted.rbegin(); it != sorted.rend() && !found; ++it)
        if (score(*it) >= s) thresholds[s - 2] = static_cast<double>(*it), found = true;
    } else {
      for (auto it = sorted.begin(); it != sorted.end() && !found; ++it)
        if (score(*it) >= s) thresholds[s - 2] = static_cast<double>(*it), found = true;
    }
    // Nobody reaches this score (ties): the threshold is the next one's, or the best value.
    if (!found) thresholds[s - 2] = static_cast<double>(less_is_better ? sorted.front() : sorted.back());
  }
  return out;
}

}  // namespace

const std::vector<std::string>& RfmSegments() {
  static const std::vector<std::string> names = {"champions",      "loyal",          "potential_loyalist",
                                                 "new",            "promising",      "need_attention",
                                                 "about_to_sleep", "cant_lose",      "at_risk",
                                                 "hibernating",    "lost"};
  return names;
}

// The map from R and FM = round((F + M) / 2) (rows R 5…1, columns FM 1…5):
//   R5: new · potential_loyalist ×2 · champions ×2
//   R4: promising · potential_loyalist ×2 · champions ×2
//   R3: about_to_sleep ×2 · need_attention · loyal ×2
//   R2: hibernating ×2 · at_risk ×2 · cant_lose
//   R1: lost ×2 · at_risk ×2 · cant_lose
uint8_t SegmentOf(int r, int f, int m) {
  enum { kChampions, kLoyal, kPotential, kNew, kPromising, kNeedAttention, kAboutToSleep, kCantLose, kAtRisk,
         kHibernating, kLost };
  int fm = (f + m + 1) / 2;
  if (r >= 4) {
    if (fm >= 4) return kChampions;
    if (fm >= 2) return kPotential;
    return r == 5 ? kNew : kPromising;
  }
  if (r == 3) {
    if (fm >= 4) return kLoyal;
    return fm == 3 ? kNeedAttention : kAboutToSleep;
  }
  if (fm == 5) return kCantLose;
  if (fm >= 3) return kAtRisk;
  return r == 2 ? kHibernating : kLost;
}

RfmScores ScoreRfm(const std::vector<RfmInput>& customers) {
  RfmScores out;
  if (customers.empty()) return out;
  std::vector<int32_t> recency, frequency;
  std::vector<int64_t> monetary;
  for (const RfmInput& c : customers) {
    recency.push_back(c.recency_days);
    frequency.push_back(c.frequency);
    monetary.push_back(c.monetary_minor);
  }
  auto r = Quintiles(recency, true, out.recency_days);
  auto f = Quintiles(frequency, false, out.frequency);
  auto m = Quintiles(monetary, false, out.monetary_minor);
  out.scores.resize(customers.size());
  for (size_t i = 0; i < customers.size(); ++i) out.scores[i] = RfmScore{r[i], f[i], m[i], SegmentOf(r[i], f[i], m[i])};
  return out;
}

}  // namespace hearth::analytics
