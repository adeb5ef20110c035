#include "modules/sla/sla_policy_store.hpp"

namespace hearth {

json::object ToJson(const SlaPolicy& p) {
  return json::object{{"id", p.id},
                      {"name", p.name},
                      {"priority", p.priority},
                      {"kind", OptionalString(p.kind)},
                      {"first_response_minutes", p.first_response_minutes},
                      {"resolution_minutes", p.resolution_minutes},
                      {"business_hours", p.business_hours},
                      {"holidays", p.holidays},
                      {"archived_at", OptionalString(p.archived_at)},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at},
                      {"version", p.version}};
}

const char* SlaPolicyStore::Columns() {
  return "sla_policies.id, sla_policies.name, sla_policies.priority, sla_policies.kind, "
         "sla_policies.first_response_minutes, sla_policies.resolution_minutes, sla_policies.business_hours, "
         "sla_policies.holidays, sla_policies.archived_at, sla_policies.created_at, sla_policies.updated_at, "
         "sla_policies.version";
}

SlaPolicy SlaPolicyStore::FromRow(const Row& r) {
  SlaPolicy p;
  p.id = r.Text(0);
  p.name = r.Text(1);
  p.priority = r.Text(2);
  p.kind = r.OptText(3);
  p.first_response_minutes = r.Int(4);
  p.resolution_minutes = r.Int(5);
  p.business_hours = json::parse(r.Text(6));
  p.holidays = json::parse(r.Text(7));
  p.archived_at = r.OptText(8);
  p.created_at = r.Text(9);
  p.updated_at = r.Text(10);
  p.version = r.Int(11);
  return p;
}

std::optional<SlaPolicy> SlaPolicyStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM sla_policies WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<SlaPolicy> SlaPolicyStore::Match(Tx& tx, const std::string& priority, const std::string& kind) {
  static const std::string sql = std::string("SELECT ") + Columns() +
                                 " FROM sla_policies WHERE archived_at IS NULL AND priority = ? "
                                 "AND (kind = ? OR kind IS NULL) "
                                 "ORDER BY CASE WHEN kind IS NULL THEN 1 ELSE 0 END, seq LIMIT 1";
  auto row = tx.QueryOne(sql, {priority, kind});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<std::string> SlaPolicyStore::Clash(Tx& tx, const SlaPolicy& p) {
  auto row = p.kind ? tx.QueryOne("SELECT id FROM sla_policies WHERE archived_at IS NULL AND priority = ? "
                                  "AND kind = ? AND id <> ?",
                                  {p.priority, *p.kind, p.id})
                    : tx.QueryOne("SELECT id FROM sla_policies WHERE archived_at IS NULL AND priority = ? "
                                  "AND kind IS NULL AND id <> ?",
                                  {p.priority, p.id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

void SlaPolicyStore::Insert(Tx& tx, const SlaPolicy& p) {
  tx.Exec("INSERT INTO sla_policies (id, name, priority, kind, first_response_minutes, resolution_minutes, "
          "business_hours, holidays, archived_at, created_at, updated_at, version) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {p.id, p.name, p.priority, p.kind, p.first_response_minutes, p.resolution_minutes,
           ToJson(p.business_hours), ToJson(p.holidays), p.archived_at, p.created_at, p.updated_at, p.version});
}

void SlaPolicyStore::Update(Tx& tx, const SlaPolicy& p) {
  tx.Exec("UPDATE sla_policies SET name = ?, priority = ?, kind = ?, first_response_minutes = ?, "
          "resolution_minutes = ?, business_hours = ?, holidays = ?, archived_at = ?, updated_at = ?, version = ? "
          "WHERE id = ?",
          {p.name, p.priority, p.kind, p.first_response_minutes, p.resolution_minutes, ToJson(p.business_hours),
           ToJson(p.holidays), p.archived_at, p.updated_at, p.version, p.id});
}

}  // namespace hearth
