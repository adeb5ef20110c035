// UserService manages staff accounts: create, list, change role/name/password,
// deactivate (which also ends the user's sessions and tokens). Every change is audited.
// Called by the user routes (admin only for changes) and by the `hearth user` commands.
// Each public method is one transaction; it throws Error 404/409/422.
#pragma once

#include "auth/auth_service.hpp"
#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

class UserService {
 public:
  UserService(Db& db, AuthService& auth) : db_(db), auth_(auth) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  // `actor_id` is who does it ("" for the command line).
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  // PUT /me/away {"away_from", "away_until"}: a user sets (or, with nulls, clears) their
  // own away period; new cases of their customers then go to the service team.
  json::object SetAway(const std::string& user_id, const json::object& body);
  void Deactivate(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);
  // The id of the user with this email, if any.
  std::optional<std::string> FindByEmail(const std::string& email);

  // True when id names an active user; for owner checks in other modules' transactions.
  static bool IsActive(Tx& tx, const std::string& id);

 private:
  Db& db_;
  AuthService& auth_;
};

}  // namespace hearth
