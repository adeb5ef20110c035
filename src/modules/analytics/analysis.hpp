// One analysis of the whole customer base, computed from a snapshot of the orders and kept
// in memory: per customer its purchases, rhythm, RFM scores and model values; for the base
// the RFM summary and movement, the fitted models with their holdout check and the CLV
// distribution, and the product-pair rules. Pure computation: no database here.
#pragma once

#include "core/json.hpp"
#include "modules/analytics/models/affinity.hpp"
#include "modules/analytics/models/bgnbd.hpp"
#include "modules/analytics/models/cbs.hpp"
#include "modules/analytics/models/gamma_gamma.hpp"
#include "modules/analytics/rfm.hpp"
#include "modules/analytics/rhythm.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hearth::analytics {

struct AnalyticsSettings {
  std::optional<std::string> currency;  // none: the currency of most orders
  double horizon_weeks = 52;
  double annual_discount_rate = 0.10;
  double margin_percent = 100;
  double min_support = 0.001;  // 0.1%: with hundreds of products a pair is rarely in 1% of baskets
  double min_confidence = 0.1;
  double min_lift = 1.0;
  int affinity_days = 730;
  int compare_days = 90;
  int refresh_minutes = 15;
};

struct ProductInfo {
  std::string id, sku, name;
};

// What the analysis reads. Purchases carry merchandise value in minor units.
struct Snapshot {
  int64_t data_version = 0;
  std::string currency;
  int32_t today = 0;
  std::vector<int64_t> contact_seqs;     // Purchase::customer indexes this (contacts.seq)
  std::vector<Purchase> purchases;
  std::vector<ProductInfo> products;     // Basket items index this
  std::vector<Basket> baskets;           // orders within the affinity window
  double purchases_ms = 0, baskets_ms = 0;  // time spent reading each
};

struct CustomerAnalysis {
  int32_t orders = 0;  // before same-day merging
  int32_t purchase_days = 0;
  int32_t first_day = 0, last_day = 0;
  int64_t total_minor = 0;
  Rhythm rhythm;
  RfmScore rfm{};
  int x = 0;
  double t_x = 0, T = 0;
  double p_alive = 0, expected_purchases = 0, expected_spend = 0, clv = 0;
};

struct Analysis {
  int64_t data_version = 0;
  std::string currency;
  int32_t today = 0;
  double horizon_weeks = 52;  // of expected purchases and CLV
  std::string computed_at;
  double compute_ms = 0;
  std::vector<int64_t> contact_seqs;                        // customers[i] is contact seq contact_seqs[i]
  std::unordered_map<int64_t, uint32_t> index;              // contact seq → customers[i]
  std::unordered_map<std::string, uint32_t> product_index;  // product id → products[i]
  std::vector<CustomerAnalysis> customers;
  std::optional<BgNbd> bgnbd;
  std::optional<GammaGamma> gamma_gamma;
  std::optional<int> median_usual_days;  // the base's rhythm, for one-time buyers
  json::object rfm;                      // segments, grid, movement, thresholds
  json::object clv;                      // model, totals, distribution, diagnostics
  std::vector<ProductInfo> products;
  std::vector<Rule> rules;               // product pairs, by lift
  size_t baskets = 0;                    // orders in the affinity window
  std::vector<uint32_t> by_clv;          // customers, highest CLV first
  std::vector<uint32_t> due;             // due or overdue, most overdue first
  json::object timings;                  // step → milliseconds, for benchmarks
};

Analysis Analyze(Snapshot snapshot, const AnalyticsSettings& settings);

}  // namespace hearth::analytics
