// SLA policy: the service levels promised for cases of one priority (and optionally one
// kind) — first response and resolution within so many minutes of business time, with
// the business hours and holidays they are counted in.
#pragma once

#include "core/json.hpp"
#include "modules/sla/business_calendar.hpp"

#include <optional>
#include <string>

namespace hearth {

struct SlaPolicy {
  std::string id, name, priority;
  std::optional<std::string> kind;  // nullopt: every kind of that priority
  int64_t first_response_minutes = 0, resolution_minutes = 0;
  json::value business_hours, holidays;
  std::optional<std::string> archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;

  BusinessCalendar Calendar() const { return BusinessCalendar::FromJson(business_hours, holidays); }
};

json::object ToJson(const SlaPolicy& p);

}  // namespace hearth
