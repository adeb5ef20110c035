// OrderService holds the rules for orders: lines of active products in the order's
// currency (the product's price unless another is given), totals computed here and
// never taken from a client, statuses, a unique external_ref (409
// `duplicate-external-ref` naming the existing order), back-dating but not the future.
// Each write is one transaction with its timeline entry (kind `order`), its audit record
// and a bump of the "orders" data version. The CSV import lives in order_import.hpp.
// Throws Error (400, 404, 409, 412, 422). Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/orders/order.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

class OrderService {
 public:
  explicit OrderService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  // Sets line totals, total_minor and merchandise_minor from the lines (their
  // is_service flags filled in); false when a line or the total passes kMaxMinor.
  static bool ComputeTotals(Order& o);
  // Stores new, checked orders with their timeline entries and audit records in few
  // statements (the caller bumps the data version). Sets each one's number.
  static void InsertManyInTx(Tx& tx, const std::string& actor_id, std::vector<Order>& orders);
  // The same without audit records: for generated demo history, which is nobody's change.
  static void InsertWithoutAuditInTx(Tx& tx, std::vector<Order>& orders);
  // A product's is_service changed: derives merchandise_minor again for its orders.
  static void RederiveMerchandise(Tx& tx, const std::string& product_id);

 private:
  Db& db_;
};

}  // namespace hearth
