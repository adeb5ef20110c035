// Who gets a case: one person per customer. A new case goes to the customer's owner;
// when there is none, or the owner is away (users.away_from … away_until), it goes to
// the service team in round-robin, least-loaded first (fewest open cases, then the one
// whose last case came longest ago). The rule and a reason a person reads are kept.
#pragma once

#include "core/time.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct Assignment {
  std::optional<std::string> owner_id;
  std::string rule;    // owner, round_robin, manual, escalation, unassigned
  std::string reason;  // "Ann Berg is away until 2026-12-01; least loaded on the service team (2 open cases)"
};

// For a new case of a customer with this owner (if any).
Assignment RouteToOwnerOrTeam(Tx& tx, const std::optional<std::string>& customer_owner, SysTime now);
// The least-loaded available member of the service team, if anyone is available. Takes
// the routing lock so two cases at once do not both go to the same person.
Assignment RouteToTeam(Tx& tx, SysTime now, const std::string& why);

bool IsAway(Tx& tx, const std::string& user_id, SysTime now);
std::string UserName(Tx& tx, const std::string& user_id);

}  // namespace hearth
