#include "modules/analytics/models/gamma_gamma.hpp"

#include "modules/analytics/models/optimize.hpp"
#include "modules/analytics/models/parallel.hpp"

#include <cmath>
#include <stdexcept>

namespace hearth::analytics {

double GammaGammaLogLikelihood(const GammaGamma& m, const std::vector<SpendRow>& rows) {
  const double p = m.p, q = m.q, gamma = m.gamma;
  const double common = -std::lgamma(q) + q * std::log(gamma);
  return ParallelSum(rows.size(), [&](size_t i) {
    const SpendRow& row = rows[i];
    double px = p * row.x;
    return std::lgamma(px + q) - std::lgamma(px) + common + (px - 1) * std::log(row.zbar) +
           px * std::log(static_cast<double>(row.x)) - (px + q) * std::log(gamma + row.x * row.zbar);
  });
}

GammaGamma FitGammaGamma(const std::vector<SpendRow>& rows) {
  if (rows.empty()) throw std::invalid_argument("Gamma-Gamma needs at least one repeat customer");
  for (const SpendRow& row : rows)
    if (!(row.zbar > 0)) throw std::invalid_argument("Gamma-Gamma needs positive amounts");
  auto negative_ll = [&](const std::vector<double>& v) {
    return -GammaGammaLogLikelihood(GammaGamma{v[0], v[1], v[2]}, rows);
  };
  Minimum min = MinimizePositive(negative_ll, {1.0, 1.0, 1.0});
  return GammaGamma{min.params[0], min.params[1], min.params[2], -min.value};
}

double ExpectedSpend(const GammaGamma& m, int x, double zbar) {
  return (m.gamma + x * zbar) * m.p / (m.p * x + m.q - 1);
}

}  // namespace hearth::analytics
