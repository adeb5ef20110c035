// The analytics' own rules, each small enough to check by hand: RFM quintiles with ties
// and the segment map, buying rhythms and their due states, and the health score.
#include "modules/analytics/health.hpp"
#include "modules/analytics/rfm.hpp"
#include "modules/analytics/rhythm.hpp"

#include <gtest/gtest.h>

namespace hearth::analytics {
namespace {

std::string Segment(int r, int f, int m) { return RfmSegments()[SegmentOf(r, f, m)]; }

TEST(Rfm, TenDistinctCustomersFillEveryQuintileTwice) {
  std::vector<RfmInput> in;
  for (int i = 0; i < 10; ++i) in.push_back({10 * (i + 1), 10 - i, 1000 * (10 - i)});  // best first
  RfmScores s = ScoreRfm(in);
  for (int i = 0; i < 10; ++i) {
    int expected = 5 - i / 2;
    EXPECT_EQ(s.scores[i].r, expected) << i;
    EXPECT_EQ(s.scores[i].f, expected) << i;
    EXPECT_EQ(s.scores[i].m, expected) << i;
  }
  // The value that earns scores 2…5: recency 80, 60, 40, 20 days; frequency 3, 5, 7, 9.
  EXPECT_EQ(s.recency_days, (std::array<double, 4>{80, 60, 40, 20}));
  EXPECT_EQ(s.frequency, (std::array<double, 4>{3, 5, 7, 9}));
}

TEST(Rfm, TiesShareTheScoreOfTheirWorstPlace) {
  // Six one-time buyers and four frequent ones: every one-time buyer scores F = 1.
  std::vector<RfmInput> in;
  for (int i = 0; i < 6; ++i) in.push_back({30, 1, 500});
  for (int i = 0; i < 4; ++i) in.push_back({30, 5 + i, 500});
  RfmScores s = ScoreRfm(in);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(s.scores[i].f, 1);
  EXPECT_EQ(s.scores[6].f, 4);  // 6 of 10 strictly worse: 1 + ⌊5 × 6 / 10⌋
  EXPECT_EQ(s.scores[9].f, 5);
  for (const RfmScore& x : s.scores) EXPECT_EQ(x.r, 1);  // all equal: nobody is better
}

TEST(Rfm, SegmentMapUsesRecencyAndTheMeanOfFrequencyAndMonetary) {
  EXPECT_EQ(Segment(5, 5, 5), "champions");
  EXPECT_EQ(Segment(4, 4, 4), "champions");
  EXPECT_EQ(Segment(4, 5, 2), "champions");  // FM = round(3.5) = 4
  EXPECT_EQ(Segment(5, 1, 1), "new");
  EXPECT_EQ(Segment(4, 1, 1), "promising");
  EXPECT_EQ(Segment(5, 2, 3), "potential_loyalist");
  EXPECT_EQ(Segment(3, 4, 5), "loyal");
  EXPECT_EQ(Segment(3, 3, 3), "need_attention");
  EXPECT_EQ(Segment(3, 1, 2), "about_to_sleep");
  EXPECT_EQ(Segment(2, 5, 5), "cant_lose");
  EXPECT_EQ(Segment(1, 3, 4), "at_risk");
  EXPECT_EQ(Segment(2, 2, 2), "hibernating");
  EXPECT_EQ(Segment(1, 1, 2), "lost");
}

TEST(Rhythm, MedianGapNextDueAndStatus) {
  std::vector<int32_t> days = {100, 130, 160, 250};  // gaps 30, 30, 90: usually every 30
  Rhythm r = RhythmOf(days, 260);
  ASSERT_TRUE(r.usual_days);
  EXPECT_EQ(*r.usual_days, 30);
  EXPECT_EQ(*r.next_due, 280);
  EXPECT_EQ(r.status, DueStatus::kNotDue);  // 20 days before: more than a week
  EXPECT_EQ(RhythmOf(days, 273).status, DueStatus::kDue);  // a week before
  EXPECT_EQ(RhythmOf(days, 295).status, DueStatus::kDue);  // 15 days after: half the interval
  Rhythm late = RhythmOf(days, 296);
  EXPECT_EQ(late.status, DueStatus::kOverdue);
  EXPECT_EQ(late.days_overdue, 16);
  EXPECT_EQ(RhythmOf(std::vector<int32_t>{100}, 500).status, DueStatus::kNone);
  EXPECT_EQ(*RhythmOf(std::vector<int32_t>{0, 10, 30}, 30).usual_days, 15);  // even count: mean of the middle two
}

TEST(Health, EachFactorTakesItsPointsWithAReason) {
  HealthInputs in;
  in.p_alive = 0.5;           // −20
  in.days_since_last = 90;    // three usual intervals: 2 past the first → −25
  in.usual_days = 30;
  in.purchase_days = 4;
  in.open_complaints = 3;     // −20 (at most)
  in.recent_breaches = 1;     // −5
  in.recent_negative = 2;     // −4
  in.phase = "commitment";
  Health h = ScoreHealth(in);
  EXPECT_EQ(h.score, 100 - 20 - 25 - 20 - 5 - 4);
  EXPECT_EQ(h.band, "at_risk");
  ASSERT_EQ(h.reasons.size(), 5u);
  EXPECT_EQ(h.reasons[0].factor, "p_alive");
  EXPECT_EQ(h.reasons[0].effect, -20);
  EXPECT_EQ(h.reasons[1].detail, "No purchase for 90 days; usually every 30 days");
  EXPECT_TRUE(h.drifting);
  EXPECT_EQ(h.suggested_phase, "dissolution");
}

TEST(Health, AHealthyCustomerAndOneAlreadyInDissolution) {
  HealthInputs in;
  in.p_alive = 0.98;
  in.days_since_last = 20;
  in.usual_days = 30;
  in.purchase_days = 6;
  Health h = ScoreHealth(in);
  EXPECT_EQ(h.score, 99);
  EXPECT_EQ(h.band, "healthy");
  EXPECT_FALSE(h.drifting);
  EXPECT_FALSE(h.suggested_phase);
  in.p_alive = 0.1;
  in.phase = "dissolution";
  Health gone = ScoreHealth(in);
  EXPECT_TRUE(gone.drifting);
  EXPECT_FALSE(gone.suggested_phase);  // already there
  HealthInputs none;                   // no purchases, no service signals
  EXPECT_EQ(ScoreHealth(none).score, 100);
}

}  // namespace
}  // namespace hearth::analytics
