// CompanyService holds the rules for companies: validation (domain, E.164 phone, active
// owner), merge-patch updates with optimistic concurrency, archiving, batch create, and
// the audit trail. Routes and the demo generator call it; other modules ask it whether
// a company exists and subscribe to renames. Each public method that takes no Tx is one
// transaction; it throws Error (400, 404, 412, 422).
#pragma once

#include "http/request.hpp"
#include "modules/companies/company.hpp"

#include <functional>
#include <vector>

namespace hearth {

class CompanyService {
 public:
  using RenameListener = std::function<void(Tx&, const std::string& company_id, const std::string& name)>;

  CompanyService(Db& db, std::string phone_region) : db_(db), phone_region_(std::move(phone_region)) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::array CreateBatch(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  // For other modules, inside their transaction.
  static std::optional<std::string> NameOf(Tx& tx, const std::string& id);
  // Called inside the transaction that renames a company (contacts refresh their search text).
  void OnRename(RenameListener listener) { rename_listeners_.push_back(std::move(listener)); }

 private:
  // Applies a body's fields to `c`, collecting errors into v.
  void Apply(class Validator& v, Company& c, bool creating);
  void CheckOwner(Tx& tx, const Company& c, const std::string& field) const;

  Db& db_;
  std::string phone_region_;
  std::vector<RenameListener> rename_listeners_;
};

}  // namespace hearth
