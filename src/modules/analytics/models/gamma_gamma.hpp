// The Gamma-Gamma model of spend per purchase (Fader & Hardie, "The Gamma-Gamma Model of
// Monetary Value", 2013): a customer's purchase amounts are Gamma(p, ν) with
// ν ~ Gamma(q, γ) across customers; fitted on repeat customers' mean repeat spend.
#pragma once

#include "modules/analytics/models/cbs.hpp"

#include <vector>

namespace hearth::analytics {

struct GammaGamma {
  double p = 0, q = 0, gamma = 0;
  double log_likelihood = 0;  // total, with every term of the density of zbar
};

double GammaGammaLogLikelihood(const GammaGamma& m, const std::vector<SpendRow>& rows);
GammaGamma FitGammaGamma(const std::vector<SpendRow>& rows);

// E[spend per purchase | x, zbar]: the population mean pγ/(q−1) for x = 0, moving toward
// the customer's own mean as x grows. Needs q > 1.
double ExpectedSpend(const GammaGamma& m, int x, double zbar);

}  // namespace hearth::analytics
