// PostgresDb is the scaled-out dialect: a pool of libpq connections, each transaction on
// one connection, statements prepared once per connection (`?` placeholders rewritten to
// `$n`). Writes that hit a serialization failure or deadlock are retried a few times.
// Several app nodes may share one database.
#pragma once

#include "storage/db.hpp"

#include <memory>
#include <string>

namespace hearth {

std::unique_ptr<Db> OpenPostgres(const std::string& url, int pool_size);

}  // namespace hearth
