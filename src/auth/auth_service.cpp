#include "auth/auth_service.hpp"

#include "auth/password.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

#include <algorithm>

namespace hearth {

namespace {

constexpr auto kSessionLifetime = std::chrono::hours(12);
constexpr auto kCacheFor = std::chrono::seconds(5);
constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr int kFailuresBeforeLock = 5;
constexpr int kMaxLockSeconds = 15 * 60;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return {};
}

int LockSeconds(int failures) {
  int extra = failures - kFailuresBeforeLock;
  int seconds = 30;
  for (int i = 0; i < extra && seconds < kMaxLockSeconds; ++i) seconds *= 2;
  return std::min(seconds, kMaxLockSeconds);
}

}  // namespace

json::object UserJson(const Row& row) {
  return json::object{{"id", row.Text(0)},         {"email", row.Text(1)},      {"name", row.Text(2)},
                      {"role", row.Text(3)},       {"active", row.Int(4) != 0}, {"created_at", row.Text(5)},
                      {"updated_at", row.Text(6)}, {"version", row.Int(7)},
                      {"service_team", row.Int(8) != 0},  {"away_from", OptionalString(row.OptText(9))},
                      {"away_until", OptionalString(row.OptText(10))}};
}

LoginResult AuthService::Login(std::string_view email, std::string_view password) {
  std::string email_key = LowerAscii(email);
  auto now = Now();
  auto lock = db_.Read([&](Tx& tx) {
    return tx.QueryOne("SELECT locked_until FROM login_failures WHERE email_key = ?", {email_key});
  });
  if (lock && !lock->IsNull(0)) {
    auto until = ParseTime(lock->Text(0));
    if (until && *until > now) {
      int seconds = static_cast<int>(std::chrono::ceil<std::chrono::seconds>(*until - now).count());
      throw Error::RateLimited("Too many failed sign-ins for this account; wait and try again.", seconds);
    }
  }
  auto user = db_.Read([&](Tx& tx) {
    return tx.QueryOne(std::string("SELECT ") + kUserColumns + ", password_hash FROM users WHERE email_key = ?",
                       {email_key});
  });
  bool ok = false;
  if (user) {
    ok = VerifyPassword(password, user->Text(kUserColumnCount)) && user->Int(4) != 0;
  } else {
    BurnPasswordCheck(password);
  }
  if (!ok) {
    RecordFailure(email_key);
    throw Error::Unauthorized("The email or password is wrong.");
  }

  LoginResult result{NewSecretToken("hs_"), NewSecretToken(""), UserJson(*user)};
  db_.Write([&](Tx& tx) {
    tx.Exec("DELETE FROM login_failures WHERE email_key = ?", {email_key});
    tx.Exec("INSERT INTO sessions (token_hash, id, user_id, kind, csrf_token, created_at, expires_at) "
            "VALUES (?, ?, ?, 'session', ?, ?, ?)",
            {Sha256Hex(result.token), NewId("ses"), user->Text(0), result.csrf_token, FormatTime(now),
             FormatTime(now + kSessionLifetime)});
  });
  return result;
}

void AuthService::RecordFailure(const std::string& email_key) {
  db_.Write([&](Tx& tx) {
    auto now = Now();
    auto row = tx.QueryOne("SELECT failures, first_at FROM login_failures WHERE email_key = ?", {email_key});
    int failures = 1;
    std::string first_at = FormatTime(now);
    if (row) {
      auto first = ParseTime(row->Text(1));
      if (first && now - *first < kFailureWindow) {
        failures = static_cast<int>(row->Int(0)) + 1;
        first_at = row->Text(1);
      }
    }
    Value locked_until;
    if (failures >= kFailuresBeforeLock) locked_until = FormatTime(now + std::chrono::seconds(LockSeconds(failures)));
    tx.Exec("DELETE FROM login_failures WHERE email_key = ?", {email_key});
    tx.Exec("INSERT INTO login_failures (email_key, failures, first_at, locked_until) VALUES (?, ?, ?, ?)",
            {email_key, failures, first_at, locked_until});
  });
}

void AuthService::Logout(const Principal& principal) {
  db_.Write([&](Tx& tx) { tx.Exec("DELETE FROM sessions WHERE id = ?", {principal.session_id}); });
  ForgetCached();
}

std::optional<Principal> AuthService::Authenticate(const Request& req) {
  std::string_view auth = req.Header("authorization");
  if (auth.size() > 7 && (auth.starts_with("Bearer ") || auth.starts_with("bearer ")))
    return Lookup(std::string(auth.substr(7)), false);
  std::string cookie = CookieValue(req.Header("cookie"), kSessionCookie);
  if (!cookie.empty()) return Lookup(cookie, true);
  return std::nullopt;
}

std::optional<Principal> AuthService::Lookup(const std::string& token, bool via_cookie) {
  if (token.size() > 200) return std::nullopt;
  std::string hash = Sha256Hex(token);
  auto steady = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(hash);
    if (it != cache_.end() && it->second.until > steady) {
      auto p = it->second.principal;
      if (p) p->via_cookie = via_cookie;
      return p;
    }
  }
  std::string now = NowText();
  auto row = db_.Read([&](Tx& tx) {
    return tx.QueryOne(
        "SELECT s.id, s.user_id, u.role, s.csrf_token, s.kind FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND u.active = 1 AND (s.expires_at IS NULL OR s.expires_at > ?)",
        {hash, now});
  });
  std::optional<Principal> principal;
  if (row) {
    principal = Principal{row->Text(1), ParseRole(row->Text(2)).value_or(Role::kViewer), row->Text(0), via_cookie,
                          row->OptText(3).value_or("")};
    // API tokens show when they were last used; the cache limits this to one write per
    // token every few seconds.
    if (row->Text(4) == "api")
      db_.Write([&](Tx& tx) { tx.Exec("UPDATE sessions SET last_used_at = ? WHERE token_hash = ?", {now, hash}); });
  }
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() > 100000) cache_.clear();  // bound memory under a flood of bad tokens
  cache_[hash] = Cached{principal, steady + kCacheFor};
  return principal;
}

json::object AuthService::CurrentUser(const Principal& principal) {
  auto row = db_.Read([&](Tx& tx) {
    return tx.QueryOne(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {principal.user_id});
  });
  if (!row) throw Error::Unauthorized("Your account no longer exists.");
  return UserJson(*row);
}

void AuthService::ForgetCached() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
}

json::object AuthService::CreateApiToken(const Principal& principal, const std::string& name) {
  std::string token = NewSecretToken("ht_");
  std::string id = NewId("tok");
  std::string now = NowText();
  db_.Write([&](Tx& tx) {
    tx.Exec("INSERT INTO sessions (token_hash, id, user_id, kind, name, created_at) VALUES (?, ?, ?, 'api', ?, ?)",
            {Sha256Hex(token), id, principal.user_id, name, now});
  });
  return json::object{{"id", id}, {"name", name}, {"token", token}, {"created_at", now}};
}

json::array AuthService::ListApiTokens(const Principal& principal) {
  Rows rows = db_.Read([&](Tx& tx) {
    return tx.Query("SELECT id, name, created_at, last_used_at FROM sessions WHERE user_id = ? AND kind = 'api' "
                    "ORDER BY created_at, id",
                    {principal.user_id});
  });
  json::array items;
  for (const Row& r : rows)
    items.push_back(json::object{{"id", r.Text(0)},
                                 {"name", OptionalString(r.OptText(1))},
                                 {"created_at", r.Text(2)},
                                 {"last_used_at", OptionalString(r.OptText(3))}});
  return items;
}

void AuthService::RevokeApiToken(const Principal& principal, std::string_view id) {
  int64_t n = db_.Write([&](Tx& tx) {
    return tx.Exec("DELETE FROM sessions WHERE id = ? AND user_id = ? AND kind = 'api'",
                   {std::string(id), principal.user_id});
  });
  if (n == 0) throw Error::NotFound("No API token of yours has that id.");
  ForgetCached();
}

void AuthService::EndAllSessions(Tx& tx, const std::string& user_id) {
  tx.Exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace hearth
