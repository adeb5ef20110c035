// The routes every record collection shares (list, create, read, merge-patch, archive,
// and batch create), for any service with the same method shape as ContactService.
#pragma once

#include "http/router.hpp"
#include "modules/record.hpp"

#include <string>

namespace hearth {

// List and read for `read`, create, patch and archive for `write`.
template <class Service>
void AddCrudRoutes(Router& r, const std::string& base, Service& service, Access read = Access::kViewer,
                   Access write = Access::kAgent) {
  r.Get(base, read, [&](Ctx& c) { return Response::Json(service.List(c)); });
  r.Post(base, write, [&, base](Ctx& c) {
    return CreatedResponse(service.Create(c.principal().user_id, c.Body()), base);
  });
  r.Get(base + "/{id}", read, [&](Ctx& c) { return RecordResponse(service.Get(std::string(c.Param("id")))); });
  r.Patch(base + "/{id}", write, [&](Ctx& c) {
    return RecordResponse(service.Update(c.principal().user_id, std::string(c.Param("id")), c.Body(), c.IfMatchVersion()));
  });
  r.Delete(base + "/{id}", write, [&](Ctx& c) {
    service.Archive(c.principal().user_id, std::string(c.Param("id")), c.IfMatchVersion());
    return Response::NoContent();
  });
}

// AddCrudRoutes plus POST base/batch.
template <class Service>
void AddRecordRoutes(Router& r, const std::string& base, Service& service) {
  AddCrudRoutes(r, base, service);
  r.Post(base + "/batch", Access::kAgent, [&](Ctx& c) {
    return Response::Json(json::object{{"items", service.CreateBatch(c.principal().user_id, c.Body())}}, 201);
  });
}

}  // namespace hearth
