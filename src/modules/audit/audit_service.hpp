// AuditService keeps the audit log: who created, changed or archived which record, when,
// and the changed fields before and after. Services record inside their own transaction
// (so an entry exists exactly when the change does); managers read it by record or user.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth {

class AuditService {
 public:
  explicit AuditService(Db& db) : db_(db) {}

  static void RecordCreate(Tx& tx, const std::string& user_id, std::string_view record_type,
                           const std::string& record_id, const json::object& after);
  // Creates of many records of one type (an import), in few statements; `records` are
  // (id, record) pairs.
  static void RecordCreateMany(Tx& tx, const std::string& user_id, std::string_view record_type,
                               const std::vector<std::pair<std::string, json::object>>& records);
  // Records only the fields whose values differ; nothing when none do.
  static void RecordUpdate(Tx& tx, const std::string& user_id, std::string_view record_type,
                           const std::string& record_id, const json::object& before, const json::object& after);
  static void RecordArchive(Tx& tx, const std::string& user_id, std::string_view record_type,
                            const std::string& record_id, const std::string& archived_at);

  json::object List(const Ctx& ctx);

 private:
  Db& db_;
};

}  // namespace hearth
