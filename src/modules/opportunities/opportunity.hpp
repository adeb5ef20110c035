// Opportunity: a possible sale — what, for which customer or company, how much in which
// currency, when it is expected to close and how likely (the pipeline stage's
// probability unless someone knows better), who owns it, and the case it came from.
// Its status follows the stage: open, won (stage `won`) or lost (stage `lost`).
#pragma once

#include "core/json.hpp"

#include <optional>
#include <string>

namespace hearth {

struct Opportunity {
  std::string id, title;
  std::optional<std::string> contact_id, company_id;
  std::string stage;
  int64_t probability = 0, amount_minor = 0;
  std::string currency;
  std::optional<std::string> expected_close, owner_id, source_case_id;
  std::string status = "open";
  std::optional<std::string> lost_reason, closed_at, note, created_by, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

json::object ToJson(const Opportunity& o);

}  // namespace hearth
