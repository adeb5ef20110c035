#include "modules/analytics/models/pareto_nbd.hpp"

#include "modules/analytics/models/optimize.hpp"
#include "modules/analytics/models/parallel.hpp"
#include "modules/analytics/models/special.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hearth::analytics {
namespace {

// log of [2F1(r+s+x, b2; r+s+x+1; z(t)) / (max(α,β) + t)^(r+s+x)] at t, where the
// larger of α and β decides the second argument and z (the note's A0 terms).
double LogA0Term(const ParetoNbd& m, int x, double t) {
  double rsx = m.r + m.s + x;
  bool alpha_larger = m.alpha >= m.beta;
  double big = alpha_larger ? m.alpha : m.beta;
  double small = alpha_larger ? m.beta : m.alpha;
  double b2 = alpha_larger ? m.s + 1 : m.r + x;
  double z = (big - small) / (big + t);
  return std::log(Hyp2F1(rsx, b2, rsx + 1, z)) - rsx * std::log(big + t);
}

double CustomerLogLikelihood(const ParetoNbd& m, int x, double t_x, double T) {
  double rsx = m.r + m.s + x;
  double head = std::lgamma(m.r + x) - std::lgamma(m.r) + m.r * std::log(m.alpha) + m.s * std::log(m.beta);
  double alive = -(m.r + x) * std::log(m.alpha + T) - m.s * std::log(m.beta + T);
  // A0 = e^u − e^v with u ≥ v (the term at t_x is the larger one).
  double u = LogA0Term(m, x, t_x);
  double v = LogA0Term(m, x, T);
  double log_a0 = u + std::log1p(-std::exp(v - u));
  double gone = std::log(m.s / rsx) + log_a0;
  if (!(v < u)) return head + alive;  // t_x = T: no time to have left
  double hi = std::max(alive, gone);
  return head + hi + std::log(std::exp(alive - hi) + std::exp(gone - hi));
}

}  // namespace

double ParetoNbdLogLikelihood(const ParetoNbd& m, const std::vector<FitRow>& rows) {
  return ParallelSum(rows.size(), [&](size_t i) {
    const FitRow& row = rows[i];
    return row.weight * CustomerLogLikelihood(m, row.x, row.t_x, row.T);
  });
}

ParetoNbd FitParetoNbd(const std::vector<FitRow>& rows) {
  bool any_repeat = std::any_of(rows.begin(), rows.end(), [](const FitRow& row) { return row.x > 0; });
  if (!any_repeat) throw std::invalid_argument("Pareto/NBD needs at least one repeat purchase");
  auto negative_ll = [&](const std::vector<double>& p) {
    return -ParetoNbdLogLikelihood(ParetoNbd{p[0], p[1], p[2], p[3]}, rows);
  };
  Minimum min = MinimizePositive(negative_ll, {1.0, 1.0, 1.0, 1.0});
  return ParetoNbd{min.params[0], min.params[1], min.params[2], min.params[3], -min.value};
}

}  // namespace hearth::analytics
