// Routes of the sales pipeline: /api/v1/opportunities (agents and up write, any staff
// reads), the forecast, POST /api/v1/cases/{id}/opportunity and /settings/pipeline
// (admin to change).
#pragma once

#include "http/router.hpp"
#include "modules/opportunities/opportunity_service.hpp"
#include "storage/db.hpp"

namespace hearth {

void AddOpportunityRoutes(Router& r, Db& db, OpportunityService& opportunities);

}  // namespace hearth
