// TaskService holds the rules for tasks and follow-ups: validation, an active assignee
// (the caller by default) and an existing contact, completing (which can log the
// interaction the task produced, in the same transaction), "my tasks" split into
// overdue / today / upcoming in the caller's time zone, timeline entries for tasks about
// a customer, and the follow-up tasks the daily job creates (never twice per key).
#pragma once

#include "http/request.hpp"
#include "modules/tasks/task.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

class TaskService {
 public:
  explicit TaskService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Mine(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);
  // POST /tasks/{id}/complete {"interaction": {...}?} → {"task", "interaction"}.
  json::object Complete(const std::string& actor_id, const std::string& id, const json::object& body);

  // A task made by a job, inside its transaction; false (nothing made) when a task with
  // the same source_key exists.
  static bool CreateFollowUp(Tx& tx, Task task);
  // Whether the contact has an open task that `source` made (e.g. "purchase-due").
  static bool HasOpenFromInTx(Tx& tx, const std::string& contact_id, const std::string& source);
  // A task another module makes for someone (e.g. a sales lead from a case), inside its
  // transaction: the assignee must be active. Returns the task as stored.
  static Task CreateInTx(Tx& tx, const std::string& actor_id, Task task);

 private:
  Db& db_;
};

}  // namespace hearth
