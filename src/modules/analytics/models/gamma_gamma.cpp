#include "modules/analytics/models/gamma_gamma.hpp"

#include "modules/analytics/models/optimize.hpp"
#include "modules/analytics/models/parallel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <stdexcept>

namespace hearth::analytics {

double GammaGammaLogLikelihood(const GammaGamma& m, const std::vector<SpendRow>& rows) {
  const double p = m.p, q = m.q, gamma = m.gamma;
  const double common = -std::lgamma(q) + q * std::log(gamma);
  // The terms that depend on x only, once per distinct x.
  int max_x = 0;
  for (const SpendRow& row : rows) max_x = std::max(max_x, row.x);
  std::vector<double> by_x(max_x + 1);
  for (int x = 1; x <= max_x; ++x)
    by_x[x] = std::lgamma(p * x + q) - std::lgamma(p * x) + common + p * x * std::log(static_cast<double>(x));
  return ParallelSum(rows.size(), [&](size_t i) {
    const SpendRow& row = rows[i];
    double px = p * row.x;
    return by_x[row.x] + (px - 1) * row.log_zbar - (px + q) * std::log(gamma + row.x * row.zbar);
  });
}

GammaGamma FitGammaGamma(const std::vector<SpendRow>& rows) {
  if (rows.empty()) throw std::invalid_argument("Gamma-Gamma needs at least one repeat customer");
  for (const SpendRow& row : rows)
    if (!(row.zbar > 0)) throw std::invalid_argument("Gamma-Gamma needs positive amounts");
  // Fitted on amounts divided by their mean, so the search starts at the right scale
  // whatever the unit (dollars, øre); γ scales back, and the log-likelihood of the
  // original amounts is that of the scaled ones minus n·ln(scale) (the density's Jacobian).
  double scale = 0;
  for (const SpendRow& row : rows) scale += row.zbar / rows.size();
  std::vector<SpendRow> scaled = rows;
  for (SpendRow& row : scaled) row.zbar /= scale, row.log_zbar = std::log(row.zbar);
  auto fit = [](const std::vector<SpendRow>& data, const std::vector<double>& start, double step) {
    auto negative_ll = [&](const std::vector<double>& v) {
      return -GammaGammaLogLikelihood(GammaGamma{v[0], v[1], v[2]}, data);
    };
    return MinimizePositive(negative_ll, start, step);
  };
  Minimum min = fit(scaled, {1.0, 2.0, 1.0}, 1.0);
  return GammaGamma{min.params[0], min.params[1], min.params[2] * scale,
                    -min.value - static_cast<double>(rows.size()) * std::log(scale)};
}

double ExpectedSpend(const GammaGamma& m, int x, double zbar) {
  return (m.gamma + x * zbar) * m.p / (m.p * x + m.q - 1);
}

}  // namespace hearth::analytics
