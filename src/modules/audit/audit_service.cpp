#include "modules/audit/audit_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "modules/list_query.hpp"

#include <algorithm>

namespace hearth {

namespace {

// Bookkeeping fields every change touches; the log is about what people changed.
bool IsBookkeeping(std::string_view key) { return key == "updated_at" || key == "version"; }

void Insert(Tx& tx, const std::string& user_id, std::string_view action, std::string_view record_type,
            const std::string& record_id, const json::value& before, const json::value& after) {
  tx.Exec("INSERT INTO audit_log (id, at, user_id, action, record_type, record_id, before_json, after_json) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {NewId("aud"), NowText(), user_id.empty() ? Value() : Value(user_id), action, record_type, record_id,
           before.is_null() ? Value() : Value(ToJson(before)), ToJson(after)});
}

json::value ParseStored(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return json::parse(*text);
}

}  // namespace

void AuditService::RecordCreate(Tx& tx, const std::string& user_id, std::string_view record_type,
                                const std::string& record_id, const json::object& after) {
  RecordCreateMany(tx, user_id, record_type, {{record_id, after}});
}

void AuditService::RecordCreateMany(Tx& tx, const std::string& user_id, std::string_view record_type,
                                    const std::vector<std::pair<std::string, json::object>>& records) {
  std::string at = NowText();
  std::vector<Params> rows;
  rows.reserve(records.size());
  for (const auto& [record_id, after] : records) {
    json::object fields;
    for (const auto& kv : after)
      if (!IsBookkeeping(kv.key()) && kv.key() != "created_at") fields[kv.key()] = kv.value();
    rows.push_back({NewId("aud"), at, user_id.empty() ? Value() : Value(user_id), "create", record_type, record_id,
                    Value(), ToJson(fields)});
  }
  tx.InsertMany("INSERT INTO audit_log (id, at, user_id, action, record_type, record_id, before_json, after_json) VALUES",
                rows);
}

void AuditService::RecordUpdate(Tx& tx, const std::string& user_id, std::string_view record_type,
                                const std::string& record_id, const json::object& before, const json::object& after) {
  json::object was, now;
  for (const auto& kv : after) {
    if (IsBookkeeping(kv.key())) continue;
    const json::value* old = before.if_contains(kv.key());
    if (!old || *old != kv.value()) {
      was[kv.key()] = old ? *old : json::value(nullptr);
      now[kv.key()] = kv.value();
    }
  }
  if (!now.empty()) Insert(tx, user_id, "update", record_type, record_id, was, now);
}

void AuditService::RecordArchive(Tx& tx, const std::string& user_id, std::string_view record_type,
                                 const std::string& record_id, const std::string& archived_at) {
  Insert(tx, user_id, "archive", record_type, record_id, json::object{{"archived_at", nullptr}},
         json::object{{"archived_at", archived_at}});
}

json::object AuditService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "audit_log",
      .columns = "audit_log.id, at, user_id, action, record_type, record_id, before_json, after_json",
      .sorts = {{"at", "audit_log.id"}},
      .filters = {"record_id", "record_type", "user_id"},
      .extra = {},
      .archivable = false,
      .searchable = false,
      .default_sort = "-at",
  };
  static const std::initializer_list<std::string_view> kTypes = {"contact", "company", "user", "interaction",
                                                                 "task", "setting", "case", "sla_policy",
                                                                 "cx_policy", "product", "order", "opportunity"};
  if (auto type = ctx.Query("record_type"); type && std::find(kTypes.begin(), kTypes.end(), *type) == kTypes.end())
    throw Error::BadRequest("record_type must be contact, company, user, interaction, task, setting, case, sla_policy, "
                            "cx_policy, product, order or opportunity.");
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) {
    return json::object{{"id", r.Text(0)},
                        {"at", r.Text(1)},
                        {"user_id", OptionalString(r.OptText(2))},
                        {"action", r.Text(3)},
                        {"record_type", r.Text(4)},
                        {"record_id", r.Text(5)},
                        {"before", ParseStored(r.OptText(6))},
                        {"after", ParseStored(r.OptText(7))}};
  });
}

}  // namespace hearth
