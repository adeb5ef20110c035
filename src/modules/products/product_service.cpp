#include "modules/products/product_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/list_query.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/products/product_store.hpp"
#include "modules/record.hpp"
#include "storage/data_version.hpp"

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"sku",      "name",   "description", "price_minor",
                                                         "currency", "active", "is_service"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "archived_at", "created_at", "updated_at", "version"};

void Apply(Validator& v, Product& p, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto sku = v.Text("sku", 64);
  auto name = v.Text("name", 200);
  auto description = v.Text("description", 2000, true);
  auto price = v.Int("price_minor", 0, kMaxMinor);
  auto currency = v.Currency("currency");
  auto active = v.Bool("active");
  auto is_service = v.Bool("is_service");
  if (creating) {
    v.Require("sku", sku);
    v.Require("name", name);
    v.Require("price_minor", price);
    v.Require("currency", currency);
  }
  for (auto [field, cleared] : {std::pair{"sku", sku.present && !sku.value}, {"name", name.present && !name.value},
                                {"price_minor", price.present && !price.value},
                                {"currency", currency.present && !currency.value},
                                {"active", active.present && !active.value},
                                {"is_service", is_service.present && !is_service.value}})
    if (cleared && !v.HasError(field)) v.Add(field, "cannot be cleared");
  if (sku.is_set()) p.sku = *sku.value;
  if (name.is_set()) p.name = *name.value;
  Assign(description, p.description);
  if (price.is_set()) p.price_minor = *price.value;
  if (currency.is_set()) p.currency = *currency.value;
  if (active.is_set()) p.active = *active.value;
  if (is_service.is_set()) p.is_service = *is_service.value;
}

// 409 when another product holds the SKU (ignoring case). Concurrent writers of one SKU
// queue up on its key, so the check and the insert are one step.
void RequireFreeSku(Tx& tx, const Product& p) {
  tx.LockKey("product-sku:" + ProductStore::SkuKey(p.sku));
  auto existing = ProductStore::FindBySku(tx, p.sku);
  if (existing && existing->id != p.id)
    throw Error::Conflict("duplicate-sku", "Another product has the SKU " + existing->sku + ".")
        .With("existing_id", json::string(existing->id))
        .WithFieldErrors({{"sku", "is already used by product " + existing->id}});
}

Product Load(Tx& tx, const std::string& id) {
  auto p = ProductStore::Get(tx, id);
  if (!p) throw Error::NotFound("No product has that id.");
  return *p;
}

}  // namespace

json::object ProductService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "products",
      .columns = ProductStore::Columns(),
      .sorts = {{"name", "products.name_key"},
                {"sku", "products.sku_key"},
                {"price_minor", "products.price_minor"},
                {"created_at", "products.seq"}},
      .filters = {"currency"},
      .extra = {"active", "is_service"},
      .prefix_columns = {"name_key", "sku_key"},
  };
  ListQuery query(ctx, spec);
  query.WhereBool("active", "products.active");
  query.WhereBool("is_service", "products.is_service");
  return query.Run(db_, [](const Row& r) { return ToJson(ProductStore::FromRow(r)); });
}

json::object ProductService::Get(const std::string& id) {
  return ToJson(db_.Read([&](Tx& tx) { return Load(tx, id); }));
}

void ProductService::CreateInTx(Tx& tx, const std::string& actor_id, Product& p) {
  p.id = NewId("prd");
  p.created_at = p.updated_at = NowText();
  p.version = 1;
  RequireFreeSku(tx, p);
  ProductStore::Insert(tx, p);
  AuditService::RecordCreate(tx, actor_id, "product", p.id, ToJson(p));
  BumpDataVersion(tx, "orders");
}

json::object ProductService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Product p;
  Apply(v, p, true);
  v.Finish();
  return db_.Write([&](Tx& tx) {
    CreateInTx(tx, actor_id, p);
    return ToJson(p);
  });
}

json::object ProductService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                    std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    Product current = Load(tx, id);
    RequireVersion(current.version, if_match);
    Product p = current;
    Validator v(patch);
    Apply(v, p, false);
    v.Finish();
    if (ToJson(p) == ToJson(current)) return ToJson(p);
    if (ProductStore::SkuKey(p.sku) != ProductStore::SkuKey(current.sku)) RequireFreeSku(tx, p);
    p.updated_at = NowText();
    p.version = current.version + 1;
    ProductStore::Update(tx, p);
    // Service lines are left out of the merchandise value: the orders holding the
    // product change with it.
    if (p.is_service != current.is_service) OrderService::RederiveMerchandise(tx, p.id);
    AuditService::RecordUpdate(tx, actor_id, "product", p.id, ToJson(current), ToJson(p));
    BumpDataVersion(tx, "orders");
    return ToJson(p);
  });
}

void ProductService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    Product p = Load(tx, id);
    if (!MarkArchived(p, if_match)) return;
    ProductStore::Update(tx, p);
    AuditService::RecordArchive(tx, actor_id, "product", p.id, *p.archived_at);
    BumpDataVersion(tx, "orders");
  });
}

std::optional<Product> ProductService::FindInTx(Tx& tx, const std::string& id) { return ProductStore::Get(tx, id); }

std::vector<Product> ProductService::FindManyInTx(Tx& tx, const std::vector<std::string>& ids) {
  return ProductStore::GetMany(tx, ids);
}

std::optional<Product> ProductService::FindBySkuInTx(Tx& tx, const std::string& sku) {
  return ProductStore::FindBySku(tx, sku);
}

}  // namespace hearth
