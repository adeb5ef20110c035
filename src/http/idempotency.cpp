#include "http/idempotency.hpp"

#include "core/error.hpp"
#include "core/time.hpp"

namespace hearth {

namespace {
constexpr auto kKeepFor = std::chrono::hours(24);
}

std::optional<Response> IdempotencyStore::Claim(const std::string& user_id, const std::string& key,
                                                const std::string& request_hash) {
  return db_.Write([&](Tx& tx) -> std::optional<Response> {
    std::string cutoff = FormatTime(Now() - kKeepFor);
    auto row = tx.QueryOne(
        "SELECT request_hash, status, response_body, location, created_at FROM idempotency_keys "
        "WHERE user_id = ? AND idem_key = ?",
        {user_id, key});
    if (row && row->Text(4) < cutoff) {  // expired: forget it
      tx.Exec("DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?", {user_id, key});
      row.reset();
    }
    if (!row) {
      tx.Exec("INSERT INTO idempotency_keys (user_id, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)",
              {user_id, key, request_hash, NowText()});
      return std::nullopt;
    }
    if (row->Text(0) != request_hash)
      throw Error::Conflict("idempotency-key-reused",
                            "This Idempotency-Key was already used for a different request.");
    if (row->IsNull(1))
      throw Error::Conflict("idempotency-in-progress",
                            "A request with this Idempotency-Key is still being processed; retry shortly.");
    Response replay;
    replay.status = static_cast<int>(row->Int(1));
    replay.body = row->Text(2);
    if (replay.status >= 400) replay.content_type = "application/problem+json";
    if (auto location = row->OptText(3)) replay.With("Location", *location);
    replay.With("Idempotent-Replayed", "true");
    return replay;
  });
}

void IdempotencyStore::Complete(const std::string& user_id, const std::string& key, const Response& response) {
  db_.Write([&](Tx& tx) {
    if (response.status >= 500) {
      tx.Exec("DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?", {user_id, key});
      return;
    }
    std::string_view location = response.Header("Location");
    tx.Exec("UPDATE idempotency_keys SET status = ?, response_body = ?, location = ? WHERE user_id = ? AND idem_key = ?",
            {response.status, response.body,
             location.empty() ? Value() : Value(std::string(location)), user_id, key});
  });
}

}  // namespace hearth
