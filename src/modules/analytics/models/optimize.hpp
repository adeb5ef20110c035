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
// `step` is the first simplex's size in log space: 1 explores widely from a rough start,
// 0.05 polishes around a good one (fewer evaluations).
Minimum MinimizePositive(const std::function<double(const std::vector<double>&)>& f,
                         const std::vector<double>& start, double step = 1.0);

// Quasi-Newton (BFGS with a backtracking line search) over the logarithms of positive
// parameters, for when the gradient is cheap to have with the value: from a good start
// (e.g. a Nelder-Mead fit on a sample) it needs a few dozen evaluations where the simplex
// needs hundreds. `f` returns the value and fills the gradient with respect to the
// parameters themselves (not their logarithms).
using ValueAndGradient = std::function<double(const std::vector<double>& params, std::vector<double>& gradient)>;
Minimum MinimizePositiveWithGradient(const ValueAndGradient& f, const std::vector<double>& start);

}  // namespace hearth::analytics
