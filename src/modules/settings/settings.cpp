#include "modules/settings/settings.hpp"

#include "core/time.hpp"
#include "modules/audit/audit_service.hpp"

namespace hearth {

json::object ReadSetting(Tx& tx, const Setting& setting) {
  json::object out = setting.defaults;
  auto row = tx.QueryOne("SELECT value, updated_at, updated_by FROM settings WHERE key = ?", {setting.key});
  if (row) {
    json::value stored = json::parse(row->Text(0));
    if (stored.is_object())
      for (const auto& kv : stored.as_object()) out[kv.key()] = kv.value();
    out["updated_at"] = json::string(row->Text(1));
    out["updated_by"] = row->IsNull(2) ? json::value(nullptr) : json::value(json::string(row->Text(2)));
  } else {
    out["updated_at"] = nullptr;
    out["updated_by"] = nullptr;
  }
  return out;
}

namespace {

// The document as clients see it: secrets replaced by whether they are set.
json::object Shown(const Setting& setting, json::object doc) {
  for (const std::string& name : setting.secrets) {
    const json::value* v = doc.if_contains(name);
    bool set = v && v->is_string() && !v->as_string().empty();
    doc.erase(name);
    doc[name + "_set"] = set;
  }
  return doc;
}

// For the audit log: a changed secret shows as "(changed)", never its value.
void Redact(const Setting& setting, json::object& before, json::object& after) {
  for (const std::string& name : setting.secrets) {
    const json::value* b = before.if_contains(name);
    const json::value* a = after.if_contains(name);
    bool changed = (b ? *b : json::value()) != (a ? *a : json::value());
    before[name] = changed ? "(hidden)" : "";
    after[name] = changed ? "(changed)" : "";
  }
}

}  // namespace

void WriteSetting(Tx& tx, const Setting& setting, const json::object& value, const std::string& user_id) {
  json::object before = ReadSetting(tx, setting);
  std::string now = NowText();
  std::string text = json::serialize(value);
  if (tx.Exec("UPDATE settings SET value = ?, updated_at = ?, updated_by = ? WHERE key = ?",
              {text, now, user_id, setting.key}) == 0)
    tx.Exec("INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            {setting.key, text, now, user_id});
  before.erase("updated_at");
  before.erase("updated_by");
  json::object after = value;
  Redact(setting, before, after);
  AuditService::RecordUpdate(tx, user_id, "setting", setting.key, before, after);
}

void AddSettingRoutes(Router& r, Db& db, const Setting& setting, Access write_access) {
  std::string path = "/api/v1/settings/" + setting.key;
  r.Get(path, setting.read_access, [&db, &setting](Ctx&) {
    return Response::Json(db.Read([&](Tx& tx) { return Shown(setting, ReadSetting(tx, setting)); }));
  });
  r.Put(path, write_access, [&db, &setting](Ctx& c) {
    json::object body = c.Body();
    return Response::Json(db.Write([&](Tx& tx) {
      json::object current = ReadSetting(tx, setting);
      current.erase("updated_at");
      current.erase("updated_by");
      json::object value = setting.validate(body, current);
      if (setting.check) setting.check(tx, value);
      WriteSetting(tx, setting, value, c.principal().user_id);
      return Shown(setting, ReadSetting(tx, setting));
    }));
  });
}

}  // namespace hearth
