// SQL for tasks.
#pragma once

#include "modules/tasks/task.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct TaskStore {
  static const char* Columns();
  static Task FromRow(const Row& r);
  static std::optional<Task> Get(Tx& tx, const std::string& id);
  static void Insert(Tx& tx, const Task& t);
  static void Update(Tx& tx, const Task& t);
  static bool SourceKeyExists(Tx& tx, const std::string& key);
};

}  // namespace hearth
