// A customer's purchase history reduced to what the customer-base models need (Fader &
// Hardie's "customer-by-sufficient-statistic"): purchases on the same day are one
// purchase (amounts summed); x counts repeat purchases only; t_x (last purchase) and T
// (end of calibration) are weeks since the first purchase, weeks being days / 7.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hearth::analytics {

struct Purchase {
  uint32_t customer;  // a dense index chosen by the caller
  int32_t day;        // days since 1970-01-01
  double amount;
};

struct Cbs {
  uint32_t customer;
  int32_t first_day;
  int32_t last_day;     // last purchase day in the calibration period
  int x;                // repeat purchase days in the calibration period
  double t_x;           // weeks from the first to the last purchase
  double T;             // weeks from the first purchase to the end of calibration
  double zbar;          // mean amount of the repeat purchases (0 when x = 0)
  double total;         // all calibration purchases, the first included
  int holdout_x = 0;    // purchase days after calibration, up to the holdout end
  double holdout_total = 0;
};

// Sorts `purchases` by customer and day, merges same-day purchases and summarises each
// customer whose first purchase is on or before `calibration_end` (purchases up to it
// count as calibration, those after it up to `holdout_end` as holdout; later ones are
// ignored). Ordered by customer.
std::vector<Cbs> Summarize(std::vector<Purchase>& purchases, int32_t calibration_end, int32_t holdout_end);

// Customers with equal (x, t_x, T) add equal terms to a likelihood: the fits sum over
// distinct triples, weighted by how many customers share each.
struct FitRow {
  int x;
  double t_x;
  double T;
  double weight;
  int32_t recency_days;  // t_x and T in whole days (t_x = recency_days / 7)
  int32_t age_days;
};
std::vector<FitRow> DistinctFrequencyRecencyAge(const std::vector<Cbs>& customers);

// About `n` of the rows, drawn at random (fixed seed) with their weights; all of them
// when there are no more than n. Large fits start from a fit on such a sample, then
// polish on every row: the answer is the full data's, in far fewer evaluations.
std::vector<FitRow> SampleRows(const std::vector<FitRow>& rows, size_t n);
inline constexpr size_t kSampleRows = 20'000;

// Repeat customers' (x, zbar) for the spend model (customers with x = 0 tell nothing
// about spend per repeat purchase).
struct SpendRow {
  int x;
  double zbar;
  double log_zbar = 0;  // cached: the likelihood needs it at every evaluation
};
std::vector<SpendRow> RepeatSpend(const std::vector<Cbs>& customers);

}  // namespace hearth::analytics
