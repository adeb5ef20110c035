#include "jobs/job_queue.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/list_query.hpp"

#include <spdlog/spdlog.h>

namespace hearth {

namespace {

constexpr auto kLease = std::chrono::minutes(5);
constexpr int64_t kMaxBackoffSeconds = 6 * 3600;

// 30 s, 1 min, 2 min, … at most 6 hours.
std::chrono::seconds Backoff(int64_t attempts) {
  int64_t s = 30;
  for (int64_t i = 1; i < attempts && s < kMaxBackoffSeconds; ++i) s *= 2;
  return std::chrono::seconds(std::min(s, kMaxBackoffSeconds));
}

json::object ToJson(const Row& r) {
  json::value payload = json::parse(r.Text(2));
  return json::object{{"id", r.Text(0)},
                      {"kind", r.Text(1)},
                      {"payload", payload},
                      {"status", r.Text(3)},
                      {"run_at", r.Text(4)},
                      {"attempts", r.Int(5)},
                      {"max_attempts", r.Int(6)},
                      {"last_error", OptionalString(r.OptText(7))},
                      {"unique_key", OptionalString(r.OptText(8))},
                      {"created_at", r.Text(9)},
                      {"updated_at", r.Text(10)},
                      {"runner", OptionalString(r.OptText(11))}};
}

}  // namespace

JobQueue::JobQueue(Db& db) : db_(db), runner_id_(NewId("run")) {}

JobQueue::~JobQueue() { Stop(); }

void JobQueue::Enqueue(Tx& tx, std::string_view kind, const json::object& payload, const std::string& run_at,
                       const std::optional<std::string>& unique_key, int64_t max_attempts) {
  std::string now = NowText();
  tx.Exec("INSERT INTO jobs (id, kind, payload, status, run_at, unique_key, max_attempts, created_at, updated_at) "
          "VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
          {NewId("job"), kind, json::serialize(payload), run_at, unique_key, max_attempts, now, now});
}

void JobQueue::Register(std::string kind, Handler handler) { handlers_[std::move(kind)] = std::move(handler); }

void JobQueue::RegisterDaily(std::string kind, Handler handler) {
  daily_.push_back(kind);
  Register(std::move(kind), std::move(handler));
}

void JobQueue::RegisterPeriodic(std::string kind, std::chrono::seconds every, Handler handler) {
  periodic_.push_back(Periodic{kind, every});
  Register(std::move(kind), std::move(handler));
}

bool JobQueue::EnqueueOnce(const std::string& kind, const json::object& payload, const std::string& run_at,
                           const std::string& key, int64_t max_attempts) {
  try {
    db_.Write([&](Tx& tx) {
      if (tx.QueryOne("SELECT 1 FROM jobs WHERE unique_key = ?", {key})) return;
      Enqueue(tx, kind, payload, run_at, key, max_attempts);
    });
  } catch (const Error& e) {
    // Another process scheduled it first (unique key): that is the point.
    if (e.status() != 409) {
      spdlog::warn("scheduling {} failed: {}", key, e.detail());
      return false;  // try again at the next poll
    }
  }
  return true;
}

void JobQueue::ScheduleDaily() {
  SysTime now = Now();
  std::string today = DateText(now);
  if (today == scheduled_day_) return;  // this process already made sure of today's jobs
  for (const auto& kind : daily_)
    if (!EnqueueOnce(kind, json::object{{"as_of", today}}, FormatTime(*ParseDate(today)), kind + ":" + today, 8))
      return;
  // Finished jobs are kept a week for GET /jobs, then dropped (periodic jobs add up).
  db_.Write([&](Tx& tx) {
    tx.Exec("DELETE FROM jobs WHERE status = 'done' AND updated_at < ?", {FormatTime(now - std::chrono::hours(24 * 7))});
  });
  scheduled_day_ = today;
}

void JobQueue::SchedulePeriodic() {
  int64_t seconds = UnixSeconds(Now());
  for (Periodic& p : periodic_) {
    int64_t slot = seconds / p.every.count();
    if (slot == p.scheduled_slot) continue;
    if (EnqueueOnce(p.kind, json::object{{"slot", slot}}, NowText(), p.kind + ":" + std::to_string(slot), 1))
      p.scheduled_slot = slot;
  }
}

std::optional<JobQueue::Claimed> JobQueue::Claim() {
  std::string now = NowText();
  std::string until = FormatTime(Now() + kLease);
  std::string lock = db_.dialect() == Dialect::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  // Look before taking the writer: most polls find nothing to do.
  static const std::string due = "SELECT 1 FROM jobs WHERE (status = 'queued' AND run_at <= ?) OR "
                                 "(status = 'running' AND locked_until < ?) LIMIT 1";
  if (!db_.Read([&](Tx& tx) { return tx.QueryOne(due, {now, now}).has_value(); })) return std::nullopt;
  return db_.Write([&](Tx& tx) -> std::optional<Claimed> {
    auto row = tx.QueryOne("SELECT id, kind, payload, attempts, max_attempts FROM jobs "
                           "WHERE (status = 'queued' AND run_at <= ?) OR (status = 'running' AND locked_until < ?) "
                           "ORDER BY run_at LIMIT 1" + lock,
                           {now, now});
    if (!row) return std::nullopt;
    tx.Exec("UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ?, locked_until = ?, "
            "updated_at = ? WHERE id = ?",
            {runner_id_, until, now, row->Text(0)});
    json::value payload = json::parse(row->Text(2));
    return Claimed{row->Text(0), row->Text(1), payload.is_object() ? payload.as_object() : json::object{},
                   row->Int(3) + 1, row->Int(4)};
  });
}

void JobQueue::Finish(const Claimed& job, const std::string& error) {
  std::string now = NowText();
  db_.Write([&](Tx& tx) {
    if (error.empty()) {
      tx.Exec("UPDATE jobs SET status = 'done', locked_until = NULL, last_error = NULL, updated_at = ? "
              "WHERE id = ? AND locked_by = ?",
              {now, job.id, runner_id_});
    } else if (job.attempts >= job.max_attempts) {
      tx.Exec("UPDATE jobs SET status = 'failed', locked_until = NULL, last_error = ?, updated_at = ? "
              "WHERE id = ? AND locked_by = ?",
              {error.substr(0, 2000), now, job.id, runner_id_});
    } else {
      tx.Exec("UPDATE jobs SET status = 'queued', run_at = ?, locked_until = NULL, last_error = ?, updated_at = ? "
              "WHERE id = ? AND locked_by = ?",
              {FormatTime(Now() + Backoff(job.attempts)), error.substr(0, 2000), now, job.id, runner_id_});
    }
  });
}

int JobQueue::RunDue() {
  ScheduleDaily();
  SchedulePeriodic();
  int ran = 0;
  while (auto job = Claim()) {
    std::string error;
    auto handler = handlers_.find(job->kind);
    try {
      if (handler == handlers_.end()) throw std::runtime_error("no handler for job kind " + job->kind);
      handler->second(job->payload);
    } catch (const PermanentJobFailure& e) {
      error = std::string(e.what()) + " (not retried)";
      job->attempts = job->max_attempts;
    } catch (const Error& e) {
      error = e.detail().empty() ? e.slug() : e.detail();
    } catch (const std::exception& e) {
      error = e.what();
    }
    if (!error.empty()) spdlog::warn("job {} ({}) failed, attempt {}: {}", job->id, job->kind, job->attempts, error);
    Finish(*job, error);
    ++ran;
    std::lock_guard lock(mutex_);
    if (stopping_) break;
  }
  return ran;
}

void JobQueue::Start(std::chrono::milliseconds poll_interval) {
  thread_ = std::thread([this, poll_interval] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        RunDue();
      } catch (const std::exception& e) {
        spdlog::error("job runner: {}", e.what());
      }
      lock.lock();
      wake_.wait_for(lock, poll_interval, [this] { return stopping_ || poked_; });
      poked_ = false;
    }
  });
}

void JobQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

json::object JobQueue::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "jobs",
      .columns = "jobs.id, jobs.kind, jobs.payload, jobs.status, jobs.run_at, jobs.attempts, jobs.max_attempts, "
                 "jobs.last_error, jobs.unique_key, jobs.created_at, jobs.updated_at, jobs.locked_by",
      .sorts = {{"created_at", "jobs.created_at"}, {"run_at", "jobs.run_at"}},
      .filters = {"kind", "status"},
      .archivable = false,
      .searchable = false,
      .default_sort = "-created_at",
  };
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) { return ToJson(r); });
}

json::object JobQueue::RunNow(const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"kind", "as_of"});
  auto kind = v.Text("kind", 60);
  auto as_of = v.Date("as_of", false);
  v.Require("kind", kind);
  if (kind.is_set() && !handlers_.contains(*kind.value)) v.Add("kind", "is not a kind of job this server runs");
  v.Finish();
  json::object payload;
  if (as_of.is_set()) payload["as_of"] = *as_of.value;
  else payload["as_of"] = DateText(Now());
  db_.Write([&](Tx& tx) { Enqueue(tx, *kind.value, payload, NowText()); });
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
  return json::object{{"queued", true}, {"kind", *kind.value}, {"payload", payload}};
}

}  // namespace hearth
