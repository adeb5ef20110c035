#include "modules/tasks/task_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/interactions/interaction_service.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"
#include "modules/tasks/task_store.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "modules/users/user_service.hpp"

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"title", "kind", "due_at", "assignee_id",
                                                         "contact_id", "status", "notes"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "completed_at", "interaction_id", "source",
                                                           "created_by", "archived_at", "created_at",
                                                           "updated_at", "version"};

void Apply(Validator& v, Task& t, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto title = v.Text("title");
  auto kind = v.Enum("kind", kTaskKinds);
  auto due = v.Time("due_at");
  auto assignee = v.Id("assignee_id");
  auto contact = v.Id("contact_id");
  auto status = v.Enum("status", kTaskStatuses);
  auto notes = v.Text("notes", 20000, true);
  if (creating) v.Require("title", title);
  if (title.is_set()) t.title = *title.value;
  else if (title.present && !creating && !v.HasError("title")) v.Add("title", "cannot be cleared");
  if (kind.is_set()) t.kind = *kind.value;
  if (due.present) t.due_at = due.value;
  if (assignee.is_set()) t.assignee_id = *assignee.value;
  else if (assignee.present && !v.HasError("assignee_id")) v.Add("assignee_id", "cannot be cleared");
  if (contact.present) t.contact_id = contact.value;
  if (status.is_set()) t.status = *status.value;
  if (notes.present) t.notes = notes.value;
}

void CheckReferences(Tx& tx, const Task& t) {
  std::vector<FieldError> errors;
  if (!UserService::IsActive(tx, t.assignee_id)) errors.push_back({"assignee_id", "must be the id of an active user"});
  if (t.contact_id && !ContactService::ActiveName(tx, *t.contact_id))
    errors.push_back({"contact_id", "must be the id of an existing, not archived contact"});
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
}

TimelineEvent EventOf(const Task& t) {
  std::string summary = "Task (" + t.kind + "): " + t.title;
  if (t.status != "open") summary += " — " + t.status;
  json::object data{{"status", t.status}, {"task_kind", t.kind}, {"due_at", OptionalString(t.due_at)}};
  return TimelineEvent{*t.contact_id, "task", t.created_at, t.id, summary, t.assignee_id, std::move(data)};
}

// Writes a new task with its timeline entry and audit record.
void InsertTask(Tx& tx, const std::string& actor_id, const Task& t) {
  TaskStore::Insert(tx, t);
  if (t.contact_id) TimelineService::Append(tx, EventOf(t));
  AuditService::RecordCreate(tx, actor_id, "task", t.id, ToJson(t));
}

void SaveChange(Tx& tx, const std::string& actor_id, const Task& before, Task& t) {
  if (t.status != before.status) t.completed_at = t.status == "done" ? std::optional(NowText()) : std::nullopt;
  t.updated_at = NowText();
  t.version = before.version + 1;
  TaskStore::Update(tx, t);
  if (before.contact_id && (!t.contact_id || *t.contact_id != *before.contact_id))
    TimelineService::Remove(tx, "task", t.id);
  if (t.contact_id && !t.archived_at) {
    if (before.contact_id == t.contact_id) TimelineService::Update(tx, EventOf(t));
    else TimelineService::Append(tx, EventOf(t));
  }
  AuditService::RecordUpdate(tx, actor_id, "task", t.id, ToJson(before), ToJson(t));
}

std::pair<SysTime, SysTime> Today(const Ctx& ctx) {
  std::string tz(ctx.Query("tz").value_or("UTC"));
  return LocalDay(Now(), tz);
}

}  // namespace

json::object TaskService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "tasks",
      .columns = TaskStore::Columns(),
      .sorts = {{"due_at", std::string("COALESCE(tasks.due_at, '") + kFarFuture + "')"}, {"created_at", "tasks.seq"}},
      .filters = {"contact_id", "status", "kind"},
      .extra = {"assignee_id", "due", "tz"},
      .searchable = false,
  };
  ListQuery query(ctx, spec);
  if (auto a = query.Param("assignee_id"))
    query.Where("tasks.assignee_id = ?", {*a == "me" ? ctx.principal().user_id : std::string(*a)});
  if (auto due = query.Param("due")) {
    auto [start, end] = Today(ctx);
    if (*due == "overdue") query.Where("tasks.due_at < ?", {FormatTime(start)});
    else if (*due == "today") query.Where("tasks.due_at >= ? AND tasks.due_at < ?", {FormatTime(start), FormatTime(end)});
    else if (*due == "upcoming") query.Where("(tasks.due_at >= ? OR tasks.due_at IS NULL)", {FormatTime(end)});
    else throw Error::BadRequest("due must be overdue, today or upcoming.");
  } else if (query.Param("tz")) {
    Today(ctx);  // an unknown zone is still a 400
  }
  return query.Run(db_, [](const Row& r) { return ToJson(TaskStore::FromRow(r)); });
}

json::object TaskService::Mine(const Ctx& ctx) {
  for (const auto& [name, value] : ctx.request().query)
    if (name != "tz") throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  auto [start, end] = Today(ctx);
  std::string user = ctx.principal().user_id;
  static const std::string base = std::string("SELECT ") + TaskStore::Columns() +
                                  " FROM tasks WHERE assignee_id = ? AND status = 'open' AND archived_at IS NULL ";
  auto to_array = [](const Rows& rows) {
    json::array out;
    for (const Row& r : rows) out.push_back(ToJson(TaskStore::FromRow(r)));
    return out;
  };
  return db_.Read([&](Tx& tx) {
    return json::object{
        {"overdue", to_array(tx.Query(base + "AND due_at < ? ORDER BY due_at, seq LIMIT 200", {user, FormatTime(start)}))},
        {"today", to_array(tx.Query(base + "AND due_at >= ? AND due_at < ? ORDER BY due_at, seq LIMIT 200",
                                    {user, FormatTime(start), FormatTime(end)}))},
        {"upcoming", to_array(tx.Query(base + "AND (due_at >= ? OR due_at IS NULL) ORDER BY COALESCE(due_at, '" +
                                           kFarFuture + "'), seq LIMIT 200",
                                       {user, FormatTime(end)}))}};
  });
}

json::object TaskService::Get(const std::string& id) {
  auto t = db_.Read([&](Tx& tx) { return TaskStore::Get(tx, id); });
  if (!t) throw Error::NotFound("No task has that id.");
  return ToJson(*t);
}

json::object TaskService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Task t;
  t.assignee_id = actor_id;
  Apply(v, t, true);
  v.Finish();
  t.id = NewId("tsk");
  t.created_by = actor_id;
  t.created_at = t.updated_at = NowText();
  if (t.status == "done") t.completed_at = t.created_at;
  return db_.Write([&](Tx& tx) {
    CheckReferences(tx, t);
    InsertTask(tx, actor_id, t);
    return ToJson(t);
  });
}

json::object TaskService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                 std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    auto current = TaskStore::Get(tx, id);
    if (!current) throw Error::NotFound("No task has that id.");
    RequireVersion(current->version, if_match);
    Task t = *current;
    Validator v(patch);
    Apply(v, t, false);
    v.Finish();
    if (ToJson(t) == ToJson(*current)) return ToJson(t);
    CheckReferences(tx, t);
    SaveChange(tx, actor_id, *current, t);
    return ToJson(t);
  });
}

void TaskService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    auto t = TaskStore::Get(tx, id);
    if (!t) throw Error::NotFound("No task has that id.");
    RequireVersion(t->version, if_match);
    if (t->archived_at) return;
    t->archived_at = t->updated_at = NowText();
    t->version += 1;
    TaskStore::Update(tx, *t);
    if (t->contact_id) TimelineService::Remove(tx, "task", t->id);
    AuditService::RecordArchive(tx, actor_id, "task", t->id, *t->archived_at);
  });
}

json::object TaskService::Complete(const std::string& actor_id, const std::string& id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"interaction"});
  const json::value* log = body.if_contains("interaction");
  if (log && !log->is_null() && !log->is_object()) v.Add("interaction", "must be an object");
  v.Finish();
  return db_.Write([&](Tx& tx) {
    auto current = TaskStore::Get(tx, id);
    if (!current || current->archived_at) throw Error::NotFound("No task has that id.");
    if (current->status != "open")
      throw Error::Conflict("task-not-open", "The task is already " + current->status + ".");
    Task t = *current;
    json::value interaction = nullptr;
    if (log && log->is_object()) {
      if (!t.contact_id && !log->as_object().contains("contact_id"))
        throw Error::Invalid({{"interaction.contact_id", "is required: the task is not about a contact"}});
      try {
        Interaction logged = InteractionService::LogInTx(tx, actor_id, log->as_object(), t.id, t.contact_id);
        t.interaction_id = logged.id;
        interaction = ToJson(logged);
      } catch (Error& e) {
        e.PrefixFields("interaction.");
        throw;
      }
    }
    t.status = "done";
    SaveChange(tx, actor_id, *current, t);
    return json::object{{"task", ToJson(t)}, {"interaction", std::move(interaction)}};
  });
}

Task TaskService::CreateInTx(Tx& tx, const std::string& actor_id, Task t) {
  t.id = NewId("tsk");
  t.created_at = t.updated_at = NowText();
  CheckReferences(tx, t);
  InsertTask(tx, actor_id, t);
  return t;
}

bool TaskService::CreateFollowUp(Tx& tx, Task t) {
  if (t.source_key) {
    // Two runners making the same follow-up (overlapping windows, several servers) queue
    // up here; the second then sees the first one's task and makes none.
    tx.LockKey("task-source:" + *t.source_key);
    if (TaskStore::SourceKeyExists(tx, *t.source_key)) return false;
  }
  t.id = NewId("tsk");
  t.created_at = t.updated_at = NowText();
  InsertTask(tx, "", t);
  return true;
}

bool TaskService::HasOpenFromInTx(Tx& tx, const std::string& contact_id, const std::string& source) {
  return tx
      .QueryOne("SELECT 1 FROM tasks WHERE contact_id = ? AND source = ? AND status = 'open' AND archived_at IS NULL",
                {contact_id, source})
      .has_value();
}

}  // namespace hearth
