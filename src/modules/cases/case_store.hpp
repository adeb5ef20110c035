// SQL for cases and what hangs off them: messages, attachments and case events.
#pragma once

#include "modules/cases/case.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct CaseStore {
  static const char* Columns();
  static Case FromRow(const Row& r);
  static std::optional<Case> Get(Tx& tx, const std::string& id);
  static std::optional<Case> GetByNumber(Tx& tx, int64_t number);
  // Insert and Update bump the "cases" data version (caches of figures follow it).
  // Inserts and sets c.number (the row's sequence number).
  static void Insert(Tx& tx, Case& c);
  static void Update(Tx& tx, const Case& c);
};

}  // namespace hearth
