// Special functions the customer-base models need beyond <cmath>: log Beta and the Gauss
// hypergeometric function 2F1 for arguments in [0, 1), summed as a power series.
#pragma once

namespace hearth::analytics {

double LogBeta(double a, double b);

// ψ(x) = d/dx ln Γ(x) for x > 0 (recurrence up to x ≥ 6, then the asymptotic series;
// absolute error below 1e-12).
double Digamma(double x);

// 2F1(a, b; c; z) for c > 0 and 0 <= z < 1. Sums terms until they no longer change the
// sum in the 15th digit (at most a million terms: z close to 1 converges slowly).
double Hyp2F1(double a, double b, double c, double z);

}  // namespace hearth::analytics
