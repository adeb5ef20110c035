#include "modules/analytics/models/bgnbd.hpp"

#include "modules/analytics/models/optimize.hpp"
#include "modules/analytics/models/parallel.hpp"
#include "modules/analytics/models/special.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <thread>

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
  // Times are whole days: ln(α + d/7) once per day rather than twice per row.
  int32_t max_days = 0;
  for (const FitRow& row : rows) max_days = std::max(max_days, row.age_days);
  std::vector<double> log_alpha_plus(max_days + 1);
  for (int32_t d = 0; d <= max_days; ++d) log_alpha_plus[d] = std::log(alpha + d / 7.0);
  return ParallelSum(rows.size(), [&](size_t i) {
    const FitRow& row = rows[i];
    double alive = still_alive[row.x] - (r + row.x) * log_alpha_plus[row.age_days];
    if (row.x == 0) return row.weight * alive;
    double gone = dropped[row.x] - (r + row.x) * log_alpha_plus[row.recency_days];
    return row.weight * LogSumExp(alive, gone);
  });
}

namespace {

// The log-likelihood and its gradient in (r, α, a, b), for the quasi-Newton polish.
// ll = logsumexp(alive, gone) per customer (alive only for x = 0); with u the weight of
// "gone" in that sum, ∂ll = (1 − u) ∂alive + u ∂gone, where
//   alive = lnΓ(r+x) − lnΓ(r) + r ln α + lnB(a, b+x) − lnB(a, b) − (r+x) ln(α+T)
//   gone  = lnΓ(r+x) − lnΓ(r) + r ln α + lnB(a+1, b+x−1) − lnB(a, b) − (r+x) ln(α+t_x).
double LogLikelihoodAndGradient(const BgNbd& m, const std::vector<FitRow>& rows, std::vector<double>& grad) {
  const double r = m.r, alpha = m.alpha, a = m.a, b = m.b;
  int max_x = 0;
  int32_t max_days = 0;
  for (const FitRow& row : rows) max_x = std::max(max_x, row.x), max_days = std::max(max_days, row.age_days);
  struct ByX {
    double alive, gone;       // constant parts of the two terms
    double dr;                // ψ(r+x) − ψ(r) + ln α
    double da_alive, da_gone, db_alive, db_gone;
  };
  std::vector<ByX> by_x(max_x + 1);
  const double common = -std::lgamma(r) + r * std::log(alpha) - LogBeta(a, b);
  const double dab = Digamma(a + b), da0 = Digamma(a), db0 = Digamma(b), dr0 = Digamma(r);
  for (int x = 0; x <= max_x; ++x) {
    ByX& t = by_x[x];
    double gamma_part = std::lgamma(r + x) + common;
    double d_abx = Digamma(a + b + x);
    t.alive = gamma_part + LogBeta(a, b + x);
    t.gone = x > 0 ? gamma_part + LogBeta(a + 1, b + x - 1) : 0;
    t.dr = Digamma(r + x) - dr0 + std::log(alpha);
    t.da_alive = dab - d_abx;
    t.da_gone = x > 0 ? Digamma(a + 1) - d_abx - da0 + dab : 0;
    t.db_alive = Digamma(b + x) - d_abx - db0 + dab;
    t.db_gone = x > 0 ? Digamma(b + x - 1) - d_abx - db0 + dab : 0;
  }
  std::vector<double> log_at(max_days + 1), inv_at(max_days + 1);
  for (int32_t d = 0; d <= max_days; ++d) log_at[d] = std::log(alpha + d / 7.0), inv_at[d] = 1 / (alpha + d / 7.0);

  const size_t threads = std::max<size_t>(1, std::min<size_t>(std::thread::hardware_concurrency(), rows.size() / 20'000 + 1));
  std::vector<std::array<double, 5>> partial(threads, std::array<double, 5>{});
  std::vector<std::thread> pool;
  size_t chunk = (rows.size() + threads - 1) / threads;
  auto work = [&](size_t t) {
    std::array<double, 5> acc{};
    for (size_t i = t * chunk; i < std::min(rows.size(), (t + 1) * chunk); ++i) {
      const FitRow& row = rows[i];
      const ByX& c = by_x[row.x];
      double rx = r + row.x;
      double alive = c.alive - rx * log_at[row.age_days];
      double ll = alive, u = 0;
      if (row.x > 0) {
        double gone = c.gone - rx * log_at[row.recency_days];
        double e = std::exp(-std::fabs(gone - alive));
        ll = std::max(alive, gone) + std::log1p(e);
        u = gone > alive ? 1 / (1 + e) : e / (1 + e);
      }
      double w = row.weight;
      acc[0] += w * ll;
      acc[1] += w * (c.dr - (1 - u) * log_at[row.age_days] - u * log_at[row.recency_days]);
      acc[2] += w * (r / alpha - rx * ((1 - u) * inv_at[row.age_days] + u * inv_at[row.recency_days]));
      acc[3] += w * ((1 - u) * c.da_alive + u * c.da_gone);
      acc[4] += w * ((1 - u) * c.db_alive + u * c.db_gone);
    }
    partial[t] = acc;
  };
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  std::array<double, 5> sum{};
  for (const auto& p : partial)
    for (size_t k = 0; k < 5; ++k) sum[k] += p[k];
  grad.assign(sum.begin() + 1, sum.end());
  return sum[0];
}

}  // namespace

BgNbd FitBgNbd(const std::vector<FitRow>& rows) {
  bool any_repeat = std::any_of(rows.begin(), rows.end(), [](const FitRow& row) { return row.x > 0; });
  if (!any_repeat) throw std::invalid_argument("BG/NBD needs at least one repeat purchase");
  auto fit = [](const std::vector<FitRow>& data, const std::vector<double>& start, double step) {
    auto negative_ll = [&](const std::vector<double>& p) {
      return -BgNbdLogLikelihood(BgNbd{p[0], p[1], p[2], p[3]}, data);
    };
    Minimum min = MinimizePositive(negative_ll, start, step);
    return BgNbd{min.params[0], min.params[1], min.params[2], min.params[3], -min.value};
  };
  BgNbd rough = fit(SampleRows(rows, kSampleRows), {1.0, 1.0, 1.0, 1.0}, 1.0);
  if (rows.size() <= kSampleRows) return rough;
  // Polish on every row with the gradient: a few dozen evaluations instead of hundreds.
  auto negative = [&](const std::vector<double>& p, std::vector<double>& grad) {
    double ll = LogLikelihoodAndGradient(BgNbd{p[0], p[1], p[2], p[3]}, rows, grad);
    for (double& g : grad) g = -g;
    return -ll;
  };
  Minimum min = MinimizePositiveWithGradient(negative, {rough.r, rough.alpha, rough.a, rough.b});
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
