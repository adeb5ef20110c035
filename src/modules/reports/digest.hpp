// The weekly service digest: every Monday (UTC) the service report of the week before is
// stored with a short summary and emailed to the managers. One digest per week, however
// many times or on however many servers the job runs.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

class DigestService {
 public:
  explicit DigestService(Db& db) : db_(db) {}

  // The daily job: on a Monday, makes the digest of the week before (a no-op otherwise,
  // or when it exists).
  void RunDaily(const std::string& as_of);
  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);

 private:
  Db& db_;
};

}  // namespace hearth
