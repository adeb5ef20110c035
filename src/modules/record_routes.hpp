// The routes every record collection shares (list, create, batch, read, merge-patch,
// archive), for any service with the same method shape as ContactService.
#pragma once

#include "http/router.hpp"
#include "modules/record.hpp"

#include <string>

namespace hearth {

template <class Service>
void AddRecordRoutes(Router& r, const std::string& base, Service& service) {
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(service.List(c)); });
  r.Post(base, Access::kAgent, [&, base](Ctx& c) {
    return CreatedResponse(service.Create(c.principal().user_id, c.Body()), base);
  });
  r.Post(base + "/batch", Access::kAgent, [&](Ctx& c) {
    return Response::Json(json::object{{"items", service.CreateBatch(c.principal().user_id, c.Body())}}, 201);
  });
  r.Get(base + "/{id}", Access::kViewer, [&](Ctx& c) { return RecordResponse(service.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    return RecordResponse(service.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", Access::kAgent, [&](Ctx& c) {
    service.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
}

}  // namespace hearth
