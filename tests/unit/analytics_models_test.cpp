// The customer-base models against the literature: on the CDNOW 1/10th sample the fits
// must give the parameters and log-likelihoods Fader, Hardie & Lee (2005) and Fader &
// Hardie's notes publish (to the digits printed there), and the more precise figures of
// CLVTools (bachmannpatrick/CLVTools tests), which fits the same data; then recovery of
// known parameters from simulated purchase histories.
#include "modules/analytics/day_number.hpp"
#include "modules/analytics/models/bgnbd.hpp"
#include "modules/analytics/models/clv.hpp"
#include "modules/analytics/models/gamma_gamma.hpp"
#include "modules/analytics/models/pareto_nbd.hpp"
#include "modules/analytics/models/simulate.hpp"
#include "modules/analytics/models/special.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace hearth::analytics {
namespace {

const std::string kCdnow = std::string(HEARTH_SOURCE_DIR) + "/tests/data/cdnow/";

int32_t Day(const char* text) { return *DayNumber(text); }

std::vector<Cbs> CdnowCalibration() {
  std::ifstream in(kCdnow + "CDNOW_sample.txt");
  EXPECT_TRUE(in.good());
  std::vector<Purchase> purchases;
  std::string master, date;
  uint32_t id;
  int cds;
  double dollars;
  while (in >> master >> id >> date >> cds >> dollars) purchases.push_back({id, *DayNumber(date), dollars});
  EXPECT_EQ(purchases.size(), 6919u);
  return Summarize(purchases, Day("1997-09-30"), Day("1998-06-30"));
}

TEST(CdnowSummary, ReproducesHardiesCalibrationSummaryForEveryCustomer) {
  std::vector<Cbs> customers = CdnowCalibration();
  ASSERT_EQ(customers.size(), 2357u);
  std::ifstream in(kCdnow + "cdnow_customers_summary_with_transactions.csv");
  std::string line;
  std::getline(in, line);  // ID,x,t_x,T,zbar
  size_t checked = 0;
  while (std::getline(in, line)) {
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream fields(line);
    uint32_t id;
    int x;
    double t_x, T, zbar;
    fields >> id >> x >> t_x >> T >> zbar;
    const Cbs& c = customers[id - 1];
    ASSERT_EQ(c.customer, id);
    EXPECT_EQ(c.x, x) << "customer " << id;
    EXPECT_NEAR(c.t_x, t_x, 0.005 + 1e-9) << "customer " << id;
    EXPECT_NEAR(c.T, T, 0.005 + 1e-9) << "customer " << id;
    EXPECT_NEAR(c.zbar, zbar, 0.005 + 1e-9) << "customer " << id;
    ++checked;
  }
  EXPECT_EQ(checked, 2357u);
  int holdout = 0, holdout_of_zero = 0;
  for (const Cbs& c : customers) holdout += c.holdout_x, holdout_of_zero += c.x == 0 ? c.holdout_x : 0;
  EXPECT_EQ(holdout, 1882);  // repeat purchases in weeks 40–78
  EXPECT_EQ(holdout_of_zero, 334);
}

TEST(CdnowFits, BgNbdMatchesFaderHardieLee2005) {
  BgNbd m = FitBgNbd(DistinctFrequencyRecencyAge(CdnowCalibration()));
  // FHL (2005), section 6: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
  EXPECT_NEAR(m.r, 0.243, 0.0005);
  EXPECT_NEAR(m.alpha, 4.414, 0.0005);
  EXPECT_NEAR(m.a, 0.793, 0.0005);
  EXPECT_NEAR(m.b, 2.426, 0.0005);
  EXPECT_NEAR(m.log_likelihood, -9582.4, 0.05);
  // CLVTools: r = 0.2425945, α = 4.4136019, a = 0.7929199, b = 2.4258881, LL = −9582.429.
  EXPECT_NEAR(m.log_likelihood, -9582.429, 0.0005);
  EXPECT_NEAR(m.r, 0.2425945, 1e-5);
  EXPECT_NEAR(m.alpha, 4.4136019, 1e-4);
  // The paper's worked example: a customer with x = 2, t_x = 30.43, T = 38.86 is
  // expected to make 1.226 purchases in the next 39 weeks.
  EXPECT_NEAR(ExpectedPurchases(m, 39, 2, 30.43, 38.86), 1.226, 0.0005);
  // A new customer's expected purchases in its first 39 weeks against 78 (figure 1
  // tracks the cohort: the model's cumulative curve).
  EXPECT_GT(ExpectedPurchasesNewCustomer(m, 78), ExpectedPurchasesNewCustomer(m, 39));
}

TEST(CdnowFits, ParetoNbdMatchesTheLiterature) {
  ParetoNbd m = FitParetoNbd(DistinctFrequencyRecencyAge(CdnowCalibration()));
  // FHL (2005): r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
  EXPECT_NEAR(m.r, 0.553, 0.0005);
  EXPECT_NEAR(m.alpha, 10.578, 0.002);
  EXPECT_NEAR(m.s, 0.606, 0.0005);
  EXPECT_NEAR(m.beta, 11.669, 0.005);
  EXPECT_NEAR(m.log_likelihood, -9595.0, 0.05);
  EXPECT_NEAR(m.log_likelihood, -9594.976, 0.0005);  // CLVTools
}

TEST(CdnowFits, GammaGammaMatchesFaderHardie2013) {
  GammaGamma m = FitGammaGamma(RepeatSpend(CdnowCalibration()));
  // "The Gamma-Gamma Model of Monetary Value" (2013): p = 6.25, q = 3.74, γ = 15.44.
  EXPECT_NEAR(m.p, 6.25, 0.005);
  EXPECT_NEAR(m.q, 3.74, 0.005);
  EXPECT_NEAR(m.gamma, 15.44, 0.005);
  EXPECT_NEAR(m.log_likelihood, -4055.9177, 0.0005);  // CLVTools, same data, every term
  // The mean spend per purchase across customers, pγ/(q − 1).
  EXPECT_NEAR(ExpectedSpend(m, 0, 0), m.p * m.gamma / (m.q - 1), 1e-9);
}

TEST(Special, Hyp2F1AgreesWithClosedForms) {
  for (double z : {0.0, 0.1, 0.5, 0.9}) {
    double expected = z == 0 ? 1 : -std::log(1 - z) / z;  // 2F1(1, 1; 2; z)
    EXPECT_NEAR(Hyp2F1(1, 1, 2, z), expected, 1e-12 * expected);
    EXPECT_NEAR(Hyp2F1(2.5, 1, 1, z), std::pow(1 - z, -2.5), 1e-10 * std::pow(1 - z, -2.5));  // 2F1(a,b;b;z)
  }
}

TEST(Clv, DiscountingLowersValueAndHorizonZeroIsZero) {
  BgNbd m{0.2425945, 4.4136019, 0.7929199, 2.4258881, 0};
  CustomerValue plain = ValueCustomer(m, {39, 0.0, 1.0}, 2, 30.43, 38.86, 10.0);
  EXPECT_NEAR(plain.expected_purchases, 1.226, 0.0005);
  EXPECT_NEAR(plain.clv, plain.expected_purchases * 10.0, 1e-9);
  CustomerValue discounted = ValueCustomer(m, {39, 0.15, 1.0}, 2, 30.43, 38.86, 10.0);
  EXPECT_LT(discounted.clv, plain.clv);
  EXPECT_GT(discounted.clv, plain.clv / 1.15);
  EXPECT_EQ(ValueCustomer(m, {0, 0.1, 1.0}, 2, 30.43, 38.86, 10.0).clv, 0);
}

TEST(Recovery, FitsGetBackTheParametersThatGeneratedTheData) {
  Simulation sim;
  sim.timing = BgNbd{0.8, 6.0, 0.6, 3.5, 0};
  sim.spend = GammaGamma{5.0, 4.0, 120.0, 0};
  sim.first_from = Day("2024-01-01");
  sim.first_to = Day("2024-06-30");
  sim.end_day = Day("2026-06-30");
  sim.seed = 42;
  std::vector<Purchase> purchases;
  SimulatePurchases(sim, 0, 40'000, purchases);
  std::vector<Cbs> customers = Summarize(purchases, sim.end_day, sim.end_day);
  BgNbd timing = FitBgNbd(DistinctFrequencyRecencyAge(customers));
  EXPECT_NEAR(timing.r, 0.8, 0.08);
  EXPECT_NEAR(timing.alpha, 6.0, 0.6);
  EXPECT_NEAR(timing.a, 0.6, 0.1);
  EXPECT_NEAR(timing.b, 3.5, 0.7);
  GammaGamma spend = FitGammaGamma(RepeatSpend(customers));
  EXPECT_NEAR(spend.p, 5.0, 0.5);
  EXPECT_NEAR(spend.q, 4.0, 0.5);
  EXPECT_NEAR(spend.gamma, 120.0, 20.0);
}

}  // namespace
}  // namespace hearth::analytics
