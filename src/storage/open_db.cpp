#include "storage/db.hpp"
#include "storage/postgres/postgres_db.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace hearth {

std::unique_ptr<Db> OpenDb(const DbOptions& options) {
  const std::string& url = options.url;
  if (url.starts_with("postgresql:") || url.starts_with("postgres:")) return OpenPostgres(url, options.readers);
  if (url.starts_with("sqlite:")) return OpenSqlite(url.substr(7), options.readers);
  return OpenSqlite(url, options.readers);
}

}  // namespace hearth
