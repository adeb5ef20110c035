// SqliteDb is the embedded dialect: one file in WAL mode with foreign keys on, one writer
// connection owned by a writer thread, and a pool of read-only connections.
// Group commit: writes queue up while the previous commit's fsync runs; the writer then
// runs each queued transaction in its own SAVEPOINT inside one BEGIN…COMMIT, so a whole
// group shares one fsync, and a failing transaction rolls back alone. Every Write returns
// after its group's commit is on disk (synchronous=FULL).
#pragma once

#include "storage/db.hpp"

#include <memory>
#include <string>

namespace hearth {

std::unique_ptr<Db> OpenSqlite(const std::string& path, int readers);

}  // namespace hearth
