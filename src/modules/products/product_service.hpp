// ProductService holds the rules for products: validation, SKUs unique ignoring case
// (409 `duplicate-sku` naming the existing product), archiving, and what a change of
// `is_service` means for orders (their merchandise value is derived again). Every write
// is one transaction with its audit record and a bump of the "orders" data version, so
// cached analyses see it. Throws Error (400, 404, 409, 412, 422). Safe from any thread.
#pragma once

#include "http/request.hpp"
#include "modules/products/product.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

class ProductService {
 public:
  explicit ProductService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  // For other modules, inside their transaction.
  static std::optional<Product> FindInTx(Tx& tx, const std::string& id);
  // Products by their ids, archived or not; unknown ids are left out.
  static std::vector<Product> FindManyInTx(Tx& tx, const std::vector<std::string>& ids);
  static std::optional<Product> FindBySkuInTx(Tx& tx, const std::string& sku);
  // Stores a new product (the caller validated it) with its audit record; 409
  // `duplicate-sku` when the SKU is taken. Sets id and timestamps.
  static void CreateInTx(Tx& tx, const std::string& actor_id, Product& p);

 private:
  Db& db_;
};

}  // namespace hearth
