#include "gen/demo_orders.hpp"

#include "core/ids.hpp"
#include "core/time.hpp"
#include "modules/analytics/day_number.hpp"
#include "modules/analytics/models/simulate.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/products/product_store.hpp"
#include "storage/data_version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

namespace hearth {
namespace {

constexpr std::array<std::string_view, 20> kCategories = {
    "Coffee", "Tea",     "Garden",  "Kitchen", "Books",  "Music",   "Outdoor", "Bicycle", "Paint",  "Lighting",
    "Bath",   "Toys",    "Office",  "Pets",    "Skiing", "Fishing", "Baking",  "Knitting", "Camera", "Audio"};
constexpr std::array<std::string_view, 10> kItems = {"Starter kit", "Refill",  "Deluxe set", "Spare part", "Gift box",
                                                      "Travel pack", "Classic", "Pro model",  "Mini",       "Bundle"};
constexpr int kPerCategory = 10;
constexpr int64_t kShippingMinor = 4'900;
constexpr int64_t kFreeShippingFrom = 50'000;

struct Catalogue {
  std::vector<std::string> products;  // category c holds [c * 10, c * 10 + 10)
  std::string shipping;
};

// The generated catalogue, made on the first run and reused after.
Catalogue EnsureCatalogue(Db& db, std::mt19937_64& rng) {
  return db.Write([&](Tx& tx) {
    Catalogue c;
    std::string now = NowText();
    auto ensure = [&](const std::string& sku, const std::string& name, int64_t price, bool service) {
      if (auto p = ProductStore::FindBySku(tx, sku)) return p->id;
      Product p;
      p.id = NewId("prd");
      p.sku = sku, p.name = name, p.price_minor = price, p.currency = "NOK", p.is_service = service;
      p.created_at = p.updated_at = now;
      ProductStore::Insert(tx, p);
      return p.id;
    };
    for (size_t cat = 0; cat < kCategories.size(); ++cat)
      for (int i = 0; i < kPerCategory; ++i)
        c.products.push_back(ensure(fmt::format("GEN-{:02}-{:02}", cat + 1, i + 1),
                                    fmt::format("{} {}", kCategories[cat], kItems[i]),
                                    static_cast<int64_t>(5'000 + rng() % 195'000), false));
    c.shipping = ensure("GEN-SHIPPING", "Shipping", kShippingMinor, true);
    return c;
  });
}

// The α that gives `per_customer` orders on average (the first included) to customers
// whose first purchase falls uniformly `from_days`…`to_days` before today.
double AlphaFor(analytics::BgNbd m, double per_customer, int from_days, int to_days) {
  auto mean_orders = [&](double alpha) {
    m.alpha = alpha;
    double sum = 0;
    constexpr int kSteps = 64;
    for (int i = 0; i < kSteps; ++i) {
      double days = to_days + (from_days - to_days) * (i + 0.5) / kSteps;
      sum += 1 + analytics::ExpectedPurchasesNewCustomer(m, days / 7);
    }
    return sum / kSteps;
  };
  double lo = 0.01, hi = 10'000;  // mean orders fall as α grows
  for (int i = 0; i < 60; ++i) {
    double mid = std::sqrt(lo * hi);
    (mean_orders(mid) > per_customer ? lo : hi) = mid;
  }
  return std::sqrt(lo * hi);
}

Order MakeOrder(const analytics::Purchase& p, const std::string& contact_id, const Catalogue& cat, int32_t today,
                std::mt19937_64& rng) {
  Order o;
  o.id = NewId("ord");
  o.contact_id = contact_id;
  int minute = 8 * 60 + static_cast<int>(rng() % (12 * 60));
  o.ordered_at = fmt::format("{}T{:02}:{:02}:{:02}.000Z", analytics::DayText(p.day), minute / 60, minute % 60, rng() % 60);
  o.currency = "NOK";
  int age = today - p.day;
  o.status = age > 14 ? "delivered" : std::array<const char*, 3>{"placed", "paid", "shipped"}[rng() % 3];
  o.channel = rng() % 4 == 0 ? "portal" : "staff";
  // One to three products, mostly from the customer's favourite category.
  size_t favourite = (p.customer * 2654435761u) % kCategories.size();
  int lines = 1 + (rng() % 3 == 0) + (rng() % 6 == 0);
  std::vector<double> shares;
  auto add = [&](size_t product_index) {
    const std::string& product = cat.products[product_index];
    bool duplicate = std::any_of(o.lines.begin(), o.lines.end(), [&](const OrderLine& l) { return l.product_id == product; });
    if (duplicate) return;
    o.lines.push_back(OrderLine{product, rng() % 5 == 0 ? 2 : 1, 0, 0, "", "", false});
    shares.push_back(0.5 + static_cast<double>(rng() % 1000) / 1000);
  };
  for (int i = 0; i < lines; ++i) {
    size_t category = rng() % 10 < 7 ? favourite : rng() % kCategories.size();
    size_t item = rng() % kPerCategory;
    add(category * kPerCategory + item);
    // Products come in companion pairs (a starter kit and its refill, items 0 and 1, …):
    // half the time the companion joins the basket, which gives the rules something to find.
    if (rng() % 2 == 0) add(category * kPerCategory + (item ^ 1));
  }
  double share_sum = 0;
  for (double s : shares) share_sum += s;
  for (size_t i = 0; i < o.lines.size(); ++i) {
    OrderLine& l = o.lines[i];
    double line_value = std::max(100.0, p.amount * shares[i] / share_sum);
    l.unit_price_minor = std::max<int64_t>(1, std::llround(line_value / l.quantity));
  }
  for (const OrderLine& l : o.lines) o.merchandise_minor += l.quantity * l.unit_price_minor;
  if (o.merchandise_minor < kFreeShippingFrom)
    o.lines.push_back(OrderLine{cat.shipping, 1, kShippingMinor, 0, "", "", true});
  OrderService::ComputeTotals(o);
  o.created_at = o.updated_at = o.ordered_at;
  return o;
}

}  // namespace

OrderGenReport GenerateOrders(Db& db, int64_t target_orders, const std::vector<std::string>& contact_ids,
                              uint64_t seed) {
  OrderGenReport report;
  if (target_orders <= 0 || contact_ids.empty()) return report;
  std::mt19937_64 rng(seed * 7919 + 17);
  Catalogue cat = EnsureCatalogue(db, rng);
  int32_t today = *analytics::DayNumber(TodayText());
  constexpr int kFirstFrom = 3 * 365, kFirstTo = 30;  // first purchases 3 years … 30 days ago
  report.timing = analytics::BgNbd{0.9, 1.0, 0.8, 6.0, 0};
  double per_customer = static_cast<double>(target_orders) / contact_ids.size();
  report.timing.alpha = AlphaFor(report.timing, std::max(1.05, per_customer), kFirstFrom, kFirstTo);
  report.spend = analytics::GammaGamma{4.0, 5.0, 60'000.0, 0};  // mean order 4 × 60,000 / 4 = NOK 600

  constexpr uint32_t kChunk = 10'000;  // customers per transaction
  for (uint32_t first = 0; first < contact_ids.size(); first += kChunk) {
    uint32_t count = std::min<uint32_t>(kChunk, static_cast<uint32_t>(contact_ids.size()) - first);
    analytics::Simulation sim{report.timing, report.spend, today - kFirstFrom, today - kFirstTo, today,
                              seed * 1'000'003 + first};
    std::vector<analytics::Purchase> purchases;
    analytics::SimulatePurchases(sim, first, count, purchases);
    std::vector<Order> orders;
    orders.reserve(purchases.size());
    for (const auto& p : purchases) orders.push_back(MakeOrder(p, contact_ids[p.customer], cat, today, rng));
    db.Write([&](Tx& tx) {
      for (size_t i = 0; i < orders.size(); i += 1'000) {
        std::vector<Order> batch(orders.begin() + i, orders.begin() + std::min(orders.size(), i + 1'000));
        OrderService::InsertWithoutAuditInTx(tx, batch);
      }
      BumpDataVersion(tx, "orders");
    });
    report.orders += static_cast<int64_t>(orders.size());
  }
  return report;
}

}  // namespace hearth
