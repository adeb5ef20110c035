// The analytics service: keeps the current Analysis of the customer base in memory and
// answers from it. An analysis is current while the "orders" data version, the day and
// the analytics setting are unchanged. When one of them moved, requests are answered
// from the previous analysis (marked `stale`) while a new one is computed in the
// background — unless the previous one took under a second, then the request waits for
// a new one. The durable `analytics-refresh` job recomputes on schedule. The first
// request ever and `refresh` always wait. Each server keeps its own.
// Per customer, what changes with every case or product — products bought, health's
// service signals, recommendations — is read live and combined with the analysis.
#pragma once

#include "core/json.hpp"
#include "jobs/job_queue.hpp"
#include "modules/analytics/analysis.hpp"
#include "storage/db.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace hearth {

struct PageRequest {
  int limit = 50;
  size_t offset = 0;  // decoded from the cursor
};

class AnalyticsService {
 public:
  explicit AnalyticsService(Db& db);
  ~AnalyticsService();

  void RegisterJobs(JobQueue& jobs);

  // The current analysis; computed now if there is none yet or `refresh` is asked.
  std::shared_ptr<const analytics::Analysis> Current(bool refresh = false);

  // When the analysis was made, of how much, and how long each step took.
  json::object Status(bool refresh);
  json::object Customer(const std::string& contact_id, bool refresh);
  json::object Rfm(const std::optional<std::string>& segment, const PageRequest& page, bool refresh);
  json::object Clv(const PageRequest& page, bool refresh);
  json::object Affinity(int limit, bool refresh);
  json::object Due(const std::optional<std::string>& owner_id, const std::optional<std::string>& status,
                   const PageRequest& page, bool refresh);
  // Follow-up calls for due customers, one per customer and due date.
  json::object CreateDueTasks(const std::string& actor_id, const json::object& body);

 private:
  struct Key {
    int64_t data_version = -1;
    int32_t today = 0;
    std::string settings;
    bool operator==(const Key&) const = default;
  };
  struct Fetched {
    std::shared_ptr<const analytics::Analysis> analysis;
    bool stale = false;  // the data, the day or the setting moved since it was computed
  };
  Fetched Fetch(bool refresh);
  Key CurrentKey();
  std::shared_ptr<const analytics::Analysis> Compute(const Key& key);
  void BackgroundLoop();
  json::object Meta(const Fetched& f);

  Db& db_;
  std::mutex mu_;  // guards current_, current_key_, wanted_, stop_
  std::shared_ptr<const analytics::Analysis> current_;
  Key current_key_;
  std::mutex computing_;  // one computation at a time
  std::condition_variable wake_;
  bool wanted_ = false, stop_ = false;
  std::thread worker_;
};

}  // namespace hearth
