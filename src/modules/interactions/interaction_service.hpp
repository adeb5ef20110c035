// InteractionService holds the rules for logging contacts with customers: validation
// (channel, direction, time, sentiment −2…2, Markdown notes), an existing contact and
// active user, contact pressure on outbound touches (409 unless override_reason), the
// timeline entry and the activity figures the early-warning rules read. Each public
// method is one transaction and throws Error. Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/interactions/interaction.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

class InteractionService {
 public:
  explicit InteractionService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  // Logs an interaction inside the caller's transaction (a completed task logs the
  // interaction it produced). `task_id` and `contact_id` fill in what the body leaves out.
  // Σ −sentiment over a contact's negative interactions since `since` (0 when none).
  static int NegativeSentimentInTx(Tx& tx, const std::string& contact_id, const std::string& since);
  static Interaction LogInTx(Tx& tx, const std::string& actor_id, const json::object& body,
                             const std::optional<std::string>& task_id,
                             const std::optional<std::string>& contact_id);

  json::object Pressure(const std::string& contact_id, const Ctx& ctx);

 private:
  Db& db_;
};

}  // namespace hearth
