#include "modules/users/user_routes.hpp"

#include "modules/record.hpp"

namespace hearth {

void AddUserRoutes(Router& r, UserService& users) {
  const std::string base = "/api/v1/users";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(users.List(c)); });
  r.Post(base, Access::kAdmin, [&, base](Ctx& c) {
    return CreatedResponse(users.Create(c.principal().user_id, c.Body()), base);
  });
  r.Get(base + "/{id}", Access::kViewer, [&](Ctx& c) { return RecordResponse(users.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kAdmin, [&](Ctx& c) {
    return RecordResponse(users.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Put("/api/v1/me/away", Access::kViewer,
        [&](Ctx& c) { return Response::Json(users.SetAway(c.principal().user_id, c.Body())); });
  r.Delete(base + "/{id}", Access::kAdmin, [&](Ctx& c) {
    users.Deactivate(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
}

}  // namespace hearth
