#include "modules/analytics/models/bgnbd.hpp"

#include "modules/analytics/models/optimize.hpp"
#include "modules/analytics/models/parallel.hpp"
#include "modules/analytics/models/special.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hearth::analytics {
namespace {

double LogSumExp(double u, double v) {
  double hi = std::max(u, v);
  return hi + std::log1p(std::exp(std::min(u, v) - hi));
}

}  // namespace

double BgNbdLogLikelihood(const BgNbd& m, const std::vector<FitRow>& rows) {
  const double r = m.r, alpha = m.alpha, a = m.a, b = m.b;
  // The terms that depend on x only, once per distinct x.
  int max_x = 0;
  for (const FitRow& row : rows) max_x = std::max(max_x, row.x);
  std::vector<double> still_alive(max_x + 1), dropped(max_x + 1);
  const double common = -std::lgamma(r) + r * std::log(alpha) - LogBeta(a, b);
  for (int x = 0; x <= max_x; ++x) {
    double gamma_part = std::lgamma(r + x) + common;
    still_alive[x] = gamma_part + LogBeta(a, b + x);
    dropped[x] = x > 0 ? gamma_part + LogBeta(a + 1, b + x - 1) : 0;
  }
  return ParallelSum(rows.size(), [&](size_t i) {
    const FitRow& row = rows[i];
    double alive = still_alive[row.x] - (r + row.x) * std::log(alpha + row.T);
    if (row.x == 0) return row.weight * alive;
    double gone = dropped[row.x] - (r + row.x) * std::log(alpha + row.t_x);
    return row.weight * LogSumExp(alive, gone);
  });
}

BgNbd FitBgNbd(const std::vector<FitRow>& rows) {
  bool any_repeat = std::any_of(rows.begin(), rows.end(), [](const FitRow& row) { return row.x > 0; });
  if (!any_repeat) throw std::invalid_argument("BG/NBD needs at least one repeat purchase");
  auto negative_ll = [&](const std::vector<double>& p) {
    return -BgNbdLogLikelihood(BgNbd{p[0], p[1], p[2], p[3]}, rows);
  };
  Minimum min = MinimizePositive(negative_ll, {1.0, 1.0, 1.0, 1.0});
  return BgNbd{min.params[0], min.params[1], min.params[2], min.params[3], -min.value};
}

double ProbabilityAlive(const BgNbd& m, int x, double t_x, double T) {
  if (x == 0) return 1.0;
  double log_odds_dead = std::log(m.a / (m.b + x - 1)) + (m.r + x) * std::log((m.alpha + T) / (m.alpha + t_x));
  return 1.0 / (1.0 + std::exp(log_odds_dead));
}

double ExpectedPurchases(const BgNbd& m, double t, int x, double t_x, double T) {
  if (t <= 0) return 0;
  double z = t / (m.alpha + T + t);
  double c = m.a + m.b + x - 1;
  double decay = std::pow((m.alpha + T) / (m.alpha + T + t), m.r + x);
  double bracket = 1.0 - decay * Hyp2F1(m.r + x, m.b + x, c, z);
  return c / (m.a - 1) * bracket * ProbabilityAlive(m, x, t_x, T);
}

double ExpectedPurchasesNewCustomer(const BgNbd& m, double t) {
  double z = t / (m.alpha + t);
  double bracket = 1.0 - std::pow(m.alpha / (m.alpha + t), m.r) * Hyp2F1(m.r, m.b, m.a + m.b - 1, z);
  return (m.a + m.b - 1) / (m.a - 1) * bracket;
}

}  // namespace hearth::analytics
