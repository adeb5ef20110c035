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
  AuditService::RecordUpdate(tx, user_id, "setting", setting.key, before, value);
}

void AddSettingRoutes(Router& r, Db& db, const Setting& setting, Access write_access) {
  std::string path = "/api/v1/settings/" + setting.key;
  r.Get(path, Access::kViewer, [&db, &setting](Ctx&) {
    return Response::Json(db.Read([&](Tx& tx) { return ReadSetting(tx, setting); }));
  });
  r.Put(path, write_access, [&db, &setting](Ctx& c) {
    json::object body = c.Body();
    return Response::Json(db.Write([&](Tx& tx) {
      json::object current = ReadSetting(tx, setting);
      current.erase("updated_at");
      current.erase("updated_by");
      WriteSetting(tx, setting, setting.validate(body, current), c.principal().user_id);
      return ReadSetting(tx, setting);
    }));
  });
}

}  // namespace hearth
