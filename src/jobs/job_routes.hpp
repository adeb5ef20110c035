// GET /api/v1/jobs and POST /api/v1/jobs/run (admin).
#pragma once

#include "http/router.hpp"
#include "jobs/job_queue.hpp"

namespace hearth {

void AddJobRoutes(Router& r, JobQueue& jobs);

}  // namespace hearth
