#include "modules/sla/sla_policy_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"
#include "modules/sla/sla_clock.hpp"
#include "modules/sla/sla_policy_store.hpp"

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"name", "priority", "kind", "first_response_minutes",
                                                         "resolution_minutes", "business_hours", "holidays"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "archived_at", "created_at", "updated_at", "version"};
constexpr int64_t kMaxMinutes = 60 * 24 * 365;  // a year of business minutes

void Apply(Validator& v, const json::object& body, SlaPolicy& p, bool creating) {
  auto name = v.Text("name");
  auto priority = v.Enum("priority", kCasePriorities);
  auto kind = v.Enum("kind", kCaseKinds);
  auto first = v.Int("first_response_minutes", 1, kMaxMinutes);
  auto resolution = v.Int("resolution_minutes", 1, kMaxMinutes);
  if (creating) {
    v.Require("name", name);
    v.Require("priority", priority);
    v.Require("first_response_minutes", first);
    v.Require("resolution_minutes", resolution);
    if (!body.contains("business_hours")) v.Add("business_hours", "is required");
  }
  for (auto [field, present] : {std::pair{"name", name.present && !name.value},
                                {"priority", priority.present && !priority.value},
                                {"first_response_minutes", first.present && !first.value},
                                {"resolution_minutes", resolution.present && !resolution.value}})
    if (present && !v.HasError(field)) v.Add(field, "cannot be cleared");
  if (name.is_set()) p.name = *name.value;
  if (priority.is_set()) p.priority = *priority.value;
  if (kind.present) p.kind = kind.value;
  if (first.is_set()) p.first_response_minutes = *first.value;
  if (resolution.is_set()) p.resolution_minutes = *resolution.value;
  if (const json::value* hours = body.if_contains("business_hours")) {
    if (hours->is_null()) v.Add("business_hours", "cannot be cleared");
    else p.business_hours = *hours;
  }
  if (const json::value* days = body.if_contains("holidays")) p.holidays = days->is_null() ? json::array{} : *days;
  if (p.holidays.is_null()) p.holidays = json::array{};
  if (first.is_set() || resolution.is_set())
    if (p.first_response_minutes > p.resolution_minutes && !v.HasError("resolution_minutes"))
      v.Add("resolution_minutes", "must be at least first_response_minutes");
  if (body.contains("business_hours") || body.contains("holidays") || creating) {
    if (p.business_hours.is_null()) return;  // already reported as required
    try {
      BusinessCalendar calendar = p.Calendar();
      try {
        calendar.AddMinutes(Now(), std::max(p.first_response_minutes, p.resolution_minutes));
      } catch (const Error&) {
        v.Add("resolution_minutes", "is more business time than these hours give in three years");
      }
    } catch (const Error& e) {
      for (const FieldError& fe : e.field_errors()) v.Add(fe.field, fe.message);
    }
  }
}

void CheckClash(Tx& tx, const SlaPolicy& p) {
  if (auto other = SlaPolicyStore::Clash(tx, p))
    throw Error::Conflict("sla-policy-conflict",
                          "Another active policy already covers priority '" + p.priority + "'" +
                              (p.kind ? " and kind '" + *p.kind + "'" : " for every kind") + ".")
        .With("existing_id", json::string(*other));
}

}  // namespace

json::object SlaPolicyService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "sla_policies",
      .columns = SlaPolicyStore::Columns(),
      .sorts = {{"created_at", "sla_policies.seq"}, {"name", "sla_policies.name"}},
      .filters = {"priority", "kind"},
      .searchable = false,
  };
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) { return ToJson(SlaPolicyStore::FromRow(r)); });
}

json::object SlaPolicyService::Get(const std::string& id) {
  auto p = db_.Read([&](Tx& tx) { return SlaPolicyStore::Get(tx, id); });
  if (!p) throw Error::NotFound("No SLA policy has that id.");
  return ToJson(*p);
}

json::object SlaPolicyService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown(kFields, kReadOnly);
  SlaPolicy p;
  Apply(v, body, p, true);
  v.Finish();
  p.id = NewId("sla");
  p.created_at = p.updated_at = NowText();
  return db_.Write([&](Tx& tx) {
    tx.LockKey("sla-policies");
    CheckClash(tx, p);
    SlaPolicyStore::Insert(tx, p);
    AuditService::RecordCreate(tx, actor_id, "sla_policy", p.id, ToJson(p));
    return ToJson(p);
  });
}

json::object SlaPolicyService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                      std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    tx.LockKey("sla-policies");
    auto current = SlaPolicyStore::Get(tx, id);
    if (!current) throw Error::NotFound("No SLA policy has that id.");
    RequireVersion(current->version, if_match);
    SlaPolicy p = *current;
    Validator v(patch);
    v.RejectUnknown(kFields, kReadOnly);
    Apply(v, patch, p, false);
    v.Finish();
    if (ToJson(p) == ToJson(*current)) return ToJson(p);
    if (!p.archived_at) CheckClash(tx, p);
    p.updated_at = NowText();
    p.version += 1;
    SlaPolicyStore::Update(tx, p);
    AuditService::RecordUpdate(tx, actor_id, "sla_policy", p.id, ToJson(*current), ToJson(p));
    return ToJson(p);
  });
}

void SlaPolicyService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    auto p = SlaPolicyStore::Get(tx, id);
    if (!p) throw Error::NotFound("No SLA policy has that id.");
    RequireVersion(p->version, if_match);
    if (p->archived_at) return;
    p->archived_at = p->updated_at = NowText();
    p->version += 1;
    SlaPolicyStore::Update(tx, *p);
    AuditService::RecordArchive(tx, actor_id, "sla_policy", p->id, *p->archived_at);
  });
}

json::object SlaPolicyService::Preview(const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"name", "priority", "kind", "first_response_minutes", "resolution_minutes", "business_hours",
                   "holidays", "opened_at"},
                  kReadOnly);
  SlaPolicy p;
  p.name = "preview";
  p.priority = "normal";
  // Only the clock fields matter here: a name still being typed is no error.
  json::object clock_fields = body;
  for (const char* ignored : {"name", "priority", "kind"}) clock_fields.erase(ignored);
  Validator clock(clock_fields);
  Apply(clock, clock_fields, p, false);
  for (FieldError& e : clock.errors()) v.Add(e.field, e.message);
  if (!body.contains("business_hours")) v.Add("business_hours", "is required");
  if (!p.first_response_minutes) v.Add("first_response_minutes", "is required");
  if (!p.resolution_minutes) v.Add("resolution_minutes", "is required");
  auto opened = v.Time("opened_at");
  v.Finish();
  BusinessCalendar calendar = p.Calendar();
  Case c;
  c.opened_at = opened.is_set() ? *opened.value : NowText();
  ComputeDues(c, &p, &calendar);
  return json::object{{"opened_at", c.opened_at},
                      {"tz", calendar.zone_name()},
                      {"first_response_warn_at", OptionalString(c.first_response_warn_at)},
                      {"first_response_due_at", OptionalString(c.first_response_due_at)},
                      {"resolution_warn_at", OptionalString(c.resolution_warn_at)},
                      {"resolution_due_at", OptionalString(c.resolution_due_at)}};
}

}  // namespace hearth
