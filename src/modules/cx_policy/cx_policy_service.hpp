// The customer-experience policy: what the service desk promises customers (Markdown
// text plus the SLA targets it promises), published by admins in versions that never
// change. Every staff member acknowledges each new version; managers see who has not.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

class CxPolicyService {
 public:
  explicit CxPolicyService(Db& db) : db_(db) {}

  // POST /cx-policies {"title", "body", "sla_targets"?}: without targets, the active SLA
  // policies are copied in.
  json::object Publish(const std::string& actor_id, const json::object& body);
  json::object List(const Ctx& ctx);
  json::object Current(const std::string& user_id);
  json::object Get(const std::string& user_id, const std::string& id);
  json::object Acknowledge(const std::string& user_id, const std::string& id);
  json::object Acknowledgements(const std::string& id);

 private:
  Db& db_;
};

}  // namespace hearth
