#include "modules/analytics/models/clv.hpp"

#include <algorithm>
#include <cmath>

namespace hearth::analytics {

CustomerValue ValueCustomer(const BgNbd& model, const ClvInputs& in, int x, double t_x, double T,
                            double expected_spend) {
  constexpr double kWeeksPerYear = 365.25 / 7;
  constexpr double kStepWeeks = 4;
  CustomerValue v;
  v.p_alive = ProbabilityAlive(model, x, t_x, T);
  double before = 0;
  for (double end = 0; end < in.horizon_weeks;) {
    end = std::min(in.horizon_weeks, end + kStepWeeks);
    double expected = ExpectedPurchases(model, end, x, t_x, T);
    v.clv += (expected - before) * expected_spend * in.margin / std::pow(1 + in.annual_discount_rate, end / kWeeksPerYear);
    before = expected;
  }
  v.expected_purchases = before;
  return v;
}

}  // namespace hearth::analytics
