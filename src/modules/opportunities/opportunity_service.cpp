#include "modules/opportunities/opportunity_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/companies/company_service.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/list_query.hpp"
#include "modules/opportunities/opportunity_store.hpp"
#include "modules/opportunities/pipeline.hpp"
#include "modules/record.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "modules/users/user_service.hpp"

#include <map>

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {
    "title", "contact_id", "company_id", "stage", "probability", "amount_minor", "currency", "expected_close",
    "owner_id", "source_case_id", "lost_reason", "note"};
const std::initializer_list<std::string_view> kReadOnly = {"id",         "status",      "closed_at",
                                                           "created_by", "archived_at", "created_at",
                                                           "updated_at", "version"};

struct Given {
  bool probability = false, owner = false;
};

Given Apply(Validator& v, Opportunity& o, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto title = v.Text("title", 200);
  auto contact = v.Id("contact_id");
  auto company = v.Id("company_id");
  auto stage = v.Text("stage", 40);
  auto probability = v.Int("probability", 0, 100);
  auto amount = v.Int("amount_minor", 0, kMaxMinor);
  auto currency = v.Currency("currency");
  auto close = v.Date("expected_close", false);
  auto owner = v.Id("owner_id");
  auto source = v.Id("source_case_id");
  auto reason = v.Text("lost_reason", 500);
  auto note = v.Text("note", 5000, true);
  if (creating) {
    v.Require("title", title);
    v.Require("currency", currency);
  }
  for (auto [field, cleared] : {std::pair{"title", title.present && !title.value},
                                {"stage", stage.present && !stage.value},
                                {"amount_minor", amount.present && !amount.value},
                                {"currency", currency.present && !currency.value}})
    if (cleared && !v.HasError(field)) v.Add(field, "cannot be cleared");
  if (title.is_set()) o.title = *title.value;
  Assign(contact, o.contact_id);
  Assign(company, o.company_id);
  if (stage.is_set()) o.stage = *stage.value;
  if (probability.is_set()) o.probability = *probability.value;
  if (amount.is_set()) o.amount_minor = *amount.value;
  if (currency.is_set()) o.currency = *currency.value;
  Assign(close, o.expected_close);
  Assign(owner, o.owner_id);
  Assign(source, o.source_case_id);
  Assign(reason, o.lost_reason);
  Assign(note, o.note);
  // A probability cleared with null goes back to the stage's.
  return Given{probability.is_set(), owner.present};
}

// Stage, probability, status and closing time, from the pipeline. `before` is the
// stored opportunity (nullopt on create).
void ApplyStage(Tx& tx, Opportunity& o, const std::optional<Opportunity>& before, bool probability_given) {
  std::vector<PipelineStage> stages = ReadPipeline(tx);
  if (o.stage.empty()) o.stage = stages.front().key;
  auto stage = FindStage(stages, o.stage);
  if (!stage) {
    std::string keys;
    for (const auto& s : stages) keys += (keys.empty() ? "" : ", ") + s.key;
    throw Error::Invalid({{"stage", "must be one of: " + keys}});
  }
  bool stage_changed = !before || before->stage != o.stage;
  if (stage_changed && !probability_given) o.probability = stage->probability;
  o.status = o.stage == "won" || o.stage == "lost" ? o.stage : "open";
  if (o.status != "open") o.probability = o.status == "won" ? 100 : 0;  // closed: no longer a guess
  if (o.status != "lost") o.lost_reason.reset();
  if (o.status == "lost" && !o.lost_reason) throw Error::Invalid({{"lost_reason", "is required when the stage is lost"}});
  if (o.status == "open") o.closed_at.reset();
  else if (!before || before->status != o.status) o.closed_at = NowText();
}

void CheckReferences(Tx& tx, const Opportunity& o) {
  std::vector<FieldError> errors;
  if (!o.contact_id && !o.company_id) errors.push_back({"contact_id", "is required unless company_id is given"});
  if (o.contact_id && !ContactService::ActiveName(tx, *o.contact_id))
    errors.push_back({"contact_id", "must be the id of an existing, not archived contact"});
  if (o.company_id && !CompanyService::NameOf(tx, *o.company_id))
    errors.push_back({"company_id", "must be the id of an existing company"});
  if (o.owner_id && !UserService::IsActive(tx, *o.owner_id))
    errors.push_back({"owner_id", "must be the id of an active user"});
  if (o.source_case_id && !CaseService::FindInTx(tx, *o.source_case_id))
    errors.push_back({"source_case_id", "must be the id of an existing case"});
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
}

// The contact's owner, else the creating user.
std::optional<std::string> DefaultOwner(Tx& tx, const Opportunity& o, const std::string& actor_id) {
  if (o.contact_id)
    if (auto contact = ContactService::FindInTx(tx, *o.contact_id); contact && contact->at("owner_id").is_string())
      return std::string(contact->at("owner_id").as_string());
  if (actor_id.empty()) return std::nullopt;
  return actor_id;
}

// A timeline entry for the opportunity's contact: created, won or lost.
void AddToTimeline(Tx& tx, const Opportunity& o, std::string_view what) {
  if (!o.contact_id) return;
  std::string summary = "Opportunity " + std::string(what) + ": " + o.title + " · " + FormatAmount(o.amount_minor, o.currency);
  if (what == "lost" && o.lost_reason) summary += " — " + *o.lost_reason;
  json::object data{{"event", what},         {"stage", o.stage},       {"status", o.status},
                    {"amount_minor", o.amount_minor}, {"currency", o.currency}};
  TimelineService::Append(tx, TimelineEvent{*o.contact_id, "opportunity", what == "created" ? o.created_at : *o.closed_at,
                                            o.id, summary, o.owner_id, std::move(data)});
}

Opportunity Load(Tx& tx, const std::string& id) {
  auto o = OpportunityStore::Get(tx, id);
  if (!o) throw Error::NotFound("No opportunity has that id.");
  return *o;
}

Opportunity CreateInTx(Tx& tx, const std::string& actor_id, Opportunity o, Given given) {
  o.id = NewId("opp");
  o.created_by = actor_id.empty() ? std::nullopt : std::optional(actor_id);
  o.created_at = o.updated_at = NowText();
  if (!given.owner) o.owner_id = DefaultOwner(tx, o, actor_id);
  ApplyStage(tx, o, std::nullopt, given.probability);
  CheckReferences(tx, o);
  OpportunityStore::Insert(tx, o);
  AddToTimeline(tx, o, "created");
  if (o.status != "open") AddToTimeline(tx, o, o.status);
  AuditService::RecordCreate(tx, actor_id, "opportunity", o.id, ToJson(o));
  return o;
}

// "2026-12" → (2026, 12); nullopt when malformed.
std::optional<std::pair<int, int>> ParseMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  if (!IsValidDate(std::string(s) + "-01")) return std::nullopt;
  return std::pair{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2)))};
}

std::string MonthText(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

struct MonthFigures {
  int64_t open_count = 0, pipeline_minor = 0, weighted_minor = 0, won_minor = 0, lost_minor = 0;
  json::object Json(std::string_view month) const {
    json::object o{{"open_count", open_count}, {"pipeline_minor", pipeline_minor}, {"weighted_minor", weighted_minor},
                   {"won_minor", won_minor}, {"lost_minor", lost_minor}};
    if (!month.empty()) o.emplace("month", month);
    return o;
  }
};

}  // namespace

json::object OpportunityService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "opportunities",
      .columns = OpportunityStore::Columns(),
      .sorts = {{"expected_close", "COALESCE(opportunities.expected_close, '9999-12-31')"},
                {"amount_minor", "opportunities.amount_minor"},
                {"created_at", "opportunities.seq"}},
      .filters = {"stage", "status", "owner_id", "contact_id", "company_id", "source_case_id", "currency"},
      .extra = {},
      .searchable = false,
  };
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) { return ToJson(OpportunityStore::FromRow(r)); });
}

json::object OpportunityService::Get(const std::string& id) {
  return ToJson(db_.Read([&](Tx& tx) { return Load(tx, id); }));
}

json::object OpportunityService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Opportunity o;
  Given given = Apply(v, o, true);
  v.Finish();
  return ToJson(db_.Write([&](Tx& tx) { return CreateInTx(tx, actor_id, o, given); }));
}

json::object OpportunityService::CreateFromCase(const std::string& actor_id, const std::string& case_id,
                                                const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"title", "amount_minor", "currency", "stage", "probability", "expected_close", "note"});
  Opportunity o;
  Given given = Apply(v, o, false);
  if (o.currency.empty() && !v.HasError("currency")) v.Add("currency", "is required");
  v.Finish();
  return ToJson(db_.Write([&](Tx& tx) {
    auto c = CaseService::FindInTx(tx, case_id);
    if (!c || c->archived_at) throw Error::NotFound("No case has that id.");
    if (o.title.empty()) o.title = "From case #" + std::to_string(c->number) + ": " + c->subject;
    o.contact_id = c->contact_id;
    o.source_case_id = c->id;
    return CreateInTx(tx, actor_id, o, given);
  }));
}

json::object OpportunityService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                        std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    tx.LockKey("opportunity:" + id);
    Opportunity current = Load(tx, id);
    RequireVersion(current.version, if_match);
    Opportunity o = current;
    Validator v(patch);
    Given given = Apply(v, o, false);
    v.Finish();
    ApplyStage(tx, o, current, given.probability);
    if (ToJson(o) == ToJson(current)) return ToJson(o);
    CheckReferences(tx, o);
    o.updated_at = NowText();
    o.version = current.version + 1;
    OpportunityStore::Update(tx, o);
    if (o.status != current.status && o.status != "open" && !o.archived_at) AddToTimeline(tx, o, o.status);
    AuditService::RecordUpdate(tx, actor_id, "opportunity", o.id, ToJson(current), ToJson(o));
    return ToJson(o);
  });
}

void OpportunityService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("opportunity:" + id);
    Opportunity o = Load(tx, id);
    if (!MarkArchived(o, if_match)) return;
    OpportunityStore::Update(tx, o);
    TimelineService::Remove(tx, "opportunity", o.id);
    AuditService::RecordArchive(tx, actor_id, "opportunity", o.id, *o.archived_at);
  });
}

json::object OpportunityService::Forecast(const Ctx& ctx) {
  for (const auto& [name, value] : ctx.request().query)
    if (name != "from" && name != "to" && name != "owner_id" && name != "currency")
      throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  std::string today = TodayText();
  int year = std::stoi(today.substr(0, 4)), month = std::stoi(today.substr(5, 2));
  auto from = ctx.Query("from") ? ParseMonth(*ctx.Query("from")) : std::optional(std::pair{year, month});
  int to_index = year * 12 + month - 1 + 5;
  auto to = ctx.Query("to") ? ParseMonth(*ctx.Query("to")) : std::optional(std::pair{to_index / 12, to_index % 12 + 1});
  if (!from || !to) throw Error::BadRequest("from and to must be months as YYYY-MM.");
  int first = from->first * 12 + from->second - 1, last = to->first * 12 + to->second - 1;
  if (last < first || last - first >= 60) throw Error::BadRequest("to must be from 0 to 59 months after from.");
  auto currency = ctx.Query("currency");
  if (currency && !IsKnownCurrency(*currency)) throw Error::BadRequest("currency must be an ISO 4217 code such as NOK.");

  std::string start = MonthText(first / 12, first % 12 + 1) + "-01";
  std::string end = MonthText((last + 1) / 12, (last + 1) % 12 + 1) + "-01";
  std::string sql = "SELECT status, expected_close, closed_at, amount_minor, probability, currency FROM opportunities "
                    "WHERE archived_at IS NULL AND ((status = 'open' AND expected_close >= ? AND expected_close < ?) "
                    "OR (status <> 'open' AND closed_at >= ? AND closed_at < ?))";
  Params params{start, end, start, end};
  if (auto owner = ctx.Query("owner_id")) {
    sql += " AND owner_id = ?";
    params.emplace_back(*owner == "me" ? ctx.principal().user_id : std::string(*owner));
  }
  Rows rows = db_.Read([&](Tx& tx) { return tx.Query(sql, params); });

  std::string chosen(currency.value_or(""));
  if (chosen.empty()) {
    std::map<std::string, int64_t> uses;
    for (const Row& r : rows) ++uses[r.Text(5)];
    int64_t most = 0;
    for (const auto& [code, n] : uses)
      if (n > most) most = n, chosen = code;
  }
  std::map<std::string, MonthFigures> months;
  for (int m = first; m <= last; ++m) months[MonthText(m / 12, m % 12 + 1)];
  MonthFigures totals;
  int64_t other = 0;
  for (const Row& r : rows) {
    if (r.Text(5) != chosen) {
      ++other;
      continue;
    }
    std::string status = r.Text(0);
    int64_t amount = r.Int(3);
    MonthFigures& f = months[(status == "open" ? r.Text(1) : r.Text(2)).substr(0, 7)];
    for (MonthFigures* into : {&f, &totals}) {
      if (status == "open") {
        into->open_count += 1;
        into->pipeline_minor += amount;
        into->weighted_minor += (amount * r.Int(4) + 50) / 100;  // half up; amount ≤ 2^53 so no overflow
      } else {
        (status == "won" ? into->won_minor : into->lost_minor) += amount;
      }
    }
  }
  json::array out;
  for (const auto& [m, f] : months) out.push_back(f.Json(m));
  return json::object{{"currency", chosen.empty() ? json::value(nullptr) : json::value(json::string(chosen))},
                      {"from", MonthText(first / 12, first % 12 + 1)},
                      {"to", MonthText(last / 12, last % 12 + 1)},
                      {"months", std::move(out)},
                      {"totals", totals.Json("")},
                      {"other_currencies", other}};
}

}  // namespace hearth
