#include "modules/reports/digest.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "modules/list_query.hpp"
#include "modules/mail/outbox.hpp"
#include "modules/reports/service_report.hpp"

namespace hearth {

namespace {

constexpr const char* kKind = "service_weekly";
constexpr const char* kColumns =
    "report_digests.id, report_digests.kind, report_digests.period_start, report_digests.period_end, "
    "report_digests.created_at, report_digests.data";

std::string ShiftDate(const std::string& date, int days) {
  return DateText(*ParseDate(date) + std::chrono::hours(24 * days));
}

json::object FromRow(const Row& r, bool with_data) {
  json::value data = json::parse(r.Text(5));
  json::object out{{"id", r.Text(0)},
                   {"kind", r.Text(1)},
                   {"period_start", r.Text(2)},
                   {"period_end", r.Text(3)},
                   {"summary", data.at("summary")},
                   {"created_at", r.Text(4)}};
  if (with_data) out["data"] = data.at("report");
  return out;
}

}  // namespace

void DigestService::RunDaily(const std::string& as_of) {
  auto day = ParseDate(as_of);
  if (!day) return;
  int64_t days = std::chrono::duration_cast<std::chrono::hours>(day->time_since_epoch()).count() / 24;
  if ((days + 3) % 7 != 0) return;  // Mondays only (1970-01-01 was a Thursday)
  ReportPeriod period{ShiftDate(as_of, -7), ShiftDate(as_of, -1), "day"};
  db_.Write([&](Tx& tx) {
    tx.LockKey(std::string("digest:") + kKind + ":" + period.from);
    if (tx.QueryOne("SELECT 1 FROM report_digests WHERE kind = ? AND period_start = ?", {kKind, period.from})) return;
    json::object report = BuildServiceReport(tx, period);
    std::string summary = ServiceReportSummary(report);
    json::object data{{"summary", summary}, {"report", report}};
    tx.Exec("INSERT INTO report_digests (id, kind, period_start, period_end, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            {NewId("dig"), kKind, period.from, period.to, json::serialize(data), NowText()});
    for (const Row& r : tx.Query("SELECT email FROM users WHERE active = 1 AND role = 'manager' ORDER BY id LIMIT 200"))
      QueueEmail(tx, OutgoingEmail{r.Text(0), "Service desk weekly digest: " + period.from + " to " + period.to,
                                   summary, std::nullopt, std::nullopt, std::nullopt, true});
  });
}

json::object DigestService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "report_digests",
      .columns = kColumns,
      .sorts = {{"period_start", "report_digests.period_start"}},
      .filters = {"kind"},
      .archivable = false,
      .searchable = false,
      .default_sort = "-period_start",
  };
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) { return FromRow(r, false); });
}

json::object DigestService::Get(const std::string& id) {
  auto row = db_.Read([&](Tx& tx) {
    return tx.QueryOne(std::string("SELECT ") + kColumns + " FROM report_digests WHERE id = ?", {id});
  });
  if (!row) throw Error::NotFound("No digest has that id.");
  return FromRow(*row, true);
}

}  // namespace hearth
