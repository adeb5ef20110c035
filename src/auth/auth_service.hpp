// AuthService signs staff in and out and recognises them on every request: sessions
// (cookie or bearer, 12 hours) and long-lived API tokens, both kept only as SHA-256
// digests in the `sessions` table. Failed sign-ins are counted per email in the database
// (so several app nodes share the count) and answered 429 while locked.
// Authenticate caches a token's principal for a few seconds to keep the read path free of
// writes; sign-out and user changes clear the cache at once on this node.
#pragma once

#include "auth/principal.hpp"
#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hearth {

inline constexpr std::string_view kSessionCookie = "hearth_session";

struct LoginResult {
  std::string token;
  std::string csrf_token;
  json::object user;
};

class AuthService {
 public:
  explicit AuthService(Db& db) : db_(db) {}

  // Throws Error 401 (wrong email or password, inactive user) or 429 (locked).
  LoginResult Login(std::string_view email, std::string_view password);
  void Logout(const Principal& principal);
  std::optional<Principal> Authenticate(const Request& req);
  json::object CurrentUser(const Principal& principal);

  json::object CreateApiToken(const Principal& principal, const std::string& name);
  json::array ListApiTokens(const Principal& principal);
  void RevokeApiToken(const Principal& principal, std::string_view id);

  // Ends every session and API token of a user (deactivation); call inside its transaction.
  static void EndAllSessions(Tx& tx, const std::string& user_id);
  // Forgets cached principals after a user's role or status changed.
  void ForgetCached();

 private:
  struct Cached {
    std::optional<Principal> principal;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<Principal> Lookup(const std::string& token, bool via_cookie);
  void RecordFailure(const std::string& email_key);

  Db& db_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, Cached> cache_;
};

// The JSON shape of a user row selected with kUserColumns.
inline constexpr const char* kUserColumns =
    "users.id, users.email, users.name, users.role, users.active, users.created_at, users.updated_at, users.version, "
    "users.service_team, users.away_from, users.away_until";
inline constexpr int kUserColumnCount = 11;
json::object UserJson(const Row& row);

}  // namespace hearth
