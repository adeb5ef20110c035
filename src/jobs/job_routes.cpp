#include "jobs/job_routes.hpp"

namespace hearth {

void AddJobRoutes(Router& r, JobQueue& jobs) {
  r.Get("/api/v1/jobs", Access::kAdmin, [&](Ctx& c) { return Response::Json(jobs.List(c)); });
  r.Post("/api/v1/jobs/run", Access::kAdmin, [&](Ctx& c) { return Response::Json(jobs.RunNow(c.Body()), 202); });
}

}  // namespace hearth
