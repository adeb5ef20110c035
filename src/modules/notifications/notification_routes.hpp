// Routes: GET /api/v1/notifications, POST /notifications/{id}/read, POST /notifications/read-all.
#pragma once

#include "http/router.hpp"
#include "modules/notifications/notification_service.hpp"

namespace hearth {

void AddNotificationRoutes(Router& r, NotificationService& notifications);

}  // namespace hearth
