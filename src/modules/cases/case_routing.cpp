#include "modules/cases/case_routing.hpp"

namespace hearth {

namespace {

// A user is away from away_from until away_until (open-ended when until is missing).
constexpr const char* kAvailable =
    "(users.away_from IS NULL OR users.away_from > ? OR (users.away_until IS NOT NULL AND users.away_until <= ?))";

}  // namespace

std::string UserName(Tx& tx, const std::string& user_id) {
  auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?", {user_id});
  return row ? row->Text(0) : user_id;
}

bool IsAway(Tx& tx, const std::string& user_id, SysTime now) {
  std::string at = FormatTime(now);
  return !tx.QueryOne(std::string("SELECT 1 FROM users WHERE id = ? AND ") + kAvailable, {user_id, at, at});
}

Assignment RouteToTeam(Tx& tx, SysTime now, const std::string& why) {
  tx.LockKey("case-routing");  // two cases at once must not both go to the same least-loaded person
  std::string at = FormatTime(now);
  // The aliases are ordered on from outside: PostgreSQL allows no alias inside an ORDER BY expression.
  auto row = tx.QueryOne(
      std::string("SELECT id, name, open_cases FROM (SELECT users.id, users.name, "
                  "(SELECT COUNT(*) FROM cases WHERE cases.owner_id = users.id AND cases.archived_at IS NULL "
                  "AND cases.status IN ('new', 'open', 'pending')) AS open_cases, "
                  "(SELECT MAX(cases.assigned_at) FROM cases WHERE cases.owner_id = users.id) AS last_assigned "
                  "FROM users WHERE users.active = 1 AND users.service_team = 1 AND ") +
          kAvailable + ") team ORDER BY open_cases, COALESCE(last_assigned, ''), id LIMIT 1",
      {at, at});
  if (!row)
    return Assignment{std::nullopt, "unassigned", why + "; no one on the service team is available"};
  int64_t load = row->Int(2);
  return Assignment{row->Text(0), "round_robin",
                    why + "; " + row->Text(1) + " is least loaded on the service team (" + std::to_string(load) +
                        " open case" + (load == 1 ? "" : "s") + ")"};
}

Assignment RouteToOwnerOrTeam(Tx& tx, const std::optional<std::string>& customer_owner, SysTime now) {
  if (!customer_owner) return RouteToTeam(tx, now, "The customer has no owner");
  auto owner = tx.QueryOne("SELECT name, active, away_until FROM users WHERE id = ?", {*customer_owner});
  if (!owner || owner->Int(1) == 0) return RouteToTeam(tx, now, "The customer's owner is no longer active");
  if (IsAway(tx, *customer_owner, now)) {
    auto until = owner->OptText(2);
    return RouteToTeam(tx, now, owner->Text(0) + " (the customer's owner) is away" + (until ? " until " + *until : ""));
  }
  return Assignment{*customer_owner, "owner", owner->Text(0) + " is the customer's owner"};
}

}  // namespace hearth
