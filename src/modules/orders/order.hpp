// Order: what a customer bought, when and in which currency — numbered lines of a
// product, a quantity and a unit price — with its status (placed → paid → shipped →
// delivered, or cancelled / returned), the channel it came by and the shop's or ERP's
// own number for it (external_ref). Totals are computed, never taken from a client:
// total_minor over every line, merchandise_minor over lines that are not services.
#pragma once

#include "core/json.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct OrderLine {
  std::string product_id;
  int64_t quantity = 1, unit_price_minor = 0, line_total_minor = 0;
  // From the product, for reading.
  std::string sku, name;
  bool is_service = false;
};

struct Order {
  std::string id;
  int64_t number = 0;  // the reference people quote ("#1042"); assigned on insert
  std::string contact_id, ordered_at, currency, status = "placed", channel = "staff";
  std::optional<std::string> external_ref, note;
  std::vector<OrderLine> lines;
  int64_t total_minor = 0, merchandise_minor = 0;
  std::optional<std::string> created_by, archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

inline const std::initializer_list<std::string_view> kOrderStatuses = {"placed",    "paid",      "shipped",
                                                                       "delivered", "cancelled", "returned"};
inline const std::initializer_list<std::string_view> kOrderChannels = {"staff", "portal", "import"};

inline constexpr size_t kMaxOrderLines = 500;
inline constexpr int64_t kMaxQuantity = 1'000'000;

json::object ToJson(const Order& o);

}  // namespace hearth
