// In-app notifications for staff: SLA warnings and breaches, escalations, new cases
// routed to someone. Modules add them inside their own transactions (Notify); a user
// lists their own and marks them read.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct Notification {
  std::string user_id, kind, title, body;
  std::optional<std::string> ref_type, ref_id;
};

class NotificationService {
 public:
  explicit NotificationService(Db& db) : db_(db) {}

  static void Notify(Tx& tx, const Notification& n);

  // GET /notifications: the caller's, newest first; `unread=true` for unread only.
  json::object List(const Ctx& ctx);
  // POST /notifications/{id}/read (only one's own; 404 otherwise).
  json::object MarkRead(const std::string& user_id, const std::string& id);
  // POST /notifications/read-all → {"marked": N}.
  json::object MarkAllRead(const std::string& user_id);

 private:
  Db& db_;
};

}  // namespace hearth
