// Reads what an analysis needs from the database in one read transaction (a consistent
// snapshot): every order that counts — placed, paid, shipped or delivered, not archived,
// in the analytics currency, with merchandise value — as (customer, day, value) from the
// narrow orders_analysis index, and the non-service products of the newest 200,000 such
// orders in the affinity window (plenty for rules with support of a percent). Pages
// through both, so memory holds compact arrays, never the rows of the whole table.
#pragma once

#include "modules/analytics/analysis.hpp"
#include "storage/db.hpp"

namespace hearth::analytics {

// The SQL condition for orders that count.
// Written as the orders_analysis index's condition, so the database uses that index.
inline constexpr const char* kCountingOrders =
    "archived_at IS NULL AND status IN ('placed', 'paid', 'shipped', 'delivered') AND merchandise_minor > 0";
inline constexpr size_t kMaxBaskets = 200'000;

Snapshot ReadSnapshot(Db& db, const AnalyticsSettings& settings, int32_t today);

}  // namespace hearth::analytics
