// Case: a customer's complaint, question, request or incident that the service desk
// works to resolution — who owns it and why, its status, and its service-level clocks
// (first response and resolution, counted in business time by the matching SLA policy).
#pragma once

#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

struct Case {
  std::string id;
  int64_t number = 0;  // the reference people quote ("#1042"); assigned on insert
  std::string contact_id, subject;
  std::optional<std::string> description;
  std::string kind = "question", priority = "normal", status = "new", channel = "other";
  std::optional<std::string> owner_id;
  std::string assignment_rule, assignment_reason;
  std::optional<std::string> assigned_at, sla_policy_id;
  std::string opened_at;
  std::optional<std::string> first_response_due_at, first_response_warn_at, resolution_due_at, resolution_warn_at;
  std::string next_due_at;  // kFarFuture when no clock runs
  std::optional<std::string> first_responded_at;
  std::optional<int64_t> first_response_minutes;
  std::optional<std::string> resolved_at;
  std::optional<int64_t> resolution_minutes;
  std::optional<std::string> closed_at;
  std::string sla_state = "ok";
  std::optional<std::string> sla_paused_at;
  int64_t sla_paused_minutes = 0;
  bool first_response_breached = false, resolution_breached = false;
  std::optional<std::string> escalation_level, email_thread_id, created_by, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

inline const std::initializer_list<std::string_view> kCaseKinds = {"complaint", "question", "request", "incident"};
inline const std::initializer_list<std::string_view> kCasePriorities = {"low", "normal", "high", "urgent"};
inline const std::initializer_list<std::string_view> kCaseStatuses = {"new", "open", "pending", "resolved", "closed"};
inline const std::initializer_list<std::string_view> kCaseChannels = {"email", "phone", "portal", "web", "chat",
                                                                      "social", "visit", "letter", "other"};

// Statuses in which the service-level clocks run.
inline bool ClockRuns(std::string_view status) { return status == "new" || status == "open"; }
inline bool IsOpenStatus(std::string_view status) { return status == "new" || status == "open" || status == "pending"; }

json::object ToJson(const Case& c);

}  // namespace hearth
