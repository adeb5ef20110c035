#include "modules/products/product_store.hpp"

#include "core/text_fold.hpp"

#include <algorithm>

namespace hearth {

json::object ToJson(const Product& p) {
  return json::object{{"id", p.id},
                      {"sku", p.sku},
                      {"name", p.name},
                      {"description", OptionalString(p.description)},
                      {"price_minor", p.price_minor},
                      {"currency", p.currency},
                      {"active", p.active},
                      {"is_service", p.is_service},
                      {"archived_at", OptionalString(p.archived_at)},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at},
                      {"version", p.version}};
}

const char* ProductStore::Columns() {
  return "products.id, products.sku, products.name, products.description, products.price_minor, products.currency, "
         "products.active, products.is_service, products.archived_at, products.created_at, products.updated_at, "
         "products.version";
}

Product ProductStore::FromRow(const Row& r) {
  Product p;
  p.id = r.Text(0);
  p.sku = r.Text(1);
  p.name = r.Text(2);
  p.description = r.OptText(3);
  p.price_minor = r.Int(4);
  p.currency = r.Text(5);
  p.active = r.Int(6) != 0;
  p.is_service = r.Int(7) != 0;
  p.archived_at = r.OptText(8);
  p.created_at = r.Text(9);
  p.updated_at = r.Text(10);
  p.version = r.Int(11);
  return p;
}

std::string ProductStore::SkuKey(std::string_view sku) {
  std::string key(sku);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  return key;
}

std::optional<Product> ProductStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM products WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::optional<Product> ProductStore::FindBySku(Tx& tx, const std::string& sku) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM products WHERE sku_key = ?";
  auto row = tx.QueryOne(sql, {SkuKey(sku)});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

std::vector<Product> ProductStore::GetMany(Tx& tx, const std::vector<std::string>& ids) {
  std::vector<Product> out;
  if (ids.empty()) return out;
  std::string marks;
  Params params;
  for (const auto& id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const Row& r : tx.Query(std::string("SELECT ") + Columns() + " FROM products WHERE id IN (" + marks + ")", params))
    out.push_back(FromRow(r));
  return out;
}

void ProductStore::Insert(Tx& tx, const Product& p) {
  tx.Exec("INSERT INTO products (id, sku, sku_key, name, name_key, description, price_minor, currency, active, "
          "is_service, search, archived_at, created_at, updated_at, version) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {p.id, p.sku, SkuKey(p.sku), p.name, FoldText(p.name), p.description, p.price_minor, p.currency, p.active,
           p.is_service, FoldText(p.sku + " " + p.name), p.archived_at, p.created_at, p.updated_at, p.version});
}

void ProductStore::Update(Tx& tx, const Product& p) {
  tx.Exec("UPDATE products SET sku = ?, sku_key = ?, name = ?, name_key = ?, description = ?, price_minor = ?, "
          "currency = ?, active = ?, is_service = ?, search = ?, archived_at = ?, updated_at = ?, version = ? "
          "WHERE id = ?",
          {p.sku, SkuKey(p.sku), p.name, FoldText(p.name), p.description, p.price_minor, p.currency, p.active,
           p.is_service, FoldText(p.sku + " " + p.name), p.archived_at, p.updated_at, p.version, p.id});
}

}  // namespace hearth
