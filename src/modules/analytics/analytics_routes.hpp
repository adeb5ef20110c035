// HTTP routes of the analytics module: /api/v1/analytics/… and the analytics setting.
#pragma once

#include "http/router.hpp"
#include "modules/analytics/analytics_service.hpp"
#include "storage/db.hpp"

namespace hearth {

void AddAnalyticsRoutes(Router& r, Db& db, AnalyticsService& analytics);

}  // namespace hearth
