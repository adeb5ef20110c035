#include "modules/cx_policy/cx_policy_routes.hpp"

#include "modules/record.hpp"

namespace hearth {

void AddCxPolicyRoutes(Router& r, CxPolicyService& policies) {
  const std::string base = "/api/v1/cx-policies";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(policies.List(c)); });
  r.Post(base, Access::kAdmin,
         [&, base](Ctx& c) { return CreatedResponse(policies.Publish(c.principal().user_id, c.Body()), base); });
  r.Get(base + "/current", Access::kViewer,
        [&](Ctx& c) { return Response::Json(policies.Current(c.principal().user_id)); });
  r.Get(base + "/{id}", Access::kViewer, [&](Ctx& c) {
    return RecordResponse(policies.Get(c.principal().user_id, std::string(c.Param("id"))));
  });
  r.Post(base + "/{id}/acknowledge", Access::kViewer, [&](Ctx& c) {
    return Response::Json(policies.Acknowledge(c.principal().user_id, std::string(c.Param("id"))));
  });
  r.Get(base + "/{id}/acknowledgements", Access::kManager,
        [&](Ctx& c) { return Response::Json(policies.Acknowledgements(std::string(c.Param("id")))); });
}

}  // namespace hearth
