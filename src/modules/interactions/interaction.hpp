// Interaction: one contact between staff and a customer or prospect — a call, email,
// meeting, visit… — inbound or outbound, when, by whom, about what, how it went.
#pragma once

#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

struct Interaction {
  std::string id, contact_id;
  std::optional<std::string> user_id;
  std::string channel, direction, occurred_at;
  std::optional<std::string> subject, notes, outcome;
  std::optional<int64_t> sentiment;
  std::optional<std::string> override_reason, task_id, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

inline const std::initializer_list<std::string_view> kChannels = {
    "phone", "email", "meeting", "visit", "letter", "video", "chat", "sms", "social", "portal", "other"};
inline const std::initializer_list<std::string_view> kDirections = {"inbound", "outbound"};

json::object ToJson(const Interaction& i);

}  // namespace hearth
