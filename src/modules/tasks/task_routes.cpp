#include "modules/tasks/task_routes.hpp"

#include "modules/record.hpp"
#include "modules/tasks/follow_ups.hpp"

namespace hearth {

void AddTaskRoutes(Router& r, Db& db, TaskService& tasks) {
  const std::string base = "/api/v1/tasks";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(tasks.List(c)); });
  r.Get(base + "/mine", Access::kViewer, [&](Ctx& c) { return Response::Json(tasks.Mine(c)); });
  r.Post(base, Access::kAgent,
         [&, base](Ctx& c) { return CreatedResponse(tasks.Create(c.principal().user_id, c.Body()), base); });
  r.Get(base + "/{id}", Access::kViewer, [&](Ctx& c) { return RecordResponse(tasks.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    return RecordResponse(tasks.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    tasks.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
  r.Post(base + "/{id}/complete", Access::kAgent, [&](Ctx& c) {
    json::object body = c.request().body.empty() ? json::object{} : c.Body();
    return Response::Json(tasks.Complete(c.principal().user_id, std::string(c.Param("id")), body));
  });
  AddSettingRoutes(r, db, FollowUpSetting(), Access::kAdmin);
}

}  // namespace hearth
