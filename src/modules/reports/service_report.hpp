// The service report for managers: case volumes over time (by kind, channel, priority),
// first-response and resolution times in business minutes (median and 90th percentile),
// SLA compliance, the backlog and its age, per-agent workload and repeat complaints —
// as JSON for the dashboard or as CSV for a spreadsheet. Built from indexed range
// queries over the period, so it stays fast on large case tables.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

struct ReportPeriod {
  std::string from, to;          // YYYY-MM-DD, inclusive, UTC
  std::string bucket = "week";   // day, week, month
};

// Reads from, to and bucket (defaults: the last 28 days by week); throws Error 400/422.
ReportPeriod ParseReportPeriod(const Ctx& ctx);

json::object BuildServiceReport(Tx& tx, const ReportPeriod& period);
// One row per figure: section,period,dimension,key,value.
std::string ServiceReportCsv(const json::object& report);
// A few sentences for the weekly digest email.
std::string ServiceReportSummary(const json::object& report);

}  // namespace hearth
