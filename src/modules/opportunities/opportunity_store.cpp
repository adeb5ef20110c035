#include "modules/opportunities/opportunity_store.hpp"

namespace hearth {

json::object ToJson(const Opportunity& o) {
  return json::object{{"id", o.id},
                      {"title", o.title},
                      {"contact_id", OptionalString(o.contact_id)},
                      {"company_id", OptionalString(o.company_id)},
                      {"stage", o.stage},
                      {"probability", o.probability},
                      {"amount_minor", o.amount_minor},
                      {"currency", o.currency},
                      {"expected_close", OptionalString(o.expected_close)},
                      {"owner_id", OptionalString(o.owner_id)},
                      {"source_case_id", OptionalString(o.source_case_id)},
                      {"status", o.status},
                      {"lost_reason", OptionalString(o.lost_reason)},
                      {"closed_at", OptionalString(o.closed_at)},
                      {"note", OptionalString(o.note)},
                      {"created_by", OptionalString(o.created_by)},
                      {"archived_at", OptionalString(o.archived_at)},
                      {"created_at", o.created_at},
                      {"updated_at", o.updated_at},
                      {"version", o.version}};
}

const char* OpportunityStore::Columns() {
  return "opportunities.id, opportunities.title, opportunities.contact_id, opportunities.company_id, "
         "opportunities.stage, opportunities.probability, opportunities.amount_minor, opportunities.currency, "
         "opportunities.expected_close, opportunities.owner_id, opportunities.source_case_id, opportunities.status, "
         "opportunities.lost_reason, opportunities.closed_at, opportunities.note, opportunities.created_by, "
         "opportunities.archived_at, opportunities.created_at, opportunities.updated_at, opportunities.version";
}

Opportunity OpportunityStore::FromRow(const Row& r) {
  Opportunity o;
  o.id = r.Text(0);
  o.title = r.Text(1);
  o.contact_id = r.OptText(2);
  o.company_id = r.OptText(3);
  o.stage = r.Text(4);
  o.probability = r.Int(5);
  o.amount_minor = r.Int(6);
  o.currency = r.Text(7);
  o.expected_close = r.OptText(8);
  o.owner_id = r.OptText(9);
  o.source_case_id = r.OptText(10);
  o.status = r.Text(11);
  o.lost_reason = r.OptText(12);
  o.closed_at = r.OptText(13);
  o.note = r.OptText(14);
  o.created_by = r.OptText(15);
  o.archived_at = r.OptText(16);
  o.created_at = r.Text(17);
  o.updated_at = r.Text(18);
  o.version = r.Int(19);
  return o;
}

std::optional<Opportunity> OpportunityStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM opportunities WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

void OpportunityStore::Insert(Tx& tx, const Opportunity& o) {
  tx.Exec("INSERT INTO opportunities (id, title, contact_id, company_id, stage, probability, amount_minor, currency, "
          "expected_close, owner_id, source_case_id, status, lost_reason, closed_at, note, created_by, archived_at, "
          "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {o.id, o.title, o.contact_id, o.company_id, o.stage, o.probability, o.amount_minor, o.currency,
           o.expected_close, o.owner_id, o.source_case_id, o.status, o.lost_reason, o.closed_at, o.note, o.created_by,
           o.archived_at, o.created_at, o.updated_at, o.version});
}

void OpportunityStore::Update(Tx& tx, const Opportunity& o) {
  tx.Exec("UPDATE opportunities SET title = ?, contact_id = ?, company_id = ?, stage = ?, probability = ?, "
          "amount_minor = ?, currency = ?, expected_close = ?, owner_id = ?, source_case_id = ?, status = ?, "
          "lost_reason = ?, closed_at = ?, note = ?, archived_at = ?, updated_at = ?, version = ? WHERE id = ?",
          {o.title, o.contact_id, o.company_id, o.stage, o.probability, o.amount_minor, o.currency, o.expected_close,
           o.owner_id, o.source_case_id, o.status, o.lost_reason, o.closed_at, o.note, o.archived_at, o.updated_at,
           o.version, o.id});
}

std::set<std::string> OpportunityStore::OpenStages(Tx& tx) {
  std::set<std::string> out;
  for (const Row& r : tx.Query("SELECT DISTINCT stage FROM opportunities WHERE status = 'open' AND archived_at IS NULL"))
    out.insert(r.Text(0));
  return out;
}

}  // namespace hearth
