#include "modules/analytics/snapshot.hpp"

#include "storage/data_version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace hearth::analytics {
namespace {

// Contacts per query when reading purchases (a few hundred thousand rows at most).
constexpr int64_t kContactsPerPage = 50'000;
constexpr int64_t kOrdersPerPage = 20'000;

// min(seq) and max(seq) as two queries: each alone is one B-tree descent, together a scan.
std::pair<int64_t, int64_t> SeqRange(Tx& tx, const std::string& table) {
  auto low = tx.QueryOne("SELECT min(seq) FROM " + table);
  auto high = tx.QueryOne("SELECT max(seq) FROM " + table);
  if (!low || low->IsNull(0)) return {1, 0};
  return {low->Int(0), high->Int(0)};
}

// The currency of most of the newest 100,000 orders (counting every order would read the
// whole table on each analysis).
std::string MostUsedCurrency(Tx& tx) {
  auto [first, last] = SeqRange(tx, "orders");
  auto row = tx.QueryOne(
      "SELECT currency FROM orders WHERE seq > ? AND archived_at IS NULL GROUP BY currency "
      "ORDER BY count(*) DESC, currency LIMIT 1",
      {std::max(first - 1, last - 100'000)});
  return row ? row->Text(0) : "EUR";
}

// Every counting order's (customer, day, merchandise value), from the orders_analysis
// index, in customer and day order.
void ReadPurchases(Tx& tx, Snapshot& s) {
  auto [first, last] = SeqRange(tx, "contacts");
  if (last < first) return;
  const std::string sql = fmt::format(
      "SELECT contact_seq, ordered_day, merchandise_minor FROM orders "
      "WHERE currency = ? AND contact_seq > ? AND contact_seq <= ? AND {} ORDER BY contact_seq, ordered_day",
      kCountingOrders);
  for (int64_t from = first - 1; from < last; from += kContactsPerPage) {
    tx.QueryEach(sql, {s.currency, from, from + kContactsPerPage}, [&](const Row& r) {
      int64_t seq = r.Int(0);
      auto day = static_cast<int32_t>(r.Int(1));
      if (day > s.today) return;  // a clock ahead of ours: not yet
      if (s.contact_seqs.empty() || s.contact_seqs.back() != seq) s.contact_seqs.push_back(seq);
      s.purchases.push_back(
          Purchase{static_cast<uint32_t>(s.contact_seqs.size() - 1), day, static_cast<double>(r.Int(2))});
    });
  }
}

// Baskets: the newest orders (by number) in the affinity window, each with its distinct
// non-service products.
void ReadBaskets(Tx& tx, Snapshot& s, int affinity_days) {
  std::unordered_map<std::string, uint32_t> index;
  std::unordered_map<std::string, bool> service;
  for (const Row& r : tx.Query("SELECT id, sku, name, is_service FROM products")) {
    if (r.Int(3)) {
      service[r.Text(0)] = true;
      continue;
    }
    index.emplace(r.Text(0), static_cast<uint32_t>(s.products.size()));
    s.products.push_back(ProductInfo{r.Text(0), r.Text(1), r.Text(2)});
  }
  auto [first, last] = SeqRange(tx, "orders");
  // The currency is checked here, not in SQL: with `currency = ?` and the counting
  // conditions the planner may take the orders_analysis index and scan every order for
  // each page instead of the order-number range.
  const std::string sql =
      "SELECT o.seq, l.product_id, o.currency FROM orders o JOIN order_lines l ON l.order_id = o.id "
      "WHERE o.seq > ? AND o.seq <= ? AND o.ordered_day >= ? AND o.ordered_day <= ? "
      "AND o.archived_at IS NULL AND o.status IN ('placed','paid','shipped','delivered') AND o.merchandise_minor > 0 "
      "ORDER BY o.seq";
  for (int64_t to = last; to >= first && s.baskets.size() < kMaxBaskets; to -= kOrdersPerPage) {
    int64_t last_order = -1;
    tx.QueryEach(sql, {to - kOrdersPerPage, to, s.today - affinity_days, s.today}, [&](const Row& r) {
      if (r.Text(2) != s.currency) return;
      auto it = index.find(r.Text(1));
      if (it == index.end()) return;  // a service
      if (r.Int(0) != last_order) s.baskets.emplace_back(), last_order = r.Int(0);
      s.baskets.back().push_back(it->second);
    });
  }
  for (Basket& b : s.baskets) {
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
  }
}

}  // namespace

Snapshot ReadSnapshot(Db& db, const AnalyticsSettings& settings, int32_t today) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point from) { return std::chrono::duration<double, std::milli>(Clock::now() - from).count(); };
  return db.Read([&](Tx& tx) {
    Snapshot s;
    s.today = today;
    s.data_version = ReadDataVersion(tx, "orders");
    s.currency = settings.currency ? *settings.currency : MostUsedCurrency(tx);
    auto start = Clock::now();
    ReadPurchases(tx, s);
    s.purchases_ms = ms(start);
    start = Clock::now();
    ReadBaskets(tx, s, settings.affinity_days);
    s.baskets_ms = ms(start);
    return s;
  });
}

}  // namespace hearth::analytics
