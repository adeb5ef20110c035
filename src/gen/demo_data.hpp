// The synthetic data generator behind `hearth gen`: deterministic for a seed, it fills a
// database (already created with `hearth init`) with staff owners, companies and contacts
// with realistic Norwegian, Danish, Slovene and English names (diacritics included),
// unique emails, valid phone numbers, phases and tags. It writes through the module
// stores in large transactions, so the derived search columns are the server's own.
// Later issues add interactions, orders and cases here.
#pragma once

#include "storage/db.hpp"

#include <cstdint>

namespace hearth {

struct GenOptions {
  int owners = 12;
  int companies = 300;
  int contacts = 3000;
  uint64_t seed = 1;
};

struct GenReport {
  int owners = 0;
  int companies = 0;
  int contacts = 0;
  double seconds = 0;
};

GenReport GenerateDemoData(Db& db, const GenOptions& options);

}  // namespace hearth
