#include "storage/migrator.hpp"

#include "core/time.hpp"

#include <spdlog/spdlog.h>

namespace hearth {

const std::vector<Migration>& MigrationsFor(Dialect dialect) {
  return dialect == Dialect::kSqlite ? sqlite_migrations() : postgres_migrations();
}

namespace {

void EnsureTable(Db& db) {
  db.Write([](Tx& tx) {
    tx.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  });
}

}  // namespace

int SchemaVersion(Db& db) {
  EnsureTable(db);
  return static_cast<int>(db.Read([](Tx& tx) {
    return tx.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->Int(0);
  }));
}

int Migrate(Db& db, const std::vector<Migration>& migrations) {
  int current = SchemaVersion(db);
  int applied = 0;
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    db.Write([&](Tx& tx) {
      // Another node may have applied it meanwhile (PostgreSQL): the lock and re-check
      // make concurrent starts safe.
      tx.LockKey("hearth-migrations");
      if (tx.QueryOne("SELECT 1 FROM schema_migrations WHERE version = ?", {m.version})) return;
      tx.ExecScript(m.sql);
      tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {m.version, m.name, NowText()});
    });
    spdlog::info("applied migration {} {}", m.version, m.name);
    ++applied;
  }
  return applied;
}

}  // namespace hearth
