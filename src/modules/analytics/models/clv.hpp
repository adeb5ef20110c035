// Customer lifetime value over a horizon: the BG/NBD's expected purchases in each 4-week
// step, times the Gamma-Gamma expected spend and the margin, discounted to today at an
// annual rate (continuous in time: a step ending w weeks ahead is divided by
// (1 + rate)^(w / 52.18)).
#pragma once

#include "modules/analytics/models/bgnbd.hpp"

namespace hearth::analytics {

struct ClvInputs {
  double horizon_weeks = 52;
  double annual_discount_rate = 0.10;
  double margin = 1.0;  // share of revenue that is profit
};

struct CustomerValue {
  double p_alive = 0;
  double expected_purchases = 0;  // over the horizon, undiscounted
  double clv = 0;                 // in the unit of expected_spend
};

CustomerValue ValueCustomer(const BgNbd& model, const ClvInputs& in, int x, double t_x, double T,
                            double expected_spend);

}  // namespace hearth::analytics
