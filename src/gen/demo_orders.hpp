// Synthetic purchase history for `hearth gen --orders N`: a catalogue of 200 products in
// 20 categories plus a shipping fee, and about N orders drawn from the customer-base
// models with known parameters — BG/NBD timing (α tuned so the orders come to about N)
// and Gamma-Gamma order values — so a fit on the generated data can be checked against
// the truth. Customers favour one category, so baskets carry co-purchase affinity.
#pragma once

#include "modules/analytics/models/bgnbd.hpp"
#include "modules/analytics/models/gamma_gamma.hpp"
#include "storage/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hearth {

struct OrderGenReport {
  int64_t orders = 0;
  analytics::BgNbd timing;      // the parameters the history was drawn from
  analytics::GammaGamma spend;  // in minor units (NOK øre)
};

// Writes in transactions of about 100,000 orders (with their timeline entries).
OrderGenReport GenerateOrders(Db& db, int64_t target_orders, const std::vector<std::string>& contact_ids,
                              uint64_t seed);

}  // namespace hearth
