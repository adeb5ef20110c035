#include "modules/analytics/snapshot.hpp"

#include "modules/analytics/day_number.hpp"
#include "storage/data_version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace hearth::analytics {
namespace {

constexpr int64_t kPage = 100'000;

std::string MostUsedCurrency(Tx& tx) {
  auto row = tx.QueryOne(
      "SELECT currency FROM orders o WHERE o.archived_at IS NULL GROUP BY currency ORDER BY count(*) DESC, currency "
      "LIMIT 1");
  return row ? row->Text(0) : "EUR";
}

void ReadPurchases(Tx& tx, Snapshot& s) {
  std::unordered_map<std::string, uint32_t> index;
  const std::string sql = fmt::format(
      "SELECT o.seq, o.contact_id, o.ordered_at, o.merchandise_minor FROM orders o "
      "WHERE o.seq > ? AND o.currency = ? AND {} ORDER BY o.seq LIMIT {}",
      kCountingOrders, kPage);
  for (int64_t after = 0;;) {
    Rows rows = tx.Query(sql, {after, s.currency});
    for (const Row& r : rows) {
      auto [it, added] = index.emplace(r.Text(1), static_cast<uint32_t>(s.contact_ids.size()));
      if (added) s.contact_ids.push_back(it->first);
      auto day = DayNumber(r.Text(2));
      if (!day || *day > s.today) continue;  // a clock ahead of ours: not yet
      s.purchases.push_back(Purchase{it->second, *day, static_cast<double>(r.Int(3))});
    }
    if (rows.size() < static_cast<size_t>(kPage)) break;
    after = rows.back().Int(0);
  }
}

// Baskets: one per order in the window, holding its distinct non-service products.
void ReadBaskets(Tx& tx, Snapshot& s, int affinity_days) {
  std::unordered_map<std::string, uint32_t> index;
  const std::string since = DayText(s.today - affinity_days);
  const std::string sql = fmt::format(
      "SELECT o.seq, l.product_id, p.sku, p.name FROM orders o "
      "JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id "
      "WHERE o.seq > ? AND o.seq <= ? AND o.ordered_at >= ? AND o.currency = ? AND p.is_service = 0 AND {} "
      "ORDER BY o.seq",
      kCountingOrders);
  auto bounds = tx.QueryOne("SELECT min(seq), max(seq) FROM orders o WHERE o.ordered_at >= ?", {since});
  if (!bounds || bounds->IsNull(0)) return;
  int64_t last_order = -1;
  for (int64_t from = bounds->Int(0) - 1; from < bounds->Int(1); from += kPage) {
    for (const Row& r : tx.Query(sql, {from, from + kPage, since, s.currency})) {
      auto [it, added] = index.emplace(r.Text(1), static_cast<uint32_t>(s.products.size()));
      if (added) s.products.push_back(ProductInfo{r.Text(1), r.Text(2), r.Text(3)});
      if (r.Int(0) != last_order) s.baskets.emplace_back(), last_order = r.Int(0);
      s.baskets.back().push_back(it->second);
    }
  }
  for (Basket& b : s.baskets) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
  }
}

}  // namespace

Snapshot ReadSnapshot(Db& db, const AnalyticsSettings& settings, int32_t today) {
  return db.Read([&](Tx& tx) {
    Snapshot s;
    s.today = today;
    s.data_version = ReadDataVersion(tx, "orders");
    s.currency = settings.currency ? *settings.currency : MostUsedCurrency(tx);
    ReadPurchases(tx, s);
    ReadBaskets(tx, s, settings.affinity_days);
    return s;
  });
}

}  // namespace hearth::analytics
