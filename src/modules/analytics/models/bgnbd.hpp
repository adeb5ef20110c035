// The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers
// the Easy Way"): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after
// each purchase it drops out with probability p ~ Beta(a, b). Time is in weeks.
#pragma once

#include "modules/analytics/models/cbs.hpp"

#include <vector>

namespace hearth::analytics {

struct BgNbd {
  double r = 0, alpha = 0, a = 0, b = 0;
  double log_likelihood = 0;  // total over the customers fitted
};

// The total log-likelihood (the paper's equation 6, summed over customers).
double BgNbdLogLikelihood(const BgNbd& m, const std::vector<FitRow>& rows);

// Maximum-likelihood estimates; needs at least one repeat purchase among the customers.
BgNbd FitBgNbd(const std::vector<FitRow>& rows);

// P(alive at T | x, t_x, T) (equation in section 5 of the paper).
double ProbabilityAlive(const BgNbd& m, int x, double t_x, double T);

// E[purchases in (T, T + t] | x, t_x, T] (equation 10).
double ExpectedPurchases(const BgNbd& m, double t, int x, double t_x, double T);

// E[purchases in (0, t]] for a customer who has just made its first purchase (equation 7).
double ExpectedPurchasesNewCustomer(const BgNbd& m, double t);

}  // namespace hearth::analytics
