#include "modules/cases/case_store.hpp"

#include "core/time.hpp"
#include "storage/data_version.hpp"

namespace hearth {

json::object ToJson(const Case& c) {
  return json::object{
      {"id", c.id},
      {"number", c.number},
      {"contact_id", c.contact_id},
      {"subject", c.subject},
      {"description", OptionalString(c.description)},
      {"kind", c.kind},
      {"priority", c.priority},
      {"status", c.status},
      {"channel", c.channel},
      {"owner_id", OptionalString(c.owner_id)},
      {"assignment_rule", c.assignment_rule},
      {"assignment_reason", c.assignment_reason},
      {"assigned_at", OptionalString(c.assigned_at)},
      {"sla_policy_id", OptionalString(c.sla_policy_id)},
      {"opened_at", c.opened_at},
      {"first_response_due_at", OptionalString(c.first_response_due_at)},
      {"resolution_due_at", OptionalString(c.resolution_due_at)},
      {"next_due_at", c.next_due_at == kFarFuture ? json::value(nullptr) : json::value(c.next_due_at)},
      {"first_responded_at", OptionalString(c.first_responded_at)},
      {"first_response_minutes",
       c.first_response_minutes ? json::value(*c.first_response_minutes) : json::value(nullptr)},
      {"resolved_at", OptionalString(c.resolved_at)},
      {"resolution_minutes", c.resolution_minutes ? json::value(*c.resolution_minutes) : json::value(nullptr)},
      {"closed_at", OptionalString(c.closed_at)},
      {"sla_state", c.sla_state},
      {"sla_paused_at", OptionalString(c.sla_paused_at)},
      {"first_response_breached", c.first_response_breached},
      {"resolution_breached", c.resolution_breached},
      {"escalation_level", OptionalString(c.escalation_level)},
      {"created_by", OptionalString(c.created_by)},
      {"archived_at", OptionalString(c.archived_at)},
      {"created_at", c.created_at},
      {"updated_at", c.updated_at},
      {"version", c.version}};
}

const char* CaseStore::Columns() {
  return "cases.id, cases.seq, cases.contact_id, cases.subject, cases.description, cases.kind, cases.priority, "
         "cases.status, cases.channel, cases.owner_id, cases.assignment_rule, cases.assignment_reason, "
         "cases.assigned_at, cases.sla_policy_id, cases.opened_at, cases.first_response_due_at, "
         "cases.first_response_warn_at, cases.resolution_due_at, cases.resolution_warn_at, cases.next_due_at, "
         "cases.first_responded_at, cases.first_response_minutes, cases.resolved_at, cases.resolution_minutes, "
         "cases.closed_at, cases.sla_state, cases.sla_paused_at, cases.sla_paused_minutes, "
         "cases.first_response_breached, cases.resolution_breached, cases.escalation_level, "
         "cases.email_thread_id, cases.created_by, cases.archived_at, cases.created_at, cases.updated_at, "
         "cases.version";
}

Case CaseStore::FromRow(const Row& r) {
  Case c;
  c.id = r.Text(0);
  c.number = r.Int(1);
  c.contact_id = r.Text(2);
  c.subject = r.Text(3);
  c.description = r.OptText(4);
  c.kind = r.Text(5);
  c.priority = r.Text(6);
  c.status = r.Text(7);
  c.channel = r.Text(8);
  c.owner_id = r.OptText(9);
  c.assignment_rule = r.Text(10);
  c.assignment_reason = r.Text(11);
  c.assigned_at = r.OptText(12);
  c.sla_policy_id = r.OptText(13);
  c.opened_at = r.Text(14);
  c.first_response_due_at = r.OptText(15);
  c.first_response_warn_at = r.OptText(16);
  c.resolution_due_at = r.OptText(17);
  c.resolution_warn_at = r.OptText(18);
  c.next_due_at = r.Text(19);
  c.first_responded_at = r.OptText(20);
  if (!r.IsNull(21)) c.first_response_minutes = r.Int(21);
  c.resolved_at = r.OptText(22);
  if (!r.IsNull(23)) c.resolution_minutes = r.Int(23);
  c.closed_at = r.OptText(24);
  c.sla_state = r.Text(25);
  c.sla_paused_at = r.OptText(26);
  c.sla_paused_minutes = r.Int(27);
  c.first_response_breached = r.Int(28) != 0;
  c.resolution_breached = r.Int(29) != 0;
  c.escalation_level = r.OptText(30);
  c.email_thread_id = r.OptText(31);
  c.created_by = r.OptText(32);
  c.archived_at = r.OptText(33);
  c.created_at = r.Text(34);
  c.updated_at = r.Text(35);
  c.version = r.Int(36);
  return c;
}

std::optional<Case> CaseStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM cases WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<Case> CaseStore::GetByNumber(Tx& tx, int64_t number) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM cases WHERE seq = ?";
  auto row = tx.QueryOne(sql, {number});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

namespace {

// Every column a case writes besides its id, in one order: INSERT and UPDATE both come from it.
constexpr const char* kWritten =
    "contact_id, subject, description, kind, priority, status, channel, owner_id, assignment_rule, assignment_reason, "
    "assigned_at, sla_policy_id, opened_at, first_response_due_at, first_response_warn_at, resolution_due_at, "
    "resolution_warn_at, next_due_at, first_responded_at, first_response_minutes, resolved_at, resolution_minutes, "
    "closed_at, sla_state, sla_paused_at, sla_paused_minutes, first_response_breached, resolution_breached, "
    "escalation_level, email_thread_id, created_by, archived_at, created_at, updated_at, version";

Params Written(const Case& c) {
  return {c.contact_id,
          c.subject,
          c.description,
          c.kind,
          c.priority,
          c.status,
          c.channel,
          c.owner_id,
          c.assignment_rule,
          c.assignment_reason,
          c.assigned_at,
          c.sla_policy_id,
          c.opened_at,
          c.first_response_due_at,
          c.first_response_warn_at,
          c.resolution_due_at,
          c.resolution_warn_at,
          c.next_due_at,
          c.first_responded_at,
          c.first_response_minutes,
          c.resolved_at,
          c.resolution_minutes,
          c.closed_at,
          c.sla_state,
          c.sla_paused_at,
          c.sla_paused_minutes,
          c.first_response_breached,
          c.resolution_breached,
          c.escalation_level,
          c.email_thread_id,
          c.created_by,
          c.archived_at,
          c.created_at,
          c.updated_at,
          c.version};
}

std::string InsertSql() {
  std::string columns = kWritten, marks = "?";
  for (char ch : columns)
    if (ch == ',') marks += ", ?";
  return "INSERT INTO cases (id, " + columns + ") VALUES (?, " + marks + ")";
}

std::string UpdateSql() {
  std::string sql = "UPDATE cases SET ", columns = kWritten;
  size_t start = 0;
  while (start < columns.size()) {
    size_t comma = columns.find(',', start);
    std::string name = columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    sql += (start == 0 ? "" : ", ") + name.substr(name.find_first_not_of(' ')) + " = ?";
    start = comma == std::string::npos ? columns.size() : comma + 1;
  }
  return sql + " WHERE id = ?";
}

}  // namespace

void CaseStore::Insert(Tx& tx, Case& c) {
  static const std::string sql = InsertSql();
  Params params{c.id};
  for (Value& v : Written(c)) params.push_back(std::move(v));
  tx.Exec(sql, params);
  c.number = tx.QueryOne("SELECT seq FROM cases WHERE id = ?", {c.id})->Int(0);
  BumpDataVersion(tx, "cases");
}

void CaseStore::Update(Tx& tx, const Case& c) {
  static const std::string sql = UpdateSql();
  Params params = Written(c);
  params.push_back(c.id);
  tx.Exec(sql, params);
  BumpDataVersion(tx, "cases");
}

}  // namespace hearth
