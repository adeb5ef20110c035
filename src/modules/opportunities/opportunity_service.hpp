// OpportunityService holds the rules of the sales pipeline: validation, stages from the
// `pipeline` setting (the first by default; probability follows the stage unless given),
// the status derived from the stage (won and lost set closed_at, lost needs a
// lost_reason; back to an open stage clears both), the owner (given, else the contact's
// owner, else the creator), opportunities raised from a case for its customer, and the
// forecast by month. Each write is one transaction with its audit record and, for an
// opportunity with a contact, timeline entries (created, won, lost).
// Throws Error (400, 404, 409, 412, 422). Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/opportunities/opportunity.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

class OpportunityService {
 public:
  explicit OpportunityService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);
  // POST /cases/{id}/opportunity {"title","amount_minor","currency",…}: for the case's
  // customer, owned by the customer's owner.
  json::object CreateFromCase(const std::string& actor_id, const std::string& case_id, const json::object& body);
  // GET /opportunities/forecast?from=YYYY-MM&to=YYYY-MM&owner_id=&currency=
  json::object Forecast(const Ctx& ctx);

 private:
  Db& db_;
};

}  // namespace hearth
