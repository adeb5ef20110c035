#include "modules/opportunities/opportunity_routes.hpp"

#include "modules/opportunities/pipeline.hpp"
#include "modules/record_routes.hpp"

namespace hearth {

void AddOpportunityRoutes(Router& r, Db& db, OpportunityService& opportunities) {
  const std::string base = "/api/v1/opportunities";
  // Before base/{id}, which would take "forecast" for an id.
  r.Get(base + "/forecast", Access::kViewer, [&](Ctx& c) { return Response::Json(opportunities.Forecast(c)); });
  AddCrudRoutes(r, base, opportunities);
  r.Post("/api/v1/cases/{id}/opportunity", Access::kAgent, [&, base](Ctx& c) {
    json::object body = c.request().body.empty() ? json::object{} : c.Body();
    return CreatedResponse(opportunities.CreateFromCase(c.principal().user_id, std::string(c.Param("id")), body), base);
  });
  AddSettingRoutes(r, db, PipelineSetting(), Access::kAdmin);
}

}  // namespace hearth
