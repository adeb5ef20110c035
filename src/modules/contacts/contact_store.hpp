// ContactStore is the SQL of the contacts and contact_tags tables. It keeps the derived
// columns in step with the fields: `search` (folded names, email, phone and company name,
// indexed for `q`), `name_key` (folded sort key) and `email_key` (lower-case, for
// duplicate checks). Every function runs in the caller's transaction.
#pragma once

#include "modules/contacts/contact.hpp"
#include "storage/db.hpp"

namespace hearth {

class ContactStore {
 public:
  static const char* Columns();  // the SELECT list, id first
  static Contact FromRow(const Row& row);

  static std::optional<Contact> Get(Tx& tx, const std::string& id);
  // `company_name` feeds the search text.
  static void Insert(Tx& tx, const Contact& c, const std::optional<std::string>& company_name);
  static void Update(Tx& tx, const Contact& c, const std::optional<std::string>& company_name, bool tags_changed);
  // A non-archived contact other than `except_id` with this email (case-insensitive).
  static std::optional<std::string> FindByEmail(Tx& tx, const std::string& email, const std::string& except_id);
  // Recomputes the search text of a company's contacts after it was renamed.
  static void RefreshCompanyName(Tx& tx, const std::string& company_id, const std::string& name);

  static std::string EmailKey(const std::string& email);
};

}  // namespace hearth
