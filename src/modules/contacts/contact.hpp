// Contact: a person Hearth keeps a relationship with — a customer or a prospect — with a
// dedicated owner, a relationship phase and type, and tags.
#pragma once

#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct Contact {
  std::string id;
  std::optional<std::string> first_name, last_name, email, phone, company_id, job_title;
  std::string kind = "prospect";
  std::optional<std::string> owner_id;
  std::string phase = "exploration";
  std::optional<std::string> relationship_type, birthday, customer_since;
  std::vector<std::string> tags;
  std::optional<std::string> archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

inline const std::initializer_list<std::string_view> kContactKinds = {"customer", "prospect"};
inline const std::initializer_list<std::string_view> kContactPhases = {"exploration", "awareness", "expansion",
                                                                           "commitment", "dissolution"};
inline const std::initializer_list<std::string_view> kRelationshipTypes = {
    "transactional", "personal", "dedicated", "self_service", "automated", "community"};

json::object ToJson(const Contact& c);

}  // namespace hearth
