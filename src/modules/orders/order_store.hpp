// SQL for orders and their lines. Lines are written in one multi-row statement per
// order (the import writes hundreds of thousands); reads join the product for its SKU,
// name and service flag. The caller bumps the "orders" data version.
#pragma once

#include "modules/orders/order.hpp"
#include "storage/db.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hearth {

struct OrderStore {
  static const char* Columns();
  // An order without its lines.
  static Order FromRow(const Row& r);
  // The order with its lines.
  static std::optional<Order> Get(Tx& tx, const std::string& id);
  // Fills in the lines of each order (one query).
  static void LoadLines(Tx& tx, std::vector<Order*> orders);
  // Inserts the orders and their lines in few statements; sets each one's number.
  static void InsertMany(Tx& tx, std::vector<Order>& orders);
  // Writes the order's fields; with lines_changed also replaces its lines.
  static void Update(Tx& tx, const Order& o, bool lines_changed);
  static std::optional<std::string> IdByExternalRef(Tx& tx, const std::string& external_ref);
  // The refs among `refs` that some order already has.
  static std::set<std::string> ExistingRefs(Tx& tx, const std::vector<std::string>& refs);
  // Computes merchandise_minor again for every order holding the product.
  static void RederiveMerchandise(Tx& tx, const std::string& product_id, const std::string& now);
};

}  // namespace hearth
