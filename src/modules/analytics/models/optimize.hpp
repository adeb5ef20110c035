// Maximum-likelihood fitting: minimises a smooth function of a few positive parameters
// with the Nelder-Mead simplex method, searching over their logarithms (so they stay
// positive) and restarting from the best point until a restart no longer improves it —
// plain simplex runs can stall on the long curved valleys these likelihoods have.
#pragma once

#include <functional>
#include <vector>

namespace hearth::analytics {

struct Minimum {
  std::vector<double> params;  // positive parameters at the minimum
  double value = 0;            // the function there
  int evaluations = 0;
};

// `f` takes positive parameters; `start` must be positive. A non-finite value of `f` is
// treated as +infinity (the simplex moves away from it).
Minimum MinimizePositive(const std::function<double(const std::vector<double>&)>& f,
                         const std::vector<double>& start);

}  // namespace hearth::analytics
