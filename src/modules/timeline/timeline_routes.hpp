// GET /api/v1/contacts/{id}/timeline (viewer+).
#pragma once

#include "http/router.hpp"
#include "modules/timeline/timeline_service.hpp"

namespace hearth {

void AddTimelineRoutes(Router& r, TimelineService& timeline);

}  // namespace hearth
