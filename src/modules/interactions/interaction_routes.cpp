#include "modules/interactions/interaction_routes.hpp"

#include "modules/interactions/contact_pressure.hpp"
#include "modules/interactions/early_warning.hpp"
#include "modules/record.hpp"

namespace hearth {

void AddInteractionRoutes(Router& r, Db& db, InteractionService& interactions, ContactService& contacts) {
  const std::string base = "/api/v1/interactions";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(interactions.List(c)); });
  r.Post(base, Access::kAgent, [&, base](Ctx& c) {
    return CreatedResponse(interactions.Create(c.principal().user_id, c.Body()), base);
  });
  r.Get(base + "/{id}", Access::kViewer,
        [&](Ctx& c) { return RecordResponse(interactions.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    return RecordResponse(
        interactions.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    interactions.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
  r.Get("/api/v1/contacts/{id}/pressure", Access::kViewer,
        [&](Ctx& c) { return Response::Json(interactions.Pressure(std::string(c.Param("id")), c)); });
  r.Get("/api/v1/attention", Access::kViewer, [&](Ctx& c) {
    return Response::Json(NeedsAttention(db, c, [&](Tx& tx, const std::string& id) -> json::value {
      auto contact = contacts.FindInTx(tx, id);
      if (!contact) return nullptr;
      return *contact;
    }));
  });
  AddSettingRoutes(r, db, ContactPressureSetting(), Access::kAdmin);
  AddSettingRoutes(r, db, EarlyWarningSetting(), Access::kManager);
}

}  // namespace hearth
