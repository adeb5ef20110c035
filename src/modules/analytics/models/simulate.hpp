// Purchase histories drawn from the models themselves — BG/NBD timing, Gamma-Gamma
// amounts — with known parameters, so that fitting them back tests the fits (and demo data
// has the shape real customer bases have). Same seed, same histories.
#pragma once

#include "modules/analytics/models/bgnbd.hpp"
#include "modules/analytics/models/cbs.hpp"
#include "modules/analytics/models/gamma_gamma.hpp"

#include <cstdint>
#include <vector>

namespace hearth::analytics {

struct Simulation {
  BgNbd timing;        // r, alpha (per week), a, b
  GammaGamma spend;    // p, q, gamma
  int32_t first_from;  // first purchases fall uniformly in [first_from, first_to] (day numbers)
  int32_t first_to;
  int32_t end_day;     // no purchase after this day
  uint64_t seed = 1;
};

// Each customer's first purchase, then repeat purchases at exponential gaps (weeks, put
// on the day they fall in) until it drops out after a repeat purchase or time runs out.
// Appends to `out`, customers numbered from `first_customer`.
void SimulatePurchases(const Simulation& sim, uint32_t first_customer, uint32_t customers, std::vector<Purchase>& out);

}  // namespace hearth::analytics
