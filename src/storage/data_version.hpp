// Data versions: one counter per kind of data ("cases", …) in `data_versions`, bumped
// inside every transaction that changes that data. A cache of figures computed from it
// is current exactly while the counter is unchanged — unlike a newest-timestamp check,
// this holds however the writers' clocks differ and in whatever order they commit.
#pragma once

#include "storage/db.hpp"

#include <cstdint>
#include <string_view>

namespace hearth {

// Bumps the counter (the migration that creates the data creates its row). On
// PostgreSQL this takes the counter row's lock until commit: writers of one kind of
// data queue up for that moment, which is why counters are per kind.
void BumpDataVersion(Tx& tx, std::string_view name);
int64_t ReadDataVersion(Tx& tx, std::string_view name);

}  // namespace hearth
