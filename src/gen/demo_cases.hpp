// Synthetic service-desk data for `hearth gen --cases N`: four SLA policies (one per
// priority, Mon–Fri 08:00–16:00 Europe/Oslo), half the owners on the service team, and
// N cases over the last two years with their clocks computed by the SLA module itself —
// old cases answered and resolved (some late, so some breached), recent ones still open —
// each with the customer's first message, a reply when answered, and a timeline entry.
#pragma once

#include "storage/db.hpp"

#include <functional>
#include <random>
#include <string>
#include <vector>

namespace hearth {

int64_t GenerateCases(Tx& tx, int64_t count, const std::vector<std::string>& contact_ids,
                      const std::vector<std::string>& owners, std::mt19937_64& rng);

}  // namespace hearth
