// A small cache for the service report: computing it reads every case of the period
// (tens of thousands on a large desk), while dashboards ask for the same period again and
// again. An entry is used while no case has changed since it was computed (the "cases"
// data version is unchanged, one primary-key lookup) and it is under a minute old (the
// backlog's ages move with the clock). One request per period computes at a time: others
// wait for its result, or — when only the minute is up — are answered from the old entry
// meanwhile. Several servers each keep their own.
#pragma once

#include "core/json.hpp"
#include "modules/reports/service_report.hpp"
#include "storage/db.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace hearth {

class ReportCache {
 public:
  json::object ServiceReport(Db& db, const ReportPeriod& period);

 private:
  struct Slot {
    std::mutex computing;  // held by the one request computing this period
    json::object report;
    int64_t cases_version = -1;
    std::chrono::steady_clock::time_point made;
    bool filled = false;
  };
  static constexpr size_t kMaxEntries = 64;
  static constexpr std::chrono::seconds kMaxAge{60};

  std::mutex mutex_;  // guards slots_ and every slot's data
  std::map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace hearth
