#include "modules/timeline/timeline_service.hpp"

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "modules/list_query.hpp"
#include "core/ids.hpp"

#include <charconv>

namespace hearth {

namespace {

std::vector<std::string> SplitKinds(std::string_view text) {
  std::vector<std::string> kinds;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view kind = text.substr(0, comma);
    if (kind.empty() || kind.size() > 40) throw Error::BadRequest("kind must be one or more kinds separated by commas.");
    for (char c : kind)
      if (!(c >= 'a' && c <= 'z') && c != '_') throw Error::BadRequest("kind must be one or more kinds separated by commas.");
    kinds.emplace_back(kind);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (kinds.size() > 20) throw Error::BadRequest("kind may list at most 20 kinds.");
  }
  return kinds;
}

json::object ToJson(const Row& r) {
  json::value data = json::parse(r.Text(6));
  return json::object{{"id", r.Text(0)},
                      {"kind", r.Text(1)},
                      {"at", r.Text(2)},
                      {"ref_id", r.Text(3)},
                      {"summary", r.Text(4)},
                      {"user_id", r.IsNull(5) ? json::value(nullptr) : json::value(json::string(r.Text(5)))},
                      {"data", data.is_object() ? data : json::object{}}};
}

}  // namespace

void TimelineService::Append(Tx& tx, const TimelineEvent& e) { AppendMany(tx, {e}); }

void TimelineService::AppendMany(Tx& tx, const std::vector<TimelineEvent>& events) {
  std::vector<Params> rows;
  rows.reserve(events.size());
  for (const TimelineEvent& e : events)
    rows.push_back({NewId("tle"), e.contact_id, e.kind, e.at, e.ref_id, e.summary, e.user_id, json::serialize(e.data)});
  tx.InsertMany("INSERT INTO timeline_events (id, contact_id, kind, at, ref_id, summary, user_id, data) VALUES", rows);
}

void TimelineService::Update(Tx& tx, const TimelineEvent& e) {
  tx.Exec("UPDATE timeline_events SET contact_id = ?, at = ?, summary = ?, user_id = ?, data = ? "
          "WHERE ref_id = ? AND kind = ?",
          {e.contact_id, e.at, e.summary, e.user_id, json::serialize(e.data), e.ref_id, e.kind});
}

void TimelineService::Remove(Tx& tx, std::string_view kind, const std::string& ref_id) {
  tx.Exec("DELETE FROM timeline_events WHERE ref_id = ? AND kind = ?", {ref_id, kind});
}

json::object TimelineService::List(const std::string& contact_id, const Ctx& ctx) {
  for (const auto& [name, value] : ctx.request().query)
    if (name != "limit" && name != "cursor" && name != "kind")
      throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  int limit = ParseListLimit(ctx);
  std::string sql =
      "SELECT id, kind, at, ref_id, summary, user_id, data, seq FROM timeline_events WHERE contact_id = ?";
  Params params{contact_id};
  if (auto kinds = ctx.Query("kind")) {
    std::string marks;
    for (auto& k : SplitKinds(*kinds)) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(std::move(k));
    }
    if (!marks.empty()) sql += " AND kind IN (" + marks + ")";
  }
  // Keyset on (at, seq), newest first: the cursor carries both.
  if (auto cursor = ctx.Query("cursor"); cursor && !cursor->empty()) {
    Cursor c = DecodeCursor(*cursor, "timeline");
    int64_t seq = 0;
    auto [end, ec] = std::from_chars(c.id.data(), c.id.data() + c.id.size(), seq);
    if (ec != std::errc() || end != c.id.data() + c.id.size())
      throw Error::BadRequest("The cursor is not valid for this list; start again without it.");
    sql += " AND (at < ? OR (at = ? AND seq < ?))";
    params.emplace_back(c.key);
    params.emplace_back(c.key);
    params.emplace_back(seq);
  }
  sql += " ORDER BY at DESC, seq DESC LIMIT ?";
  params.emplace_back(limit + 1);
  Rows rows = db_.Read([&](Tx& tx) {
    if (!tx.QueryOne("SELECT 1 FROM contacts WHERE id = ?", {contact_id}))
      throw Error::NotFound("No contact has that id.");
    return tx.Query(sql, params);
  });
  bool more = static_cast<int>(rows.size()) > limit;
  if (more) rows.erase(rows.begin() + limit, rows.end());
  json::array items;
  for (const Row& r : rows) items.push_back(ToJson(r));
  json::value next = nullptr;
  if (more) next = json::string(EncodeCursor(Cursor{"timeline", rows.back().Text(2), rows.back().Text(7)}));
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace hearth
