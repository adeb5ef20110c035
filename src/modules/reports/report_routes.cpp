#include "modules/reports/report_routes.hpp"

#include "core/error.hpp"
#include "modules/reports/report_cache.hpp"
#include "modules/reports/service_report.hpp"

#include <memory>

namespace hearth {

void AddReportRoutes(Router& r, Db& db, DigestService& digests) {
  auto cache = std::make_shared<ReportCache>();
  r.Get("/api/v1/reports/service", Access::kManager, [&db, cache](Ctx& c) {
    ReportPeriod period = ParseReportPeriod(c);
    std::string_view format = c.Query("format").value_or("json");
    if (format != "json" && format != "csv") throw Error::BadRequest("format must be json or csv.");
    json::object report = cache->ServiceReport(db, period);
    if (format == "json") return Response::Json(report);
    Response res;
    res.content_type = "text/csv; charset=utf-8";
    res.body = ServiceReportCsv(report);
    res.With("Content-Disposition",
             "attachment; filename=\"service-report-" + period.from + "-to-" + period.to + ".csv\"");
    return res;
  });
  r.Get("/api/v1/reports/digests", Access::kManager, [&](Ctx& c) { return Response::Json(digests.List(c)); });
  r.Get("/api/v1/reports/digests/{id}", Access::kManager,
        [&](Ctx& c) { return Response::Json(digests.Get(std::string(c.Param("id")))); });
}

}  // namespace hearth
