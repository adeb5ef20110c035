#include "modules/analytics/analytics_routes.hpp"

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "modules/analytics/analytics_settings.hpp"
#include "modules/list_query.hpp"
#include "modules/settings/settings.hpp"

#include <charconv>

namespace hearth {
namespace {

// `refresh=true` makes the request wait for a new analysis: managers only.
bool Refresh(const Ctx& c) {
  auto v = c.Query("refresh");
  if (!v || *v == "false") return false;
  if (*v != "true") throw Error::BadRequest("refresh must be true or false.");
  if (c.principal().role < Role::kManager) throw Error::Forbidden("Only managers can ask for a new analysis.");
  return true;
}

PageRequest Page(const Ctx& c) {
  PageRequest p;
  p.limit = ParseListLimit(c);
  if (auto cursor = c.Query("cursor"); cursor && !cursor->empty()) {
    std::string text;
    size_t offset = 0;
    bool ok = Base64UrlDecode(*cursor, text) && text.rfind("o:", 0) == 0;
    if (ok) {
      auto [end, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), offset);
      ok = ec == std::errc() && end == text.data() + text.size();
    }
    if (!ok) throw Error::BadRequest("cursor is not one this list gave.", "invalid-cursor");
    p.offset = offset;
  }
  return p;
}

std::optional<std::string> Text(const Ctx& c, std::string_view name) {
  auto v = c.Query(name);
  if (!v || v->empty()) return std::nullopt;
  return std::string(*v);
}

}  // namespace

void AddAnalyticsRoutes(Router& r, Db& db, AnalyticsService& analytics) {
  AddSettingRoutes(r, db, AnalyticsSetting(), Access::kAdmin);
  r.Get("/api/v1/analytics/customers/{contact_id}", Access::kAgent, [&](Ctx& c) {
    return Response::Json(analytics.Customer(std::string(c.Param("contact_id")), Refresh(c)));
  });
  r.Get("/api/v1/analytics/status", Access::kManager,
        [&](Ctx& c) { return Response::Json(analytics.Status(Refresh(c))); });
  r.Get("/api/v1/analytics/rfm", Access::kManager,
        [&](Ctx& c) { return Response::Json(analytics.Rfm(Text(c, "segment"), Page(c), Refresh(c))); });
  r.Get("/api/v1/analytics/clv", Access::kManager,
        [&](Ctx& c) { return Response::Json(analytics.Clv(Page(c), Refresh(c))); });
  r.Get("/api/v1/analytics/affinity", Access::kManager,
        [&](Ctx& c) { return Response::Json(analytics.Affinity(ParseListLimit(c), Refresh(c))); });
  r.Get("/api/v1/analytics/due", Access::kAgent, [&](Ctx& c) {
    auto owner = Text(c, "owner_id");
    if (owner == "me") owner = c.principal().user_id;
    return Response::Json(analytics.Due(owner, Text(c, "status"), Page(c), Refresh(c)));
  });
  r.Post("/api/v1/analytics/due/tasks", Access::kAgent, [&](Ctx& c) {
    json::object body = c.Body();
    if (const json::value* owner = body.if_contains("owner_id"); owner && owner->is_string() && owner->as_string() == "me")
      body["owner_id"] = c.principal().user_id;
    return Response::Json(analytics.CreateDueTasks(c.principal().user_id, body));
  });
}

}  // namespace hearth
