// The synthetic data generator behind `hearth gen`: deterministic for a seed, it fills a
// database (already created with `hearth init`) with staff owners, companies and contacts
// with realistic Norwegian, Danish, Slovene and English names (diacritics included),
// unique emails, valid phone numbers, phases and tags. It writes through the module
// stores in large transactions, so the derived search columns are the server's own.
// Interactions (with their timeline entries) come from the interactions module's own
// store; cases (with SLA policies and messages) from demo_cases.cpp; orders from
// demo_orders.cpp.
#pragma once

#include "gen/demo_orders.hpp"
#include "storage/db.hpp"

#include <cstdint>

namespace hearth {

struct GenOptions {
  int owners = 12;
  int companies = 300;
  int contacts = 3000;
  int64_t interactions = 0;  // spread over the contacts, over the last three years
  int busy_contacts = 0;     // of which the first this many contacts get 10,000 each
  int64_t cases = 0;         // service-desk cases over the last two years
  int64_t orders = 0;        // about this many orders over the last three years (demo_orders.hpp)
  uint64_t seed = 1;
};

struct GenReport {
  int owners = 0;
  int companies = 0;
  int contacts = 0;
  int64_t interactions = 0;
  int64_t cases = 0;
  OrderGenReport orders;
  double seconds = 0;
};

GenReport GenerateDemoData(Db& db, const GenOptions& options);

}  // namespace hearth
