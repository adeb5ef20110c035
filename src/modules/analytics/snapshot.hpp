// Reads what an analysis needs from the database in one read transaction (a consistent
// snapshot): every order that counts — placed, paid, shipped or delivered, not archived,
// in the analytics currency, with merchandise value — and, for the affinity window, each
// such order's non-service products. Pages by order number so memory holds compact
// arrays, never the rows of the whole table.
#pragma once

#include "modules/analytics/analysis.hpp"
#include "storage/db.hpp"

namespace hearth::analytics {

// The SQL condition for orders that count, on table alias `o`.
inline constexpr const char* kCountingOrders =
    "o.archived_at IS NULL AND o.status IN ('placed','paid','shipped','delivered') AND o.merchandise_minor > 0";

Snapshot ReadSnapshot(Db& db, const AnalyticsSettings& settings, int32_t today);

}  // namespace hearth::analytics
