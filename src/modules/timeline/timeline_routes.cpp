#include "modules/timeline/timeline_routes.hpp"

namespace hearth {

void AddTimelineRoutes(Router& r, TimelineService& timeline) {
  r.Get("/api/v1/contacts/{id}/timeline", Access::kViewer,
        [&](Ctx& c) { return Response::Json(timeline.List(std::string(c.Param("id")), c)); });
}

}  // namespace hearth
