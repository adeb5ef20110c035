#include "core/time.hpp"
#include "jobs/job_queue.hpp"
#include "test_db.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

struct JobQueueTest : ::testing::Test {
  testing::TempDb t;
  JobQueue queue{t.db()};
  void TearDown() override { StartClockAt(std::chrono::system_clock::now()); }

  std::string Status(const std::string& kind) {
    return t.db().Read([&](Tx& tx) { return tx.QueryOne("SELECT status FROM jobs WHERE kind = ?", {kind})->Text(0); });
  }
};

TEST_F(JobQueueTest, AJobCommittedWithItsChangeRunsOnce) {
  int runs = 0;
  queue.Register("count", [&](const json::object& p) { runs += static_cast<int>(p.at("n").as_int64()); });
  t.db().Write([](Tx& tx) { JobQueue::Enqueue(tx, "count", json::object{{"n", 2}}, NowText()); });
  EXPECT_EQ(queue.RunDue(), 1);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(queue.RunDue(), 0) << "a done job never runs again";
  EXPECT_EQ(Status("count"), "done");
}

TEST_F(JobQueueTest, AJobRolledBackWithItsChangeNeverRuns) {
  int runs = 0;
  queue.Register("count", [&](const json::object&) { ++runs; });
  EXPECT_ANY_THROW(t.db().Write([](Tx& tx) {
    JobQueue::Enqueue(tx, "count", json::object{}, NowText());
    throw std::runtime_error("the change failed");
  }));
  EXPECT_EQ(queue.RunDue(), 0);
  EXPECT_EQ(runs, 0);
}

TEST_F(JobQueueTest, AFailedJobIsRetriedWithBackoffThenGivesUp) {
  int runs = 0;
  queue.Register("flaky", [&](const json::object&) {
    ++runs;
    throw std::runtime_error("smtp down");
  });
  t.db().Write([](Tx& tx) { JobQueue::Enqueue(tx, "flaky", json::object{}, NowText()); });
  EXPECT_EQ(queue.RunDue(), 1);
  EXPECT_EQ(Status("flaky"), "queued");
  EXPECT_EQ(queue.RunDue(), 0) << "not due again before its backoff (30 s) has passed";
  SysTime start = Now();
  for (int attempt = 2; attempt <= 8; ++attempt) {
    StartClockAt(start + std::chrono::hours(7 * attempt));  // past any backoff
    EXPECT_EQ(queue.RunDue(), 1) << "attempt " << attempt;
  }
  EXPECT_EQ(runs, 8);
  EXPECT_EQ(Status("flaky"), "failed");
  auto error = t.db().Read([](Tx& tx) { return tx.QueryOne("SELECT last_error FROM jobs")->Text(0); });
  EXPECT_EQ(error, "smtp down");
}

TEST_F(JobQueueTest, AJobWhoseRunnerDiedIsClaimedAgainAfterTheLease) {
  int runs = 0;
  queue.Register("work", [&](const json::object&) { ++runs; });
  std::string now = NowText();
  // As a crashed process leaves it: running, leased until a minute from now.
  t.db().Write([&](Tx& tx) {
    tx.Exec("INSERT INTO jobs (id, kind, payload, status, run_at, attempts, locked_by, locked_until, created_at, "
            "updated_at) VALUES ('job_1', 'work', '{}', 'running', ?, 1, 'run_dead', ?, ?, ?)",
            {now, FormatTime(Now() + std::chrono::minutes(1)), now, now});
  });
  EXPECT_EQ(queue.RunDue(), 0) << "the lease still holds";
  StartClockAt(Now() + std::chrono::minutes(2));
  EXPECT_EQ(queue.RunDue(), 1);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Status("work"), "done");
}

TEST_F(JobQueueTest, DailyJobsAreScheduledOncePerDay) {
  std::vector<std::string> days;
  queue.RegisterDaily("daily", [&](const json::object& p) { days.emplace_back(p.at("as_of").as_string()); });
  StartClockAt(*ParseTime("2026-12-31T23:59:00Z"));
  EXPECT_EQ(queue.RunDue(), 1);
  EXPECT_EQ(queue.RunDue(), 0);
  JobQueue other(t.db());  // a second process sharing the database
  other.RegisterDaily("daily", [&](const json::object& p) { days.emplace_back(p.at("as_of").as_string()); });
  EXPECT_EQ(other.RunDue(), 0) << "another runner must not schedule the same day again";
  StartClockAt(*ParseTime("2027-01-01T00:00:30Z"));
  EXPECT_EQ(queue.RunDue(), 1);
  EXPECT_EQ(days, (std::vector<std::string>{"2026-12-31", "2027-01-01"}));
}

TEST(TimeTest, LocalDayFollowsTheZoneAndDaylightSaving) {
  auto [start, end] = LocalDay(*ParseTime("2026-03-29T12:00:00Z"), "Europe/Oslo");  // DST starts that night
  EXPECT_EQ(FormatTime(start), "2026-03-28T23:00:00.000Z");
  EXPECT_EQ(FormatTime(end), "2026-03-29T22:00:00.000Z") << "a 23-hour day";
  EXPECT_ANY_THROW(LocalDay(Now(), "Nowhere/Bogus"));
  EXPECT_EQ(DateText(*ParseTime("2026-12-31T23:59:59Z")), "2026-12-31");
  EXPECT_FALSE(ParseDate("2027-02-29").has_value());
  EXPECT_TRUE(ParseDate("2028-02-29").has_value());
}

}  // namespace
}  // namespace hearth
