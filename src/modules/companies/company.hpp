// Company: an organisation Hearth keeps a relationship with; contacts may belong to one.
#pragma once

#include "core/json.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct Company {
  std::string id;
  std::string name;
  std::optional<std::string> domain, industry, owner_id, phone, address, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

json::object ToJson(const Company& c);

}  // namespace hearth
