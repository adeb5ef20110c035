// Routes: GET /api/v1/reports/service (JSON, or CSV with format=csv) and the weekly
// digests at /api/v1/reports/digests — managers and admins.
#pragma once

#include "http/router.hpp"
#include "modules/reports/digest.hpp"

namespace hearth {

void AddReportRoutes(Router& r, Db& db, DigestService& digests);

}  // namespace hearth
