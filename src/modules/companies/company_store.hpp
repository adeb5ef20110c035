// CompanyStore is the SQL of the companies table: rows to Company and back, keeping the
// folded `search` and `name_key` columns in step with the fields. Every function runs in
// the caller's transaction.
#pragma once

#include "modules/companies/company.hpp"

namespace hearth {

class CompanyStore {
 public:
  // The SELECT list, id first, for CompanyStore::FromRow and list queries.
  static const char* Columns();
  static Company FromRow(const Row& row);

  static std::optional<Company> Get(Tx& tx, const std::string& id);
  static void Insert(Tx& tx, const Company& c);
  // Writes every field and bumps nothing: the caller sets version and updated_at.
  static void Update(Tx& tx, const Company& c);
  // Names of the given companies (for contacts' search text).
  static std::optional<std::string> Name(Tx& tx, const std::string& id);
};

}  // namespace hearth
