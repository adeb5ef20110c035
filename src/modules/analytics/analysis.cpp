#include "modules/analytics/analysis.hpp"

#include "core/time.hpp"
#include "modules/analytics/day_number.hpp"
#include "modules/analytics/models/clv.hpp"
#include "modules/analytics/models/parallel.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace hearth::analytics {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Per customer: orders, distinct purchase days and the rhythm of those days. Purchases
// are sorted by customer and day (Summarize sorted them).
void Rhythms(const std::vector<Purchase>& purchases, int32_t today, std::vector<CustomerAnalysis>& out) {
  std::vector<int32_t> days;
  for (size_t i = 0; i < purchases.size();) {
    uint32_t c = purchases[i].customer;
    days.clear();
    size_t j = i;
    for (; j < purchases.size() && purchases[j].customer == c; ++j)
      if (days.empty() || days.back() != purchases[j].day) days.push_back(purchases[j].day);
    CustomerAnalysis& a = out[c];
    a.orders = static_cast<int32_t>(j - i);
    a.purchase_days = static_cast<int32_t>(days.size());
    a.rhythm = RhythmOf(days, today);
    i = j;
  }
}

std::optional<int> MedianUsualDays(const std::vector<CustomerAnalysis>& customers) {
  std::vector<int32_t> usual;
  for (const auto& c : customers)
    if (c.rhythm.usual_days) usual.push_back(*c.rhythm.usual_days);
  if (usual.empty()) return std::nullopt;
  std::nth_element(usual.begin(), usual.begin() + usual.size() / 2, usual.end());
  return usual[usual.size() / 2];
}

std::vector<RfmInput> RfmInputs(const std::vector<Cbs>& cbs, int32_t as_of) {
  std::vector<RfmInput> in;
  in.reserve(cbs.size());
  for (const Cbs& c : cbs)
    in.push_back(RfmInput{as_of - c.last_day, c.x + 1, static_cast<int64_t>(std::llround(c.total))});
  return in;
}

json::array Thresholds(const std::array<double, 4>& t) {
  json::array a;
  for (double v : t) a.push_back(v);
  return a;
}

// Segment counts and the 5 × 5 R × F grid for the customers of `cbs` (scored in `scores`).
json::object RfmSummary(const std::vector<Cbs>& cbs, const RfmScores& scores) {
  const auto& names = RfmSegments();
  std::vector<int64_t> count(names.size()), monetary(names.size());
  int64_t grid_count[6][6] = {}, grid_monetary[6][6] = {};
  for (size_t i = 0; i < cbs.size(); ++i) {
    const RfmScore& s = scores.scores[i];
    int64_t value = static_cast<int64_t>(std::llround(cbs[i].total));
    ++count[s.segment], monetary[s.segment] += value;
    ++grid_count[s.r][s.f], grid_monetary[s.r][s.f] += value;
  }
  json::array segments, grid;
  double n = std::max<size_t>(1, cbs.size());
  for (size_t s = 0; s < names.size(); ++s)
    segments.push_back(json::object{{"segment", names[s]}, {"customers", count[s]},
                                    {"share", std::round(count[s] / n * 10000) / 10000}, {"monetary_minor", monetary[s]}});
  for (int r = 5; r >= 1; --r)
    for (int f = 1; f <= 5; ++f)
      grid.push_back(json::object{{"r", r}, {"f", f}, {"customers", grid_count[r][f]},
                                  {"average_monetary_minor", grid_count[r][f] ? grid_monetary[r][f] / grid_count[r][f] : 0}});
  return json::object{{"customers", cbs.size()},
                      {"segments", segments},
                      {"grid", grid},
                      {"thresholds", json::object{{"recency_days", Thresholds(scores.recency_days)},
                                                  {"frequency", Thresholds(scores.frequency)},
                                                  {"monetary_minor", Thresholds(scores.monetary_minor)}}}};
}

// Segments now against segments `compare_days` ago, for customers who had bought by then.
json::object Movement(std::vector<Purchase>& purchases, const std::vector<CustomerAnalysis>& now, int32_t today,
                      int compare_days) {
  int32_t then = today - compare_days;
  std::vector<Cbs> past = Summarize(purchases, then, then);
  RfmScores past_scores = ScoreRfm(RfmInputs(past, then));
  const auto& names = RfmSegments();
  std::vector<std::vector<int64_t>> flows(names.size(), std::vector<int64_t>(names.size()));
  for (size_t i = 0; i < past.size(); ++i)
    ++flows[past_scores.scores[i].segment][now[past[i].customer].rfm.segment];
  json::array out;
  for (size_t a = 0; a < names.size(); ++a)
    for (size_t b = 0; b < names.size(); ++b)
      if (flows[a][b]) out.push_back(json::object{{"from", names[a]}, {"to", names[b]}, {"customers", flows[a][b]}});
  return json::object{{"from", DayText(then)}, {"to", DayText(today)}, {"flows", out}};
}

json::object BgNbdJson(const BgNbd& m) {
  return {{"r", m.r}, {"alpha", m.alpha}, {"a", m.a}, {"b", m.b}, {"log_likelihood", m.log_likelihood}};
}

// The holdout check: fit on all but the last part of the history (a third, 4 to 52
// weeks), then compare, by calibration frequency, the purchases customers made in that
// last part with what the calibration fit expected.
json::value Diagnostics(std::vector<Purchase>& purchases, int32_t first_day, int32_t today) {
  int32_t holdout_days = std::clamp((today - first_day) / 3 / 7 * 7, 28, 364);
  int32_t calibration_end = today - holdout_days;
  std::vector<Cbs> cal = Summarize(purchases, calibration_end, today);
  if (std::count_if(cal.begin(), cal.end(), [](const Cbs& c) { return c.x > 0; }) < 10) return nullptr;
  BgNbd m = FitBgNbd(DistinctFrequencyRecencyAge(cal));
  double weeks = holdout_days / 7.0;
  std::vector<std::array<double, 3>> by_x(8);  // customers, actual, predicted
  std::vector<double> predicted(cal.size());
  ParallelFor(cal.size(), [&](size_t i) { predicted[i] = ExpectedPurchases(m, weeks, cal[i].x, cal[i].t_x, cal[i].T); });
  for (size_t i = 0; i < cal.size(); ++i) {
    auto& b = by_x[std::min(cal[i].x, 7)];
    b[0] += 1, b[1] += cal[i].holdout_x, b[2] += predicted[i];
  }
  json::array rows;
  for (int x = 0; x < 8; ++x)
    if (by_x[x][0] > 0)
      rows.push_back(json::object{{"x", x}, {"label", x == 7 ? "7+" : std::to_string(x)}, {"customers", static_cast<int64_t>(by_x[x][0])},
                                  {"actual", by_x[x][1] / by_x[x][0]}, {"predicted", by_x[x][2] / by_x[x][0]}});
  return json::object{{"calibration_end", DayText(calibration_end)}, {"holdout_end", DayText(today)},
                      {"holdout_weeks", weeks}, {"model", BgNbdJson(m)}, {"by_frequency", rows}};
}

// CLV buckets on a 1–2.5–5 scale of minor units.
json::array ClvDistribution(const std::vector<CustomerAnalysis>& customers) {
  std::vector<int64_t> edges = {0};
  for (int64_t scale = 100; scale <= int64_t{1} << 52; scale *= 10)
    for (int64_t edge : {scale, scale * 5 / 2, scale * 5}) edges.push_back(edge);
  std::vector<int64_t> count(edges.size());
  for (const auto& c : customers) {
    int64_t v = static_cast<int64_t>(std::llround(c.clv));
    size_t i = std::upper_bound(edges.begin(), edges.end(), v) - edges.begin();
    ++count[i == 0 ? 0 : i - 1];
  }
  size_t last = 0;
  for (size_t i = 0; i < count.size(); ++i)
    if (count[i]) last = i;
  json::array out;
  for (size_t i = 0; i <= last; ++i)
    out.push_back(json::object{{"from_minor", edges[i]}, {"to_minor", i + 1 < edges.size() ? edges[i + 1] : edges[i]},
                               {"customers", count[i]}});
  return out;
}

void FitAndScore(Analysis& a, const std::vector<Cbs>& cbs, const AnalyticsSettings& settings) {
  auto start = Clock::now();
  std::vector<FitRow> rows = DistinctFrequencyRecencyAge(cbs);
  std::vector<SpendRow> spend = RepeatSpend(cbs);
  if (spend.size() >= 2) {
    try {
      a.bgnbd = FitBgNbd(rows);
      a.gamma_gamma = FitGammaGamma(spend);
      if (a.gamma_gamma->q <= 1) a.gamma_gamma.reset();  // no finite mean spend
    } catch (const std::exception&) {
      a.bgnbd.reset(), a.gamma_gamma.reset();
    }
  }
  a.timings["fit_ms"] = MsSince(start);
  start = Clock::now();
  if (!a.bgnbd) return;
  ClvInputs in{settings.horizon_weeks, settings.annual_discount_rate, settings.margin_percent / 100};
  ParallelFor(cbs.size(), [&](size_t i) {
    const Cbs& c = cbs[i];
    CustomerAnalysis& ca = a.customers[c.customer];
    double spend_each = a.gamma_gamma ? ExpectedSpend(*a.gamma_gamma, c.x, c.zbar) : c.total / (c.x + 1);
    CustomerValue v = ValueCustomer(*a.bgnbd, in, c.x, c.t_x, c.T, spend_each);
    ca.p_alive = v.p_alive, ca.expected_purchases = v.expected_purchases;
    ca.expected_spend = spend_each, ca.clv = v.clv;
  });
  a.timings["score_ms"] = MsSince(start);
}

}  // namespace

Analysis Analyze(Snapshot s, const AnalyticsSettings& settings) {
  auto begin = Clock::now();
  Analysis a;
  a.data_version = s.data_version, a.currency = s.currency, a.today = s.today;
  a.horizon_weeks = settings.horizon_weeks;
  a.contact_seqs = std::move(s.contact_seqs);
  a.customers.resize(a.contact_seqs.size());
  a.products = std::move(s.products);

  auto start = Clock::now();
  std::vector<Cbs> cbs = Summarize(s.purchases, s.today, s.today);
  for (const Cbs& c : cbs) {
    CustomerAnalysis& ca = a.customers[c.customer];
    ca.first_day = c.first_day, ca.last_day = c.last_day, ca.total_minor = std::llround(c.total);
    ca.x = c.x, ca.t_x = c.t_x, ca.T = c.T;
  }
  Rhythms(s.purchases, s.today, a.customers);
  a.median_usual_days = MedianUsualDays(a.customers);
  RfmScores scores = ScoreRfm(RfmInputs(cbs, s.today));
  for (size_t i = 0; i < cbs.size(); ++i) a.customers[cbs[i].customer].rfm = scores.scores[i];
  a.rfm = RfmSummary(cbs, scores);
  a.timings["rfm_ms"] = MsSince(start);
  start = Clock::now();
  a.rfm["movement"] = Movement(s.purchases, a.customers, s.today, settings.compare_days);
  a.timings["movement_ms"] = MsSince(start);

  FitAndScore(a, cbs, settings);

  start = Clock::now();
  json::value diagnostics = nullptr;
  if (a.bgnbd && !cbs.empty()) {
    int32_t first = std::min_element(cbs.begin(), cbs.end(), [](const Cbs& x, const Cbs& y) {
                      return x.first_day < y.first_day;
                    })->first_day;
    diagnostics = Diagnostics(s.purchases, first, s.today);
  }
  a.timings["diagnostics_ms"] = MsSince(start);

  start = Clock::now();
  a.baskets = s.baskets.size();
  a.rules = AssociationRules(s.baskets, RuleOptions{settings.min_support, settings.min_confidence, settings.min_lift, 2});
  a.timings["affinity_ms"] = MsSince(start);

  double total_clv = 0, total_expected = 0;
  for (const Cbs& c : cbs) {
    a.by_clv.push_back(c.customer);
    total_clv += a.customers[c.customer].clv, total_expected += a.customers[c.customer].expected_purchases;
    DueStatus st = a.customers[c.customer].rhythm.status;
    if (st == DueStatus::kDue || st == DueStatus::kOverdue) a.due.push_back(c.customer);
  }
  std::stable_sort(a.by_clv.begin(), a.by_clv.end(),
                   [&](uint32_t x, uint32_t y) { return a.customers[x].clv > a.customers[y].clv; });
  std::stable_sort(a.due.begin(), a.due.end(), [&](uint32_t x, uint32_t y) {
    return a.customers[x].rhythm.days_overdue > a.customers[y].rhythm.days_overdue;
  });
  json::value model = nullptr;
  if (a.bgnbd) {
    json::object m{{"bgnbd", BgNbdJson(*a.bgnbd)}, {"customers", cbs.size()},
                   {"repeat_customers", std::count_if(cbs.begin(), cbs.end(), [](const Cbs& c) { return c.x > 0; })}};
    m["gamma_gamma"] = a.gamma_gamma ? json::value(json::object{{"p", a.gamma_gamma->p}, {"q", a.gamma_gamma->q},
                                                                {"gamma", a.gamma_gamma->gamma},
                                                                {"log_likelihood", a.gamma_gamma->log_likelihood}})
                                     : json::value(nullptr);
    model = m;
  }
  a.clv = json::object{{"model", model},
                       {"settings", json::object{{"horizon_weeks", settings.horizon_weeks},
                                                 {"annual_discount_rate", settings.annual_discount_rate},
                                                 {"margin_percent", settings.margin_percent}}},
                       {"totals", json::object{{"clv_minor", std::llround(total_clv)},
                                               {"expected_purchases", std::round(total_expected * 100) / 100}}},
                       {"distribution", ClvDistribution(a.customers)},
                       {"diagnostics", diagnostics}};
  a.index.reserve(a.contact_seqs.size());
  for (uint32_t i = 0; i < a.contact_seqs.size(); ++i) a.index.emplace(a.contact_seqs[i], i);
  for (uint32_t i = 0; i < a.products.size(); ++i) a.product_index.emplace(a.products[i].id, i);
  a.compute_ms = MsSince(begin);
  a.timings["total_ms"] = a.compute_ms;
  a.computed_at = NowText();
  return a;
}

}  // namespace hearth::analytics
