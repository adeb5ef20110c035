// Task: a follow-up someone must do — call, email, card, gift, meeting — with a due
// time, an assignee, maybe a customer, and a status (open, done, cancelled).
#pragma once

#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

struct Task {
  std::string id, title, kind = "other";
  std::optional<std::string> due_at;
  std::string assignee_id;
  std::optional<std::string> contact_id;
  std::string status = "open";
  std::optional<std::string> notes, completed_at, interaction_id, source, source_key, created_by, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

inline const std::initializer_list<std::string_view> kTaskKinds = {"call", "email", "card", "gift",
                                                                   "meeting", "note", "sales_lead", "other"};
inline const std::initializer_list<std::string_view> kTaskStatuses = {"open", "done", "cancelled"};

json::object ToJson(const Task& t);

}  // namespace hearth
