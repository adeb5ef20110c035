#include "modules/analytics/models/simulate.hpp"

#include <cmath>
#include <random>

namespace hearth::analytics {

void SimulatePurchases(const Simulation& sim, uint32_t first_customer, uint32_t customers, std::vector<Purchase>& out) {
  std::mt19937_64 rng(sim.seed);
  std::gamma_distribution<double> rate(sim.timing.r, 1.0 / sim.timing.alpha);
  std::gamma_distribution<double> beta_a(sim.timing.a, 1.0), beta_b(sim.timing.b, 1.0);
  std::gamma_distribution<double> spend_scale(sim.spend.q, 1.0 / sim.spend.gamma);
  std::uniform_int_distribution<int32_t> first_day(sim.first_from, sim.first_to);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (uint32_t c = first_customer; c < first_customer + customers; ++c) {
    double lambda = rate(rng);
    double ga = beta_a(rng), gb = beta_b(rng);
    double dropout = ga / (ga + gb);
    double nu = spend_scale(rng);
    std::gamma_distribution<double> amount(sim.spend.p, 1.0 / nu);
    int32_t first = first_day(rng);
    out.push_back(Purchase{c, first, amount(rng)});
    double weeks = 0;
    double horizon = (sim.end_day - first) / 7.0;
    while (lambda > 0) {
      weeks += std::exponential_distribution<double>(lambda)(rng);
      if (weeks > horizon) break;
      out.push_back(Purchase{c, first + static_cast<int32_t>(std::floor(weeks * 7)), amount(rng)});
      if (uniform(rng) < dropout) break;
    }
  }
}

}  // namespace hearth::analytics
