// /api/v1/tasks (read: viewer+, write: agent+), /tasks/mine, /tasks/{id}/complete and the
// follow-up settings (write: admin).
#pragma once

#include "http/router.hpp"
#include "modules/tasks/task_service.hpp"

namespace hearth {

void AddTaskRoutes(Router& r, Db& db, TaskService& tasks);

}  // namespace hearth
