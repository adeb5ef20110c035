#include "modules/audit/audit_routes.hpp"

namespace hearth {

void AddAuditRoutes(Router& r, AuditService& audit) {
  r.Get("/api/v1/audit", Access::kManager, [&](Ctx& c) { return Response::Json(audit.List(c)); });
}

}  // namespace hearth
