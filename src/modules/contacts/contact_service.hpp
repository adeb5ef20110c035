// ContactService holds the rules for contacts: validation (email, E.164 phone, enums,
// dates, tags), duplicate emails (409 naming the existing contact unless
// allow_duplicate), an active owner and an existing company, merge-patch updates with
// optimistic concurrency, archiving, all-or-nothing batch create, and the audit trail.
// Routes and the demo generator call it. Each public method is one transaction and
// throws Error (400, 404, 409, 412, 422). Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/companies/company_service.hpp"
#include "modules/contacts/contact.hpp"

namespace hearth {

class ContactService {
 public:
  ContactService(Db& db, CompanyService& companies, std::string phone_region);

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::array CreateBatch(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

 private:
  struct Draft {
    Contact contact;
    bool allow_duplicate = false;
    bool tags_changed = false;
  };
  // Applies a body's fields to draft.contact, collecting errors into v.
  void Apply(class Validator& v, Draft& draft, bool creating) const;
  // Checks references (company, owner) and duplicates inside the transaction; returns
  // the company's name for the search text.
  std::optional<std::string> CheckReferences(Tx& tx, const Contact& c, const std::string& prefix) const;

  Db& db_;
  std::string phone_region_;
};

}  // namespace hearth
