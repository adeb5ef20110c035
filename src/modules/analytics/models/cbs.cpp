#include "modules/analytics/models/cbs.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

namespace hearth::analytics {
namespace {

// One customer's purchases [begin, end), sorted by day, into its summary.
Cbs SummarizeOne(const Purchase* begin, const Purchase* end, int32_t calibration_end, int32_t holdout_end) {
  Cbs c{};
  c.customer = begin->customer;
  c.first_day = begin->day;
  c.last_day = begin->day;
  double repeat_total = 0;
  for (const Purchase* p = begin; p != end;) {
    // Merge the purchases of one day.
    int32_t day = p->day;
    double amount = 0;
    for (; p != end && p->day == day; ++p) amount += p->amount;
    if (day <= calibration_end) {
      c.total += amount;
      if (day != c.first_day) {
        ++c.x;
        repeat_total += amount;
        c.last_day = day;
      }
    } else if (day <= holdout_end) {
      ++c.holdout_x;
      c.holdout_total += amount;
    }
  }
  c.t_x = (c.last_day - c.first_day) / 7.0;
  c.T = (calibration_end - c.first_day) / 7.0;
  c.zbar = c.x > 0 ? repeat_total / c.x : 0.0;
  return c;
}

}  // namespace

std::vector<Cbs> Summarize(std::vector<Purchase>& purchases, int32_t calibration_end, int32_t holdout_end) {
  auto by_customer_day = [](const Purchase& a, const Purchase& b) {
    return std::tie(a.customer, a.day) < std::tie(b.customer, b.day);
  };
  // The server's snapshot arrives in this order already (read from an index): checking
  // costs one pass, sorting ten million purchases again a second or more.
  if (!std::is_sorted(purchases.begin(), purchases.end(), by_customer_day))
    std::sort(purchases.begin(), purchases.end(), by_customer_day);
  std::vector<Cbs> out;
  const Purchase* data = purchases.data();
  size_t n = purchases.size();
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && data[j].customer == data[i].customer) ++j;
    if (data[i].day <= calibration_end) out.push_back(SummarizeOne(data + i, data + j, calibration_end, holdout_end));
    i = j;
  }
  return out;
}

std::vector<FitRow> DistinctFrequencyRecencyAge(const std::vector<Cbs>& customers) {
  // Days are integers, so (x, last - first, end - first) identify a triple exactly; packed
  // into one integer (x < 2^23, days < 2^20) they sort and count fast.
  std::vector<uint64_t> keys;
  keys.reserve(customers.size());
  for (const Cbs& c : customers) {
    uint64_t recency_days = static_cast<uint64_t>(c.last_day - c.first_day);
    uint64_t age_days = static_cast<uint64_t>(c.T * 7.0 + 0.5);
    keys.push_back(static_cast<uint64_t>(c.x) << 40 | recency_days << 20 | age_days);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<FitRow> rows;
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    uint64_t k = keys[i];
    auto recency_days = static_cast<int32_t>((k >> 20) & 0xFFFFF), age_days = static_cast<int32_t>(k & 0xFFFFF);
    rows.push_back(FitRow{static_cast<int>(k >> 40), recency_days / 7.0, age_days / 7.0, static_cast<double>(j - i),
                          recency_days, age_days});
    i = j;
  }
  return rows;
}

std::vector<FitRow> SampleRows(const std::vector<FitRow>& rows, size_t n) {
  if (rows.size() <= n) return rows;
  std::mt19937_64 rng(20050101);
  std::bernoulli_distribution keep(static_cast<double>(n) / rows.size());
  std::vector<FitRow> sample;
  for (const FitRow& row : rows)
    if (keep(rng)) sample.push_back(row);
  return sample;
}

std::vector<SpendRow> RepeatSpend(const std::vector<Cbs>& customers) {
  std::vector<SpendRow> rows;
  for (const Cbs& c : customers)
    if (c.x > 0) rows.push_back(SpendRow{c.x, c.zbar, std::log(c.zbar)});
  return rows;
}

}  // namespace hearth::analytics
