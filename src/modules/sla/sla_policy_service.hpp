// SlaPolicyService: the SLA policies admins and managers keep (create, change, archive),
// at most one active policy per priority and kind (409 otherwise), and a preview of the
// due times a policy gives a case opened at a given time (for the policy editor).
#pragma once

#include "http/request.hpp"
#include "modules/sla/sla_policy.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

class SlaPolicyService {
 public:
  explicit SlaPolicyService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);
  // POST /sla-policies/preview: a policy body (saved or not) and `opened_at` → due times.
  json::object Preview(const json::object& body);

 private:
  Db& db_;
};

}  // namespace hearth
