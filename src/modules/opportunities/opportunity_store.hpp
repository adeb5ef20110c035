// SQL for opportunities.
#pragma once

#include "modules/opportunities/opportunity.hpp"
#include "storage/db.hpp"

#include <optional>
#include <set>
#include <string>

namespace hearth {

struct OpportunityStore {
  static const char* Columns();
  static Opportunity FromRow(const Row& r);
  static std::optional<Opportunity> Get(Tx& tx, const std::string& id);
  static void Insert(Tx& tx, const Opportunity& o);
  static void Update(Tx& tx, const Opportunity& o);
  // Stages that open, not archived opportunities are in.
  static std::set<std::string> OpenStages(Tx& tx);
};

}  // namespace hearth
