#include "modules/cases/case_service.hpp"

#include "core/crypto.hpp"
#include "core/cursor.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "jobs/job_queue.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/attachment_check.hpp"
#include "modules/cases/case_routing.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/cases/escalation.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/list_query.hpp"
#include "modules/mail/outbox.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/record.hpp"
#include "modules/sla/sla_clock.hpp"
#include "modules/sla/sla_policy_store.hpp"
#include "modules/tasks/task_service.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "modules/users/user_service.hpp"

#include <algorithm>

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"contact_id", "subject",  "description", "kind",
                                                         "priority",   "status",   "channel",     "owner_id",
                                                         "opened_at"};
const std::initializer_list<std::string_view> kReadOnly = {
    "id", "number", "assignment_rule", "assignment_reason", "assigned_at", "sla_policy_id", "first_response_due_at",
    "resolution_due_at", "next_due_at", "first_responded_at", "first_response_minutes", "resolved_at",
    "resolution_minutes", "closed_at", "sla_state", "sla_paused_at", "first_response_breached",
    "resolution_breached", "escalation_level", "created_by", "archived_at", "created_at", "updated_at", "version"};

// Which status may follow which; the same status is no change.
bool TransitionAllowed(std::string_view from, std::string_view to) {
  if (from == to) return true;
  if (to == "new") return false;
  if (from == "resolved") return to == "open" || to == "closed";
  if (from == "closed") return to == "open";
  return true;  // new, open, pending → open, pending, resolved, closed
}

std::string Reference(const Case& c) { return "#" + std::to_string(c.number); }

TimelineEvent EventOf(const Case& c) {
  std::string summary = "Case " + Reference(c) + " (" + c.kind + ", " + c.priority + "): " + c.subject + " — " +
                        c.status;
  json::object data{{"status", c.status}, {"case_kind", c.kind}, {"priority", c.priority}, {"sla_state", c.sla_state}};
  return TimelineEvent{c.contact_id, "case", c.opened_at, c.id, summary, c.owner_id, std::move(data)};
}

std::string Excerpt(const std::string& text, size_t max_bytes = 120) {
  std::string one_line = text.substr(0, max_bytes * 2);
  std::replace(one_line.begin(), one_line.end(), '\n', ' ');
  if (one_line.size() <= max_bytes) return one_line;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(one_line[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return one_line.substr(0, cut) + "…";
}

TimelineEvent MessageEventOf(const Case& c, const CaseMessage& m) {
  std::string what = m.direction == "inbound" ? "Customer wrote" : m.is_public ? "Reply" : "Internal note";
  return TimelineEvent{c.contact_id,
                       "message",
                       m.created_at,
                       m.id,
                       what + " on case " + Reference(c) + ": " + Excerpt(m.body),
                       m.author_id,
                       json::object{{"case_id", c.id}, {"public", m.is_public}, {"direction", m.direction}}};
}

struct PolicyAndCalendar {
  std::optional<SlaPolicy> policy;
  std::optional<BusinessCalendar> calendar;
  const SlaPolicy* p() const { return policy ? &*policy : nullptr; }
  const BusinessCalendar* cal() const { return calendar ? &*calendar : nullptr; }
};

PolicyAndCalendar PolicyFor(Tx& tx, const Case& c) {
  PolicyAndCalendar out;
  out.policy = SlaPolicyStore::Match(tx, c.priority, c.kind);
  if (out.policy) out.calendar = out.policy->Calendar();
  return out;
}

// Queues the SLA timer for the next instant the case's state can change.
void ScheduleTimer(Tx& tx, const Case& c, std::optional<SysTime> next) {
  if (!next) return;
  std::string at = FormatTime(*next);
  std::string key = "sla-timer:" + c.id + ":" + at;
  if (tx.QueryOne("SELECT 1 FROM jobs WHERE unique_key = ?", {key})) return;
  JobQueue::Enqueue(tx, "sla-timer", json::object{{"case_id", c.id}}, at, key);
}

// A warning or breach that has not been escalated yet (e.g. a call logged after its due
// time): the timer runs now rather than at the next due time.
bool NeedsEscalation(const Case& c) {
  return (c.sla_state == "breached" && c.escalation_level != std::optional<std::string>("breach")) ||
         (c.sla_state == "warning" && !c.escalation_level);
}

// Re-evaluates the clocks at `now` and queues the next timer.
// Back to ok (answered in time, reopened…): the next warning escalates again.
void Evaluate(Tx& tx, Case& c, SysTime now) {
  auto next = EvaluateState(c, now);
  if (c.sla_state == "ok") c.escalation_level.reset();
  ScheduleTimer(tx, c, NeedsEscalation(c) ? std::optional(now) : next);
}

void NotifyAssigned(Tx& tx, const Case& c, const std::string& actor_id) {
  if (!c.owner_id || *c.owner_id == actor_id) return;
  NotificationService::Notify(tx, Notification{*c.owner_id, "case_assigned", "Case " + Reference(c) + " is yours",
                                               c.subject + " — " + c.assignment_reason, std::string("case"), c.id});
}

void AddEvent(Tx& tx, const Case& c, const std::string& kind, const std::string& actor_id, std::string detail,
              json::object data = {}) {
  CaseMessageStore::AddEvent(tx, CaseEvent{c.id, kind, actor_id.empty() ? std::nullopt : std::optional(actor_id),
                                           std::move(detail), std::move(data)});
}

void Save(Tx& tx, const std::string& actor_id, const Case& before, Case& c) {
  c.updated_at = NowText();
  c.version = before.version + 1;
  CaseStore::Update(tx, c);
  if (c.archived_at) TimelineService::Remove(tx, "case", c.id);
  else TimelineService::Update(tx, EventOf(c));
  AuditService::RecordUpdate(tx, actor_id, "case", c.id, ToJson(before), ToJson(c));
}

// A case to change: archived cases are read-only. Changes of one case queue up (on
// PostgreSQL two agents answering at once would otherwise overwrite each other's fields).
Case Load(Tx& tx, const std::string& id) {
  tx.LockKey("case:" + id);
  auto c = CaseStore::Get(tx, id);
  if (!c || c->archived_at) throw Error::NotFound("No case has that id.");
  return *c;
}

// A case to read from (its messages, events, attachments), archived or not.
void RequireCase(Tx& tx, const std::string& id) {
  if (!CaseStore::Get(tx, id)) throw Error::NotFound("No case has that id.");
}

// Moves the case to `status` at `now`: stops or starts the clocks, records resolution.
void ChangeStatus(Tx& tx, Case& c, const std::string& status, SysTime now, const std::string& actor_id) {
  if (status == c.status) return;
  if (!TransitionAllowed(c.status, status))
    throw Error::Invalid({{"status", "cannot change from " + c.status + " to " + status}});
  auto policy = PolicyFor(tx, c);
  std::string from = c.status;
  EvaluateState(c, now);  // a clock that ran out before this change is a breach
  bool reopening = from == "resolved" || from == "closed";
  if (ClockRuns(status)) {
    ResumeClocks(c, policy.cal(), now);
    if (reopening) c.resolved_at = c.closed_at = std::nullopt, c.resolution_minutes = std::nullopt;
    c.status = status;
    ComputeDues(c, policy.p(), policy.cal());
  } else {
    if ((status == "resolved" || status == "closed") && !c.resolved_at) {
      c.resolved_at = FormatTime(now);
      c.resolution_minutes = MinutesUsed(c, policy.cal(), now);
    }
    if (status == "closed") c.closed_at = FormatTime(now);
    PauseClocks(c, now);
    c.status = status;
  }
  Evaluate(tx, c, now);
  AddEvent(tx, c, "status", actor_id, (reopening && ClockRuns(status) ? "Reopened: " : "Status: ") + from + " → " + status);
}

void Apply(Validator& v, Case& c, bool creating, std::string& new_status) {
  v.RejectUnknown(kFields, kReadOnly);
  auto contact = v.Id("contact_id");
  auto subject = v.Text("subject", 300);
  auto description = v.Text("description", 50000, true);
  auto kind = v.Enum("kind", kCaseKinds);
  auto priority = v.Enum("priority", kCasePriorities);
  auto status = v.Enum("status", kCaseStatuses);
  auto channel = v.Enum("channel", kCaseChannels);
  auto opened = v.Time("opened_at");
  if (creating) {
    v.Require("contact_id", contact);
    v.Require("subject", subject);
  } else {
    if (contact.present && !v.HasError("contact_id")) v.Add("contact_id", "cannot be changed; open a new case");
    if (opened.present && !v.HasError("opened_at")) v.Add("opened_at", "cannot be changed after the case is opened");
  }
  for (auto [field, cleared] : {std::pair{"subject", subject.present && !subject.value},
                                {"kind", kind.present && !kind.value},
                                {"priority", priority.present && !priority.value},
                                {"status", status.present && !status.value},
                                {"channel", channel.present && !channel.value}})
    if (cleared && !v.HasError(field)) v.Add(field, "cannot be cleared");
  if (contact.is_set()) c.contact_id = *contact.value;
  if (subject.is_set()) c.subject = *subject.value;
  Assign(description, c.description);
  if (kind.is_set()) c.kind = *kind.value;
  if (priority.is_set()) c.priority = *priority.value;
  if (channel.is_set()) c.channel = *channel.value;
  if (status.is_set()) new_status = *status.value;
  if (opened.is_set()) {
    if (*ParseTime(*opened.value) > Now() + std::chrono::minutes(5)) v.Add("opened_at", "cannot be in the future");
    else c.opened_at = *opened.value;
  }
}

}  // namespace

json::object CaseService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "cases",
      .columns = CaseStore::Columns(),
      .sorts = {{"due", "cases.next_due_at"}, {"opened_at", "cases.opened_at"}, {"created_at", "cases.seq"}},
      .filters = {"contact_id", "status", "kind", "priority", "channel", "sla_state"},
      .extra = {"view", "owner_id", "open"},
      .searchable = false,
  };
  ListQuery query(ctx, spec);
  const std::string& me = ctx.principal().user_id;
  if (auto owner = query.Param("owner_id")) {
    if (*owner == "none") query.Where("cases.owner_id IS NULL");
    else query.Where("cases.owner_id = ?", {*owner == "me" ? me : std::string(*owner)});
  }
  bool open_only = query.Param("view").has_value();
  if (auto open = query.Param("open")) {
    if (*open != "true" && *open != "false") throw Error::BadRequest("open must be true or false.");
    open_only = *open == "true";
  }
  if (open_only) query.Where("cases.status IN ('new', 'open', 'pending')");
  if (auto open = query.Param("open"); open && *open == "false") query.Where("cases.status IN ('resolved', 'closed')");
  if (auto view = query.Param("view")) {
    if (*view == "mine") query.Where("cases.owner_id = ?", {me});
    else if (*view == "team")
      // Written so both planners walk the open-by-due index, filter, and stop after one page
      // (`owner_id IN (…)` lets SQLite gather every open team case by owner and PostgreSQL
      // hash-join them, then sort).
      query.Where("(cases.owner_id IS NULL OR EXISTS (SELECT 1 FROM users WHERE users.id = cases.owner_id "
                  "AND users.service_team = 1))");
    else if (*view == "breaching")
      query.Where("cases.next_due_at < ?", {FormatTime(Now() + std::chrono::hours(4))});
    else if (*view != "all") throw Error::BadRequest("view must be mine, team, breaching or all.");
  }
  return query.Run(db_, [](const Row& r) { return ToJson(CaseStore::FromRow(r)); });
}

json::object CaseService::Get(const std::string& id) {
  auto c = db_.Read([&](Tx& tx) { return CaseStore::Get(tx, id); });
  if (!c) throw Error::NotFound("No case has that id.");
  return ToJson(*c);
}

std::optional<Case> CaseService::FindInTx(Tx& tx, const std::string& id) { return CaseStore::Get(tx, id); }

Case CaseService::OpenInTx(Tx& tx, const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Case c;
  std::string status = "new";
  Apply(v, c, true, status);
  auto owner = v.Id("owner_id");
  if (owner.present && !owner.value && !v.HasError("owner_id")) v.Add("owner_id", "leave it out to route the case");
  if (status != "new" && status != "open" && !v.HasError("status")) v.Add("status", "a new case is new or open");
  v.Finish();
  SysTime now = Now();
  if (c.opened_at.empty()) c.opened_at = FormatTime(now);
  auto contact = ContactService::FindInTx(tx, c.contact_id);
  if (!contact || !contact->at("archived_at").is_null())
    throw Error::Invalid({{"contact_id", "must be the id of an existing, not archived contact"}});

  Assignment a;
  if (owner.is_set()) {
    if (!UserService::IsActive(tx, *owner.value)) throw Error::Invalid({{"owner_id", "must be the id of an active user"}});
    a = {*owner.value, "manual", "Chosen by " + (actor_id.empty() ? std::string("the system") : UserName(tx, actor_id))};
  } else {
    const json::value& customer_owner = contact->at("owner_id");
    a = RouteToOwnerOrTeam(tx, customer_owner.is_null() ? std::nullopt
                                                        : std::optional(std::string(customer_owner.as_string())),
                           now);
  }
  c.owner_id = a.owner_id;
  c.assignment_rule = a.rule;
  c.assignment_reason = a.reason;
  if (c.owner_id) c.assigned_at = FormatTime(now);
  c.status = status;
  c.id = NewId("cas");
  c.created_by = actor_id.empty() ? std::nullopt : std::optional(actor_id);
  c.created_at = c.updated_at = FormatTime(now);
  auto policy = PolicyFor(tx, c);
  ComputeDues(c, policy.p(), policy.cal());
  auto next = EvaluateState(c, now);
  CaseStore::Insert(tx, c);
  ScheduleTimer(tx, c, NeedsEscalation(c) ? std::optional(now) : next);
  TimelineService::Append(tx, EventOf(c));
  AddEvent(tx, c, "opened", actor_id, "Opened (" + c.channel + ")");
  AddEvent(tx, c, "assigned", actor_id, a.reason, json::object{{"rule", a.rule}, {"owner_id", OptionalString(a.owner_id)}});
  AuditService::RecordCreate(tx, actor_id, "case", c.id, ToJson(c));
  NotifyAssigned(tx, c, actor_id);
  return c;
}

json::object CaseService::Create(const std::string& actor_id, const json::object& body) {
  return db_.Write([&](Tx& tx) { return ToJson(OpenInTx(tx, actor_id, body)); });
}

json::object CaseService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                 std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    Case current = Load(tx, id);
    RequireVersion(current.version, if_match);
    Case c = current;
    Validator v(patch);
    std::string status = c.status;
    Apply(v, c, false, status);
    auto owner = v.Id("owner_id");
    v.Finish();
    SysTime now = Now();
    if (owner.present && owner.value != c.owner_id) {
      if (owner.value && !UserService::IsActive(tx, *owner.value))
        throw Error::Invalid({{"owner_id", "must be the id of an active user"}});
      c.owner_id = owner.value;
      c.assignment_rule = owner.value ? "manual" : "unassigned";
      c.assignment_reason = owner.value ? "Reassigned by " + UserName(tx, actor_id) : "Unassigned by " + UserName(tx, actor_id);
      c.assigned_at = owner.value ? std::optional(FormatTime(now)) : std::nullopt;
      AddEvent(tx, c, "assigned", actor_id, c.assignment_reason,
               json::object{{"rule", c.assignment_rule}, {"owner_id", OptionalString(c.owner_id)}});
      NotifyAssigned(tx, c, actor_id);
    }
    if (c.priority != current.priority || c.kind != current.kind) {
      // A new priority or kind can mean another policy: its targets, from the opening time.
      auto policy = PolicyFor(tx, c);
      ComputeDues(c, policy.p(), policy.cal());
      Evaluate(tx, c, now);
      if (c.priority != current.priority)
        AddEvent(tx, c, "priority", actor_id, "Priority: " + current.priority + " → " + c.priority);
    }
    ChangeStatus(tx, c, status, now, actor_id);
    if (ToJson(c) == ToJson(current)) return ToJson(c);
    Save(tx, actor_id, current, c);
    return ToJson(c);
  });
}

void CaseService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("case:" + id);
    auto c = CaseStore::Get(tx, id);
    if (!c) throw Error::NotFound("No case has that id.");
    RequireVersion(c->version, if_match);
    if (c->archived_at) return;
    c->archived_at = c->updated_at = NowText();
    c->next_due_at = kFarFuture;
    c->version += 1;
    CaseStore::Update(tx, *c);
    TimelineService::Remove(tx, "case", c->id);
    AuditService::RecordArchive(tx, actor_id, "case", c->id, *c->archived_at);
  });
}

void CaseService::AddInboundMessageInTx(Tx& tx, Case& c, CaseMessage m) {
  Case before = c;
  m.id = NewId("msg");
  m.case_id = c.id;
  m.direction = "inbound";
  m.is_public = true;
  if (m.created_at.empty()) m.created_at = NowText();
  CaseMessageStore::Insert(tx, m);
  TimelineService::Append(tx, MessageEventOf(c, m));
  // The customer answered: a case waiting on them (or already resolved) is open again.
  if (c.status == "pending" || c.status == "resolved" || c.status == "closed") ChangeStatus(tx, c, "open", Now(), "");
  if (c.owner_id)
    NotificationService::Notify(tx, Notification{*c.owner_id, "case_message", "New message on case " + Reference(c),
                                                 Excerpt(m.body), std::string("case"), c.id});
  if (ToJson(c) != ToJson(before)) Save(tx, "", before, c);
}

json::object CaseService::AddMessage(const std::string& actor_id, const std::string& id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"body", "public"});
  auto text = v.Text("body", 100000, true);
  auto is_public = v.Bool("public");
  v.Require("body", text);
  v.Finish();
  return db_.Write([&](Tx& tx) {
    Case c = Load(tx, id);
    Case before = c;
    SysTime now = Now();
    CaseMessage m;
    m.id = NewId("msg");
    m.case_id = c.id;
    m.body = *text.value;
    m.is_public = is_public.value.value_or(false);
    m.author_id = actor_id;
    m.created_at = FormatTime(now);
    bool emailed = false;
    if (m.is_public) {
      auto contact = ContactService::FindInTx(tx, c.contact_id);
      const json::value* email = contact ? contact->if_contains("email") : nullptr;
      if (email && email->is_string() && OutgoingMailEnabled(tx)) {
        m.email_message_id = NewEmailMessageId(tx);
        std::optional<std::string> thread = c.email_thread_id;
        if (!thread) c.email_thread_id = m.email_message_id;  // this reply starts the email conversation
        emailed = QueueEmail(tx, OutgoingEmail{std::string(email->as_string()),
                                               "[Case " + Reference(c) + "] " + c.subject, m.body, m.email_message_id,
                                               thread, thread});
      }
      if (!c.first_responded_at) {
        auto policy = PolicyFor(tx, c);
        EvaluateState(c, now);  // a reply after the due time is a breached first response
        c.first_responded_at = m.created_at;
        c.first_response_minutes = MinutesUsed(c, policy.cal(), now);
        if (c.status == "new") ChangeStatus(tx, c, "open", now, actor_id);
        Evaluate(tx, c, now);
      }
    }
    CaseMessageStore::Insert(tx, m);
    TimelineService::Append(tx, MessageEventOf(c, m));
    if (ToJson(c) != ToJson(before)) Save(tx, actor_id, before, c);
    json::object out = ToJson(m);
    out["emailed"] = emailed;
    out["case"] = ToJson(c);
    return out;
  });
}

json::object CaseService::Messages(const std::string& id, const Ctx& ctx) {
  int limit = ParseListLimit(ctx);
  int64_t after = 0;
  for (const auto& [name, value] : ctx.request().query)
    if (name != "limit" && name != "cursor") throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  if (auto cursor = ctx.Query("cursor")) {
    Cursor c = DecodeCursor(*cursor, "messages");
    try {
      after = std::stoll(c.key);
    } catch (const std::exception&) {
      throw Error::BadRequest("The cursor is not valid.");
    }
  }
  return db_.Read([&](Tx& tx) {
    RequireCase(tx, id);
    std::vector<int64_t> seqs;
    auto messages = CaseMessageStore::List(tx, id, after, limit + 1, seqs);
    json::array items;
    for (size_t i = 0; i < messages.size() && i < static_cast<size_t>(limit); ++i) items.push_back(ToJson(messages[i]));
    json::value next = nullptr;
    if (messages.size() > static_cast<size_t>(limit)) next = json::string(EncodeCursor(Cursor{"messages", std::to_string(seqs[limit - 1]), ""}));
    return json::object{{"items", std::move(items)}, {"next_cursor", next}};
  });
}

json::object CaseService::Events(const std::string& id) {
  return db_.Read([&](Tx& tx) {
    RequireCase(tx, id);
    return json::object{{"items", CaseMessageStore::Events(tx, id)}};
  });
}

void CaseService::AddAttachmentInTx(Tx& tx, const std::string& actor_id, const Case& c,
                                    const std::optional<std::string>& message_id, const AttachmentUpload& upload) {
  CaseAttachment a;
  a.id = NewId("att");
  a.case_id = c.id;
  a.message_id = message_id;
  a.filename = SafeFilename(upload.filename);
  a.content_type = CheckedContentType(upload.content_type, upload.bytes);
  a.size_bytes = static_cast<int64_t>(upload.bytes.size());
  a.sha256 = Sha256Hex(upload.bytes);
  a.uploaded_by = actor_id.empty() ? std::nullopt : std::optional(actor_id);
  a.created_at = NowText();
  CaseMessageStore::InsertAttachment(tx, a, Base64UrlEncode(upload.bytes));
}

json::object CaseService::AddAttachment(const std::string& actor_id, const std::string& id,
                                        const AttachmentUpload& upload) {
  if (upload.bytes.size() > kMaxAttachmentBytes)
    throw Error(Error::Kind::kPayloadTooLarge, "attachment-too-large",
                "Attachments may be at most " + std::to_string(kMaxAttachmentBytes / (1024 * 1024)) + " MiB.");
  if (upload.bytes.empty()) throw Error::Invalid({{"file", "is empty"}});
  return db_.Write([&](Tx& tx) {
    Case c = Load(tx, id);
    AddAttachmentInTx(tx, actor_id, c, std::nullopt, upload);
    auto all = CaseMessageStore::Attachments(tx, c.id);
    AddEvent(tx, c, "attachment", actor_id, "Attached " + all.back().filename);
    return ToJson(all.back());
  });
}

json::object CaseService::Attachments(const std::string& id) {
  return db_.Read([&](Tx& tx) {
    RequireCase(tx, id);
    json::array items;
    for (const CaseAttachment& a : CaseMessageStore::Attachments(tx, id)) items.push_back(ToJson(a));
    return json::object{{"items", std::move(items)}};
  });
}

std::pair<CaseAttachment, std::string> CaseService::Attachment(const std::string& id,
                                                                 const std::string& attachment_id) {
  auto found = db_.Read([&](Tx& tx) {
    RequireCase(tx, id);
    return CaseMessageStore::Attachment(tx, id, attachment_id);
  });
  if (!found) throw Error::NotFound("The case has no attachment with that id.");
  std::string bytes;
  if (!Base64UrlDecode(found->second, bytes)) throw Error::Internal("A stored attachment could not be read.");
  return {found->first, std::move(bytes)};
}

json::object CaseService::SalesLead(const std::string& actor_id, const std::string& id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"title", "notes", "due_at"});
  auto title = v.Text("title", 200);
  auto notes = v.Text("notes", 20000, true);
  auto due = v.Time("due_at");
  v.Finish();
  return db_.Write([&](Tx& tx) {
    Case c = Load(tx, id);
    auto contact = ContactService::FindInTx(tx, c.contact_id);
    const json::value& owner = contact->at("owner_id");
    if (owner.is_null())
      throw Error::Conflict("no-owner", "The customer has no owner to hand a sales lead to; give them an owner first.");
    Task t;
    t.title = title.value.value_or("Sales lead from case " + Reference(c) + ": " + c.subject);
    t.kind = "sales_lead";
    t.assignee_id = std::string(owner.as_string());
    t.contact_id = c.contact_id;
    t.due_at = due.value;
    t.notes = notes.value;
    t.source = "case:" + c.id;
    t.created_by = actor_id;
    Task made = TaskService::CreateInTx(tx, actor_id, t);
    AddEvent(tx, c, "sales_lead", actor_id, "Sales lead handed to " + UserName(tx, made.assignee_id),
             json::object{{"task_id", made.id}});
    if (made.assignee_id != actor_id)
      NotificationService::Notify(tx, Notification{made.assignee_id, "sales_lead", "Sales lead: " + c.subject,
                                                   "From case " + Reference(c) + " by " + UserName(tx, actor_id),
                                                   std::string("task"), made.id});
    return ToJson(made);
  });
}

void CaseService::OnSlaTimer(const std::string& case_id) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("case:" + case_id);
    auto found = CaseStore::Get(tx, case_id);
    if (!found || found->archived_at) return;
    Case before = *found;
    Case c = before;
    SysTime now = Now();
    auto next = EvaluateState(c, now);
    if (c.sla_state == "ok") c.escalation_level.reset();
    if (NeedsEscalation(c)) Escalate(tx, c, c.sla_state == "breached" ? "breach" : "warning");
    ScheduleTimer(tx, c, next);
    if (c.sla_state != before.sla_state)
      AddEvent(tx, c, "sla", "", "Service level: " + before.sla_state + " → " + c.sla_state);
    if (ToJson(c) != ToJson(before)) Save(tx, "", before, c);
  });
}

std::pair<int, int> CaseService::OpenComplaintsAndBreachesInTx(Tx& tx, const std::string& contact_id,
                                                               const std::string& since) {
  Row r = *tx.QueryOne(
      "SELECT (SELECT count(*) FROM cases WHERE contact_id = ? AND kind = 'complaint' "
      "AND status IN ('new','open','pending') AND archived_at IS NULL), "
      "(SELECT count(*) FROM cases WHERE contact_id = ? AND opened_at >= ? AND archived_at IS NULL "
      "AND (first_response_breached = 1 OR resolution_breached = 1))",
      {contact_id, contact_id, since});
  return {static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1))};
}

}  // namespace hearth
