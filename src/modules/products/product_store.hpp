// SQL for products. Writes keep the derived columns (sku_key, name_key, search) in step
// with the record; the caller bumps the "orders" data version in the same transaction.
#pragma once

#include "modules/products/product.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct ProductStore {
  static const char* Columns();
  static Product FromRow(const Row& r);
  static std::optional<Product> Get(Tx& tx, const std::string& id);
  // The product whose SKU equals `sku` ignoring case, archived or not.
  static std::optional<Product> FindBySku(Tx& tx, const std::string& sku);
  // Products by their ids (any order); unknown ids are left out.
  static std::vector<Product> GetMany(Tx& tx, const std::vector<std::string>& ids);
  static void Insert(Tx& tx, const Product& p);
  static void Update(Tx& tx, const Product& p);
  // The case-insensitive key of a SKU.
  static std::string SkuKey(std::string_view sku);
};

}  // namespace hearth
