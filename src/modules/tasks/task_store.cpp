#include "modules/tasks/task_store.hpp"

namespace hearth {

json::object ToJson(const Task& t) {
  return json::object{{"id", t.id},
                      {"title", t.title},
                      {"kind", t.kind},
                      {"due_at", OptionalString(t.due_at)},
                      {"assignee_id", t.assignee_id},
                      {"contact_id", OptionalString(t.contact_id)},
                      {"status", t.status},
                      {"notes", OptionalString(t.notes)},
                      {"completed_at", OptionalString(t.completed_at)},
                      {"interaction_id", OptionalString(t.interaction_id)},
                      {"source", OptionalString(t.source)},
                      {"created_by", OptionalString(t.created_by)},
                      {"archived_at", OptionalString(t.archived_at)},
                      {"created_at", t.created_at},
                      {"updated_at", t.updated_at},
                      {"version", t.version}};
}

const char* TaskStore::Columns() {
  return "tasks.id, tasks.title, tasks.kind, tasks.due_at, tasks.assignee_id, tasks.contact_id, tasks.status, "
         "tasks.notes, tasks.completed_at, tasks.interaction_id, tasks.source, tasks.source_key, tasks.created_by, "
         "tasks.archived_at, tasks.created_at, tasks.updated_at, tasks.version";
}

Task TaskStore::FromRow(const Row& r) {
  Task t;
  t.id = r.Text(0);
  t.title = r.Text(1);
  t.kind = r.Text(2);
  t.due_at = r.OptText(3);
  t.assignee_id = r.Text(4);
  t.contact_id = r.OptText(5);
  t.status = r.Text(6);
  t.notes = r.OptText(7);
  t.completed_at = r.OptText(8);
  t.interaction_id = r.OptText(9);
  t.source = r.OptText(10);
  t.source_key = r.OptText(11);
  t.created_by = r.OptText(12);
  t.archived_at = r.OptText(13);
  t.created_at = r.Text(14);
  t.updated_at = r.Text(15);
  t.version = r.Int(16);
  return t;
}

std::optional<Task> TaskStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM tasks WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

void TaskStore::Insert(Tx& tx, const Task& t) {
  tx.Exec("INSERT INTO tasks (id, title, kind, due_at, assignee_id, contact_id, status, notes, completed_at, "
          "interaction_id, source, source_key, created_by, archived_at, created_at, updated_at, version) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {t.id, t.title, t.kind, t.due_at, t.assignee_id, t.contact_id, t.status, t.notes, t.completed_at,
           t.interaction_id, t.source, t.source_key, t.created_by, t.archived_at, t.created_at, t.updated_at,
           t.version});
}

void TaskStore::Update(Tx& tx, const Task& t) {
  tx.Exec("UPDATE tasks SET title = ?, kind = ?, due_at = ?, assignee_id = ?, contact_id = ?, status = ?, notes = ?, "
          "completed_at = ?, interaction_id = ?, archived_at = ?, updated_at = ?, version = ? WHERE id = ?",
          {t.title, t.kind, t.due_at, t.assignee_id, t.contact_id, t.status, t.notes, t.completed_at,
           t.interaction_id, t.archived_at, t.updated_at, t.version, t.id});
}

bool TaskStore::SourceKeyExists(Tx& tx, const std::string& key) {
  return tx.QueryOne("SELECT 1 FROM tasks WHERE source_key = ?", {key}).has_value();
}

}  // namespace hearth
