// IdempotencyStore remembers the response to a POST sent with an Idempotency-Key, per
// user, for 24 hours: the same key and request again replays that response; the same key
// with another request is a 409. A key is claimed (in its own transaction) before the
// handler runs, so two concurrent requests with one key cannot both create.
#pragma once

#include "http/request.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

class IdempotencyStore {
 public:
  explicit IdempotencyStore(Db& db) : db_(db) {}

  // Claims the key, or returns the stored response to replay. Throws Error 409
  // `idempotency-key-reused` (other request) or `idempotency-in-progress`.
  std::optional<Response> Claim(const std::string& user_id, const std::string& key, const std::string& request_hash);
  // Stores the response of a claimed key; a server error frees the key instead, so the
  // client may retry.
  void Complete(const std::string& user_id, const std::string& key, const Response& response);

 private:
  Db& db_;
};

}  // namespace hearth
