// Versioned schema migrations, one list per dialect (src/storage/migrations/<dialect>/
// NNNN_name.sql, compiled into the binary). Each pending migration runs in its own
// transaction together with its row in schema_migrations, so a failed one leaves the
// schema as it was. Migrate is idempotent and safe to call on every start.
#pragma once

#include "storage/db.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();
const std::vector<Migration>& MigrationsFor(Dialect dialect);

// Applies the migrations not yet recorded; returns how many ran.
int Migrate(Db& db, const std::vector<Migration>& migrations);
// The highest applied version, 0 for an empty database.
int SchemaVersion(Db& db);

}  // namespace hearth
