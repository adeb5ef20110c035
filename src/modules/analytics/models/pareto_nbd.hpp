// The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): purchases at a Poisson rate
// λ ~ Gamma(r, α) during an exponential lifetime with rate μ ~ Gamma(s, β). Its likelihood
// follows Fader & Hardie's note "A Note on Deriving the Pareto/NBD Model and Related
// Expressions" (2005), equation 22 with the 2F1 form for α ≥ β and for α < β.
#pragma once

#include "modules/analytics/models/cbs.hpp"

#include <vector>

namespace hearth::analytics {

struct ParetoNbd {
  double r = 0, alpha = 0, s = 0, beta = 0;
  double log_likelihood = 0;
};

double ParetoNbdLogLikelihood(const ParetoNbd& m, const std::vector<FitRow>& rows);
ParetoNbd FitParetoNbd(const std::vector<FitRow>& rows);

}  // namespace hearth::analytics
