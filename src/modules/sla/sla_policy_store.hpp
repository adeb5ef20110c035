// SQL for SLA policies.
#pragma once

#include "modules/sla/sla_policy.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct SlaPolicyStore {
  static const char* Columns();
  static SlaPolicy FromRow(const Row& r);
  static std::optional<SlaPolicy> Get(Tx& tx, const std::string& id);
  // The active policy for a case: same priority and kind first, else same priority, any kind.
  static std::optional<SlaPolicy> Match(Tx& tx, const std::string& priority, const std::string& kind);
  // Another active policy with exactly this priority and kind, if any.
  static std::optional<std::string> Clash(Tx& tx, const SlaPolicy& p);
  static void Insert(Tx& tx, const SlaPolicy& p);
  static void Update(Tx& tx, const SlaPolicy& p);
};

}  // namespace hearth
