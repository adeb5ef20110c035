// Settings: one JSON document per key in the `settings` table (contact pressure, early
// warning, follow-ups…). Each document's shape belongs to the module that uses it; a
// Setting describes it once — key, defaults, and a validator that turns a PUT body into
// the stored document — and AddSettingRoutes gives it GET/PUT under /api/v1/settings/.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "storage/db.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hearth {

struct Setting {
  std::string key;        // "contact-pressure": also the URL segment
  json::object defaults;  // what GET answers before anyone saved a value
  // Checks a PUT body (throws Error 422) and returns the document to store: the
  // `current` document (stored or default) with the body's fields applied.
  std::function<json::object(const json::object& body, const json::object& current)> validate;
  // Fields never shown (passwords): GET answers `<name>_set: true/false` instead, a PUT
  // without them keeps them, and the audit log records only that they changed.
  std::vector<std::string> secrets = {};
  Access read_access = Access::kViewer;
  // Checks what needs the database (e.g. that a user id names an active user), inside
  // the PUT's transaction; throws Error 422.
  std::function<void(Tx& tx, const json::object& value)> check = nullptr;
};

// The stored document for the setting, or its defaults; stored fields override defaults.
json::object ReadSetting(Tx& tx, const Setting& setting);
void WriteSetting(Tx& tx, const Setting& setting, const json::object& value, const std::string& user_id);

// GET /api/v1/settings/<key> (read_access; any staff by default: the web app warns with
// it) and PUT (write_access).
void AddSettingRoutes(Router& r, Db& db, const Setting& setting, Access write_access);

}  // namespace hearth
