// Product: something a customer buys — a SKU (unique, case-insensitive), a name, a list
// price in one currency, active or not, and whether it is a service (shipping, fees:
// counted in an order's total, left out of every purchase analysis).
#pragma once

#include "core/json.hpp"

#include <optional>
#include <string>

namespace hearth {

struct Product {
  std::string id, sku, name;
  std::optional<std::string> description;
  int64_t price_minor = 0;
  std::string currency;
  bool active = true, is_service = false;
  std::optional<std::string> archived_at;
  std::string created_at, updated_at;
  int64_t version = 1;
};

json::object ToJson(const Product& p);

}  // namespace hearth
