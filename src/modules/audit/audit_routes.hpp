// HTTP route of /api/v1/audit (managers and admins).
#pragma once

#include "http/router.hpp"
#include "modules/audit/audit_service.hpp"

namespace hearth {

void AddAuditRoutes(Router& r, AuditService& audit);

}  // namespace hearth
