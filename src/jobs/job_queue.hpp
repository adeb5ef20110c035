// JobQueue: durable background jobs (a transactional outbox). A job is a row in `jobs`,
// written with Enqueue inside the transaction of the change that needs it, so it exists
// exactly when the change does. A runner thread claims due jobs — the claim is a lease,
// so a job whose process died is claimed again when the lease ends — runs the kind's
// handler, and on failure retries with exponential backoff. Daily kinds get one job per
// UTC day (a unique key), however many processes run. On PostgreSQL several processes
// share the queue (FOR UPDATE SKIP LOCKED). Time comes from Now(), so `serve --clock`
// moves it. The queue knows no domain: the app registers the handlers.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace hearth {

// Thrown by a handler when trying again cannot help (e.g. the mail server refused the
// address for good): the job fails at once instead of being retried.
struct PermanentJobFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class JobQueue {
 public:
  // Runs one job; throws to fail it (it is retried). Must be safe to run twice.
  using Handler = std::function<void(const json::object& payload)>;

  explicit JobQueue(Db& db);
  ~JobQueue();

  static void Enqueue(Tx& tx, std::string_view kind, const json::object& payload, const std::string& run_at,
                      const std::optional<std::string>& unique_key = std::nullopt, int64_t max_attempts = 8);

  void Register(std::string kind, Handler handler);
  // One job of `kind` per UTC day, with payload {"as_of": "YYYY-MM-DD"}.
  void RegisterDaily(std::string kind, Handler handler);
  // One job of `kind` per interval (e.g. polling a mailbox every minute), with payload
  // {"slot": N}; a failed run is not retried: the next interval runs it again.
  void RegisterPeriodic(std::string kind, std::chrono::seconds every, Handler handler);

  // The runner thread: every poll_interval, schedules today's daily jobs and runs every due job.
  void Start(std::chrono::milliseconds poll_interval = std::chrono::milliseconds(1000));
  void Stop();
  // Schedules daily jobs and runs due jobs until none is left; returns how many ran.
  int RunDue();

  json::object List(const Ctx& ctx);
  // POST /jobs/run {"kind","as_of"?}: queues a run of a registered kind now.
  json::object RunNow(const json::object& body);

 private:
  struct Claimed {
    std::string id, kind;
    json::object payload;
    int64_t attempts = 0, max_attempts = 8;
  };
  std::optional<Claimed> Claim();
  void Finish(const Claimed& job, const std::string& error);
  void ScheduleDaily();
  void SchedulePeriodic();
  // Enqueues the job with this unique key unless it exists (another process made it).
  bool EnqueueOnce(const std::string& kind, const json::object& payload, const std::string& run_at,
                   const std::string& key, int64_t max_attempts);

  struct Periodic {
    std::string kind;
    std::chrono::seconds every;
    int64_t scheduled_slot = -1;
  };

  Db& db_;
  std::string runner_id_;
  std::map<std::string, Handler> handlers_;
  std::vector<std::string> daily_;
  std::vector<Periodic> periodic_;
  std::string scheduled_day_;  // the UTC day whose daily jobs this process has scheduled
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poked_ = false;  // RunNow queued a job: run it without waiting for the poll
};

}  // namespace hearth
