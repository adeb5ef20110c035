#include "modules/sla/sla_clock.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

SysTime At(const char* text) { return *ParseTime(text); }

SlaPolicy OsloPolicy() {
  SlaPolicy p;
  p.id = "sla_test";
  p.priority = "normal";
  p.first_response_minutes = 60;
  p.resolution_minutes = 480;
  p.business_hours = json::parse(R"({"tz": "Europe/Oslo", "week": {
      "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
      "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]], "sat": [], "sun": []}})");
  p.holidays = json::array{};
  return p;
}

Case OpenedAt(const char* opened) {
  Case c;
  c.status = "open";
  c.opened_at = FormatTime(At(opened));
  return c;
}

TEST(SlaClockTest, DueTimesAndWarningAtEightyPercent) {
  SlaPolicy p = OsloPolicy();
  BusinessCalendar cal = p.Calendar();
  Case c = OpenedAt("2026-11-23T08:00:00Z");  // Monday 09:00 Oslo
  ComputeDues(c, &p, &cal);
  EXPECT_EQ(*c.first_response_due_at, "2026-11-23T09:00:00.000Z");
  EXPECT_EQ(*c.first_response_warn_at, "2026-11-23T08:48:00.000Z");  // 48 of 60 minutes
  EXPECT_EQ(*c.resolution_due_at, "2026-11-23T16:00:00.000Z");

  auto next = EvaluateState(c, At("2026-11-23T08:30:00Z"));
  EXPECT_EQ(c.sla_state, "ok");
  EXPECT_EQ(FormatTime(*next), "2026-11-23T08:48:00.000Z");
  EXPECT_EQ(c.next_due_at, "2026-11-23T09:00:00.000Z");

  next = EvaluateState(c, At("2026-11-23T08:48:00Z"));
  EXPECT_EQ(c.sla_state, "warning");
  EXPECT_EQ(FormatTime(*next), "2026-11-23T09:00:00.000Z");

  EvaluateState(c, At("2026-11-23T09:00:00Z"));
  EXPECT_EQ(c.sla_state, "breached");
  EXPECT_TRUE(c.first_response_breached);
  EXPECT_FALSE(c.resolution_breached);
}

TEST(SlaClockTest, PendingStopsTheClocksAndAddsTheMinutesTheyStoodStill) {
  SlaPolicy p = OsloPolicy();
  BusinessCalendar cal = p.Calendar();
  Case c = OpenedAt("2026-11-23T08:00:00Z");
  ComputeDues(c, &p, &cal);
  // Pending from 09:20 to 10:20 Oslo (08:20Z–09:20Z): 60 business minutes stand still.
  c.status = "pending";
  PauseClocks(c, At("2026-11-23T08:20:00Z"));
  EXPECT_FALSE(EvaluateState(c, At("2026-11-23T12:00:00Z")).has_value());
  EXPECT_EQ(c.sla_state, "ok");  // judged when it stopped: 20 of 60 minutes used
  ResumeClocks(c, &cal, At("2026-11-23T09:20:00Z"));
  c.status = "open";
  ComputeDues(c, &p, &cal);
  EXPECT_EQ(c.sla_paused_minutes, 60);
  EXPECT_EQ(*c.first_response_due_at, "2026-11-23T10:00:00.000Z");
  EXPECT_EQ(MinutesUsed(c, &cal, At("2026-11-23T09:30:00Z")), 30);
}

TEST(SlaClockTest, PauseOverAWeekendCountsOnlyBusinessMinutes) {
  SlaPolicy p = OsloPolicy();
  BusinessCalendar cal = p.Calendar();
  Case c = OpenedAt("2026-11-20T15:30:00Z");  // Friday 16:30 Oslo
  ComputeDues(c, &p, &cal);
  EXPECT_EQ(*c.first_response_due_at, "2026-11-23T08:30:00.000Z");
  c.status = "pending";
  PauseClocks(c, At("2026-11-20T15:45:00Z"));   // 15 minutes in
  ResumeClocks(c, &cal, At("2026-11-23T08:10:00Z"));  // Monday 09:10: 15 + 10 business minutes stood still
  c.status = "open";
  ComputeDues(c, &p, &cal);
  EXPECT_EQ(c.sla_paused_minutes, 25);
  EXPECT_EQ(*c.first_response_due_at, "2026-11-23T08:55:00.000Z");
}

TEST(SlaClockTest, AnsweredClocksKeepTheirDueTimeAndBreach) {
  SlaPolicy p = OsloPolicy();
  BusinessCalendar cal = p.Calendar();
  Case c = OpenedAt("2026-11-23T08:00:00Z");
  ComputeDues(c, &p, &cal);
  EvaluateState(c, At("2026-11-23T09:05:00Z"));  // answered late
  c.first_responded_at = "2026-11-23T09:05:00.000Z";
  EvaluateState(c, At("2026-11-23T09:05:00Z"));
  EXPECT_TRUE(c.first_response_breached);
  EXPECT_EQ(c.sla_state, "breached");
  EXPECT_EQ(c.next_due_at, "2026-11-23T16:00:00.000Z");  // the resolution clock runs on
}

TEST(SlaClockTest, WithoutAPolicyThereAreNoClocks) {
  Case c = OpenedAt("2026-11-23T08:00:00Z");
  ComputeDues(c, nullptr, nullptr);
  EXPECT_FALSE(c.first_response_due_at.has_value());
  EXPECT_FALSE(EvaluateState(c, At("2026-12-23T08:00:00Z")).has_value());
  EXPECT_EQ(c.sla_state, "ok");
  EXPECT_EQ(c.next_due_at, kFarFuture);
}

}  // namespace
}  // namespace hearth
