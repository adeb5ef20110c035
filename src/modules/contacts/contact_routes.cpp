#include "modules/contacts/contact_routes.hpp"

#include "modules/record_routes.hpp"

namespace hearth {

void AddContactRoutes(Router& r, ContactService& contacts) {
  AddRecordRoutes(r, "/api/v1/contacts", contacts);
  r.Post("/api/v1/contacts/reassign", Access::kManager,
         [&](Ctx& c) { return Response::Json(contacts.Reassign(c.principal().user_id, c.Body())); });
  r.Post("/api/v1/contacts/{id}/phase", Access::kAgent, [&](Ctx& c) {
    return RecordResponse(contacts.MovePhase(c.principal().user_id, std::string(c.Param("id")), c.Body()));
  });
  r.Get("/api/v1/contacts/{id}/phases", Access::kViewer,
        [&](Ctx& c) { return Response::Json(contacts.Phases(std::string(c.Param("id")))); });
}

}  // namespace hearth
