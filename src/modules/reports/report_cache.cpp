#include "modules/reports/report_cache.hpp"

#include "core/time.hpp"

namespace hearth {

json::object ReportCache::ServiceReport(Db& db, const ReportPeriod& period) {
  std::string key = period.from + "/" + period.to + "/" + period.bucket;
  auto now = std::chrono::steady_clock::now();
  std::string version = db.Read([](Tx& tx) {
    auto row = tx.QueryOne("SELECT MAX(updated_at) FROM cases");
    return row->OptText(0).value_or("");
  });
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.cases_version == version && now - it->second.made < kMaxAge)
      return it->second.report;
  }
  json::object report = db.Read([&](Tx& tx) { return BuildServiceReport(tx, period); });
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();  // rare: many periods asked for; start again
  entries_[key] = Entry{report, version, now};
  return report;
}

}  // namespace hearth
