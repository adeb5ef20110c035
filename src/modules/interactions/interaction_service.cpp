#include "modules/interactions/interaction_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/interactions/contact_pressure.hpp"
#include "modules/interactions/interaction_store.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "modules/users/user_service.hpp"

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"contact_id", "user_id", "channel", "direction",
                                                         "occurred_at", "subject", "notes", "outcome",
                                                         "sentiment", "override_reason"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "notes_html", "task_id", "archived_at",
                                                           "created_at", "updated_at", "version"};

// Applies the body's fields; returns whether an override reason was given in it.
bool Apply(Validator& v, Interaction& i, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto contact = v.Id("contact_id");
  auto user = v.Id("user_id");
  auto channel = v.Enum("channel", kChannels);
  auto direction = v.Enum("direction", kDirections);
  auto occurred = v.Time("occurred_at");
  auto subject = v.Text("subject");
  auto notes = v.Text("notes", 20000, true);
  auto outcome = v.Text("outcome", 100);
  auto sentiment = v.Int("sentiment", -2, 2);
  auto override_reason = v.Text("override_reason", 500);
  if (creating) {
    v.Require("contact_id", contact);
    v.Require("channel", channel);
    v.Require("direction", direction);
  }
  if (contact.is_set()) i.contact_id = *contact.value;
  else if (contact.present && !creating) v.Add("contact_id", "cannot be cleared");
  Assign(user, i.user_id);
  if (channel.is_set()) i.channel = *channel.value;
  else if (channel.present && !creating && !v.HasError("channel")) v.Add("channel", "cannot be cleared");
  if (direction.is_set()) i.direction = *direction.value;
  else if (direction.present && !creating && !v.HasError("direction")) v.Add("direction", "cannot be cleared");
  if (occurred.is_set()) i.occurred_at = *occurred.value;
  else if (occurred.present && !creating && !v.HasError("occurred_at")) v.Add("occurred_at", "cannot be cleared");
  Assign(subject, i.subject);
  Assign(notes, i.notes);
  Assign(outcome, i.outcome);
  Assign(sentiment, i.sentiment);
  Assign(override_reason, i.override_reason);
  return override_reason.is_set();
}

void CheckReferences(Tx& tx, const Interaction& i) {
  std::vector<FieldError> errors;
  if (!ContactService::ActiveName(tx, i.contact_id))
    errors.push_back({"contact_id", "must be the id of an existing, not archived contact"});
  if (i.user_id && !UserService::IsActive(tx, *i.user_id))
    errors.push_back({"user_id", "must be the id of an active user"});
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
}

TimelineEvent EventOf(const Interaction& i) {
  std::string what = i.direction + " " + i.channel;
  std::string about = i.subject.value_or(i.notes ? i.notes->substr(0, 80) : "");
  json::object data{{"channel", i.channel}, {"direction", i.direction}};
  if (i.sentiment) data["sentiment"] = *i.sentiment;
  if (i.outcome) data["outcome"] = *i.outcome;
  if (i.override_reason) data["override_reason"] = *i.override_reason;
  what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
  return TimelineEvent{i.contact_id, "interaction", i.occurred_at, i.id,
                       about.empty() ? what : what + ": " + about, i.user_id, std::move(data)};
}

}  // namespace

json::object InteractionService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "interactions",
      .columns = InteractionStore::Columns(),
      .sorts = {{"occurred_at", "interactions.occurred_at"}, {"created_at", "interactions.seq"}},
      .filters = {"contact_id", "user_id", "channel", "direction"},
      .extra = {"from", "to"},
      .searchable = false,
      .default_sort = "-occurred_at",
  };
  ListQuery query(ctx, spec);
  for (const char* name : {"from", "to"}) {
    if (auto text = query.Param(name)) {
      auto t = ParseTime(*text);
      if (!t) throw Error::BadRequest(std::string(name) + " must be a time as RFC 3339.");
      query.Where(std::string("interactions.occurred_at ") + (name[0] == 'f' ? ">=" : "<") + " ?", {FormatTime(*t)});
    }
  }
  return query.Run(db_, [](const Row& r) { return ToJson(InteractionStore::FromRow(r)); });
}

json::object InteractionService::Get(const std::string& id) {
  auto i = db_.Read([&](Tx& tx) { return InteractionStore::Get(tx, id); });
  if (!i) throw Error::NotFound("No interaction has that id.");
  return ToJson(*i);
}

Interaction InteractionService::LogInTx(Tx& tx, const std::string& actor_id, const json::object& body,
                                        const std::optional<std::string>& task_id,
                                        const std::optional<std::string>& contact_id) {
  json::object filled = body;
  if (contact_id && !filled.contains("contact_id")) filled["contact_id"] = *contact_id;
  Validator v(filled);
  Interaction i;
  bool overridden = Apply(v, i, true);
  v.Finish();
  i.id = NewId("int");
  if (!i.user_id) i.user_id = actor_id;
  i.created_at = i.updated_at = NowText();
  if (i.occurred_at.empty()) i.occurred_at = i.created_at;
  i.task_id = task_id;
  CheckReferences(tx, i);
  if (i.direction == "outbound" && !overridden) CheckContactPressure(tx, i.contact_id, i.occurred_at, i.id);
  InteractionStore::Insert(tx, i);
  InteractionStore::RefreshActivity(tx, i.contact_id);
  TimelineService::Append(tx, EventOf(i));
  AuditService::RecordCreate(tx, actor_id, "interaction", i.id, ToJson(i));
  return i;
}

json::object InteractionService::Create(const std::string& actor_id, const json::object& body) {
  // Validate before queuing for the writer: a bad body never waits for it.
  {
    Validator v(body);
    Interaction scratch;
    Apply(v, scratch, true);
    v.Finish();
  }
  return db_.Write([&](Tx& tx) { return ToJson(LogInTx(tx, actor_id, body, std::nullopt, std::nullopt)); });
}

json::object InteractionService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                        std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    auto current = InteractionStore::Get(tx, id);
    if (!current) throw Error::NotFound("No interaction has that id.");
    RequireVersion(current->version, if_match);
    Interaction i = *current;
    Validator v(patch);
    bool overridden = Apply(v, i, false);
    v.Finish();
    json::object before = ToJson(*current);
    if (ToJson(i) == before) return before;
    CheckReferences(tx, i);
    bool touches_pressure = i.direction == "outbound" &&
                            (current->direction != "outbound" || i.occurred_at != current->occurred_at ||
                             i.contact_id != current->contact_id);
    if (touches_pressure && !overridden && !i.archived_at) CheckContactPressure(tx, i.contact_id, i.occurred_at, i.id);
    i.updated_at = NowText();
    i.version = current->version + 1;
    InteractionStore::Update(tx, i);
    InteractionStore::RefreshActivity(tx, i.contact_id);
    if (i.contact_id != current->contact_id) InteractionStore::RefreshActivity(tx, current->contact_id);
    if (!i.archived_at) TimelineService::Update(tx, EventOf(i));
    json::object after = ToJson(i);
    AuditService::RecordUpdate(tx, actor_id, "interaction", i.id, before, after);
    return after;
  });
}

void InteractionService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    auto i = InteractionStore::Get(tx, id);
    if (!i) throw Error::NotFound("No interaction has that id.");
    RequireVersion(i->version, if_match);
    if (i->archived_at) return;
    i->archived_at = i->updated_at = NowText();
    i->version += 1;
    InteractionStore::Update(tx, *i);
    InteractionStore::RefreshActivity(tx, i->contact_id);
    TimelineService::Remove(tx, "interaction", i->id);
    AuditService::RecordArchive(tx, actor_id, "interaction", i->id, *i->archived_at);
  });
}

json::object InteractionService::Pressure(const std::string& contact_id, const Ctx& ctx) {
  std::string at = NowText();
  if (auto text = ctx.Query("at")) {
    auto t = ParseTime(*text);
    if (!t) throw Error::BadRequest("at must be a time as RFC 3339.");
    at = FormatTime(*t);
  }
  return db_.Read([&](Tx& tx) {
    if (!ContactService::ActiveName(tx, contact_id)) throw Error::NotFound("No contact has that id.");
    return ContactPressureStatus(tx, contact_id, at);
  });
}

int InteractionService::NegativeSentimentInTx(Tx& tx, const std::string& contact_id, const std::string& since) {
  return static_cast<int>(tx.QueryOne("SELECT COALESCE(sum(-sentiment), 0) FROM interactions WHERE contact_id = ? "
                                      "AND sentiment < 0 AND occurred_at >= ? AND archived_at IS NULL",
                                      {contact_id, since})
                              ->Int(0));
}

}  // namespace hearth
