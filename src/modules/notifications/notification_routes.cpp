#include "modules/notifications/notification_routes.hpp"

namespace hearth {

void AddNotificationRoutes(Router& r, NotificationService& notifications) {
  const std::string base = "/api/v1/notifications";
  r.Get(base, Access::kViewer, [&](Ctx& c) { return Response::Json(notifications.List(c)); });
  r.Post(base + "/read-all", Access::kViewer,
         [&](Ctx& c) { return Response::Json(notifications.MarkAllRead(c.principal().user_id)); });
  r.Post(base + "/{id}/read", Access::kViewer, [&](Ctx& c) {
    return Response::Json(notifications.MarkRead(c.principal().user_id, std::string(c.Param("id"))));
  });
}

}  // namespace hearth
