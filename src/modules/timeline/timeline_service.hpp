// The timeline: one newest-first feed of everything that happened with a contact.
// Modules add their own events inside their own transactions (Append when something
// happens, Update when that thing changes, e.g. a task completed); this module knows
// no kinds, so later modules (orders, cases, surveys) add theirs without touching it.
// Reading is one index range scan on (contact_id, at, seq): fast at any history length.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct TimelineEvent {
  std::string contact_id;
  std::string kind;        // "interaction", "task", "phase_change", "owner_change", …
  std::string at;          // when it happened (RFC 3339)
  std::string ref_id;      // the record it is about
  std::string summary;     // one line a person reads
  std::optional<std::string> user_id;
  json::object data;       // a few kind-specific fields
};

class TimelineService {
 public:
  explicit TimelineService(Db& db) : db_(db) {}

  static void Append(Tx& tx, const TimelineEvent& event);
  // Many at once (an import), in few statements.
  static void AppendMany(Tx& tx, const std::vector<TimelineEvent>& events);
  // Rewrites the entries of (kind, ref_id) — e.g. after the interaction was edited.
  static void Update(Tx& tx, const TimelineEvent& event);
  // Removes the entries of (kind, ref_id) — e.g. the interaction was archived.
  static void Remove(Tx& tx, std::string_view kind, const std::string& ref_id);

  // GET /contacts/{id}/timeline: limit, cursor, kind (comma-separated). 404 for an unknown contact.
  json::object List(const std::string& contact_id, const Ctx& ctx);

 private:
  Db& db_;
};

}  // namespace hearth
