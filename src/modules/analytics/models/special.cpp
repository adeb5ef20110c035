#include "modules/analytics/models/special.hpp"

#include <cmath>

namespace hearth::analytics {

double LogBeta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

double Digamma(double x) {
  double result = 0;
  for (; x < 6; x += 1) result -= 1 / x;
  double f = 1 / (x * x);
  return result + std::log(x) - 0.5 / x -
         f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

double Hyp2F1(double a, double b, double c, double z) {
  double term = 1.0;
  double sum = 1.0;
  for (int n = 0; n < 1'000'000; ++n) {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    sum += term;
    // Terms first grow while (a+n)(b+n)z > (c+n)(n+1), so only a small term after that
    // point ends the series.
    if (std::fabs(term) <= 1e-16 * std::fabs(sum) && (a + n) * (b + n) * z < (c + n) * (n + 1)) break;
  }
  return sum;
}

}  // namespace hearth::analytics
