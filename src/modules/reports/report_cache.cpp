#include "modules/reports/report_cache.hpp"

#include "storage/data_version.hpp"

namespace hearth {

json::object ReportCache::ServiceReport(Db& db, const ReportPeriod& period) {
  std::string key = period.from + "/" + period.to + "/" + period.bucket;
  int64_t version = db.Read([](Tx& tx) { return ReadDataVersion(tx, "cases"); });
  auto usable = [&](const Slot& s) {
    return s.filled && s.cases_version == version && std::chrono::steady_clock::now() - s.made < kMaxAge;
  };

  std::shared_ptr<Slot> slot;
  {
    std::lock_guard lock(mutex_);
    if (slots_.size() >= kMaxEntries && !slots_.count(key)) slots_.clear();  // many periods asked for: start again
    auto& found = slots_[key];
    if (!found) found = std::make_shared<Slot>();
    slot = found;
    if (usable(*slot)) return slot->report;
  }
  std::unique_lock computing(slot->computing, std::try_to_lock);
  if (!computing.owns_lock()) {
    {
      // Someone is computing it. Only the minute is up (no case changed): the old answer will do.
      std::lock_guard lock(mutex_);
      if (slot->filled && slot->cases_version == version) return slot->report;
    }
    computing.lock();  // the data changed: wait for the fresh answer
    std::lock_guard lock(mutex_);
    if (usable(*slot)) return slot->report;
  }
  json::object report = db.Read([&](Tx& tx) { return BuildServiceReport(tx, period); });
  std::lock_guard lock(mutex_);
  slot->report = report;
  slot->cases_version = version;
  slot->made = std::chrono::steady_clock::now();
  slot->filled = true;
  return report;
}

}  // namespace hearth
