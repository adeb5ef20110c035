// SQL for interactions and the per-contact activity figures derived from them.
#pragma once

#include "modules/interactions/interaction.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct InteractionStore {
  static const char* Columns();
  static Interaction FromRow(const Row& r);
  static std::optional<Interaction> Get(Tx& tx, const std::string& id);
  static void Insert(Tx& tx, const Interaction& i);
  static void Update(Tx& tx, const Interaction& i);
  // occurred_at of the contact's outbound, non-archived interactions with from < t < to,
  // oldest first, leaving out `except_id`.
  static std::vector<std::string> OutboundTimes(Tx& tx, const std::string& contact_id, const std::string& from,
                                                const std::string& to, const std::string& except_id);
  // Recomputes contact_activity (count, first and last interaction) for one contact.
  static void RefreshActivity(Tx& tx, const std::string& contact_id);
};

}  // namespace hearth
