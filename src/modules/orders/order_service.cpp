#include "modules/orders/order_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/list_query.hpp"
#include "modules/orders/order_store.hpp"
#include "modules/products/product_service.hpp"
#include "modules/record.hpp"
#include "modules/timeline/timeline_service.hpp"
#include "storage/data_version.hpp"

#include <map>
#include <set>

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFields = {"contact_id", "ordered_at",   "currency", "status",
                                                         "channel",    "external_ref", "note",     "lines"};
const std::initializer_list<std::string_view> kReadOnly = {"id",         "number",      "total_minor",
                                                           "merchandise_minor", "created_by", "archived_at",
                                                           "created_at", "updated_at", "version"};

// A line as the client wrote it; priced against its product inside the transaction.
struct LineInput {
  std::string product_id;
  int64_t quantity = 1;
  std::optional<int64_t> unit_price_minor;
};

struct OrderInput {
  std::optional<std::vector<LineInput>> lines;  // nullopt: lines not in the body
  bool currency_given = false;
};

std::optional<std::vector<LineInput>> ReadLines(Validator& v, const json::object& body) {
  const json::value* value = body.if_contains("lines");
  if (!value) return std::nullopt;
  if (!value->is_array() || value->as_array().empty() || value->as_array().size() > kMaxOrderLines) {
    v.Add("lines", "must be an array of 1 to " + std::to_string(kMaxOrderLines) + " lines");
    return std::nullopt;
  }
  std::vector<LineInput> lines;
  const json::array& items = value->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string prefix = "lines[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      v.Add(prefix, "must be an object");
      continue;
    }
    Validator in(items[i].as_object(), prefix + ".");
    in.RejectUnknown({"product_id", "quantity", "unit_price_minor"}, {"sku", "name", "line_total_minor", "is_service"});
    auto product = in.Id("product_id");
    auto quantity = in.Int("quantity", 1, kMaxQuantity);
    auto price = in.Int("unit_price_minor", 0, kMaxMinor);
    in.Require("product_id", product);
    for (auto& e : in.errors()) v.Add(e.field, e.message);
    if (product.is_set()) lines.push_back(LineInput{*product.value, quantity.value.value_or(1), price.value});
  }
  return lines;
}

OrderInput Apply(Validator& v, const json::object& body, Order& o, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto contact = v.Id("contact_id");
  auto ordered = v.Time("ordered_at");
  auto currency = v.Currency("currency");
  auto status = v.Enum("status", kOrderStatuses);
  auto channel = v.Enum("channel", kOrderChannels);
  auto ref = v.Text("external_ref", 100);
  auto note = v.Text("note", 2000, true);
  OrderInput input;
  input.lines = ReadLines(v, body);
  if (creating) {
    v.Require("contact_id", contact);
    if (!input.lines && !v.HasError("lines")) v.Add("lines", "is required");
  } else {
    for (auto [field, given] : {std::pair{"contact_id", contact.present}, {"currency", currency.present},
                                {"channel", channel.present}})
      if (given && !v.HasError(field)) v.Add(field, "cannot be changed; place a new order");
  }
  for (auto [field, cleared] : {std::pair{"ordered_at", ordered.present && !ordered.value},
                                {"status", status.present && !status.value},
                                {"channel", channel.present && !channel.value}})
    if (cleared && !v.HasError(field)) v.Add(field, "cannot be cleared");
  if (contact.is_set()) o.contact_id = *contact.value;
  if (ordered.is_set()) {
    if (*ParseTime(*ordered.value) > Now() + std::chrono::minutes(5)) v.Add("ordered_at", "cannot be in the future");
    else o.ordered_at = *ordered.value;
  }
  if (currency.is_set()) o.currency = *currency.value;
  input.currency_given = currency.is_set();
  if (status.is_set()) o.status = *status.value;
  if (channel.is_set()) o.channel = *channel.value;
  Assign(ref, o.external_ref);
  Assign(note, o.note);
  return input;
}

// Prices the lines against their products: each must exist and be active (or already be
// on the order), in the order's currency (which defaults to the first line's product's).
void PriceLines(Tx& tx, Order& o, const std::vector<LineInput>& input, bool currency_given,
                const std::set<std::string>& already_on_order) {
  std::vector<std::string> ids;
  for (const LineInput& l : input) ids.push_back(l.product_id);
  std::map<std::string, Product> products;
  for (Product& p : ProductService::FindManyInTx(tx, ids)) products.emplace(p.id, std::move(p));
  std::vector<FieldError> errors;
  if (!currency_given && o.currency.empty() && products.count(input.front().product_id))
    o.currency = products.at(input.front().product_id).currency;
  o.lines.clear();
  for (size_t i = 0; i < input.size(); ++i) {
    std::string field = "lines[" + std::to_string(i) + "].product_id";
    auto it = products.find(input[i].product_id);
    bool usable = it != products.end() && ((it->second.active && !it->second.archived_at) ||
                                           already_on_order.count(it->first));
    if (!usable) {
      errors.push_back({field, "must be the id of an active product"});
      continue;
    }
    const Product& p = it->second;
    if (p.currency != o.currency) {
      errors.push_back({field, "is priced in " + p.currency + ", the order in " + o.currency});
      continue;
    }
    o.lines.push_back(OrderLine{p.id, input[i].quantity, input[i].unit_price_minor.value_or(p.price_minor), 0, p.sku,
                                p.name, p.is_service});
  }
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
  if (o.currency.empty()) throw Error::Invalid({{"currency", "is required"}});
  if (!OrderService::ComputeTotals(o))
    throw Error::Invalid({{"lines", "the order's total may be at most " + std::to_string(kMaxMinor) + " minor units"}});
}

void CheckContact(Tx& tx, const Order& o) {
  if (!ContactService::ActiveName(tx, o.contact_id))
    throw Error::Invalid({{"contact_id", "must be the id of an existing, not archived contact"}});
}

// 409 when another order has the external_ref; concurrent writers of one ref queue up.
void RequireFreeRef(Tx& tx, const Order& o) {
  if (!o.external_ref) return;
  tx.LockKey("order-ref:" + *o.external_ref);
  auto existing = OrderStore::IdByExternalRef(tx, *o.external_ref);
  if (existing && *existing != o.id)
    throw Error::Conflict("duplicate-external-ref", "Another order has the external_ref " + *o.external_ref + ".")
        .With("existing_id", json::string(*existing))
        .WithFieldErrors({{"external_ref", "is already used by order " + *existing}});
}

TimelineEvent EventOf(const Order& o) {
  int64_t items = 0;
  for (const OrderLine& l : o.lines) items += l.quantity;
  std::string summary = "Order #" + std::to_string(o.number) + " · " + std::to_string(items) +
                        (items == 1 ? " item · " : " items · ") + FormatAmount(o.total_minor, o.currency);
  json::object data{{"number", o.number}, {"status", o.status}, {"total_minor", o.total_minor},
                    {"currency", o.currency}, {"channel", o.channel}};
  return TimelineEvent{o.contact_id, "order", o.ordered_at, o.id, summary, o.created_by, std::move(data)};
}

Order Load(Tx& tx, const std::string& id) {
  auto o = OrderStore::Get(tx, id);
  if (!o) throw Error::NotFound("No order has that id.");
  return *o;
}

}  // namespace

bool OrderService::ComputeTotals(Order& o) {
  o.total_minor = o.merchandise_minor = 0;
  for (OrderLine& l : o.lines) {
    if (__builtin_mul_overflow(l.quantity, l.unit_price_minor, &l.line_total_minor) || l.line_total_minor > kMaxMinor)
      return false;
    o.total_minor += l.line_total_minor;  // each ≤ 2^53 and at most a few thousand: no overflow
    if (!l.is_service) o.merchandise_minor += l.line_total_minor;
  }
  return o.total_minor <= kMaxMinor;
}

void OrderService::InsertManyInTx(Tx& tx, const std::string& actor_id, std::vector<Order>& orders) {
  InsertWithoutAuditInTx(tx, orders);
  std::vector<std::pair<std::string, json::object>> records;
  for (const Order& o : orders) records.emplace_back(o.id, ToJson(o));
  AuditService::RecordCreateMany(tx, actor_id, "order", records);
}

void OrderService::InsertWithoutAuditInTx(Tx& tx, std::vector<Order>& orders) {
  OrderStore::InsertMany(tx, orders);
  std::vector<TimelineEvent> events;
  for (const Order& o : orders) events.push_back(EventOf(o));
  TimelineService::AppendMany(tx, events);
}

void OrderService::RederiveMerchandise(Tx& tx, const std::string& product_id) {
  OrderStore::RederiveMerchandise(tx, product_id, NowText());
}

json::object OrderService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "orders",
      .columns = OrderStore::Columns(),
      .sorts = {{"ordered_at", "orders.ordered_at"}, {"total_minor", "orders.total_minor"}, {"number", "orders.seq"}},
      .filters = {"contact_id", "status", "channel", "external_ref", "currency"},
      .extra = {"from", "to"},
      .searchable = false,
      .default_sort = "-ordered_at",
  };
  ListQuery query(ctx, spec);
  for (auto [name, op] : {std::pair{"from", ">="}, std::pair{"to", "<"}}) {
    auto value = query.Param(name);
    if (!value) continue;
    auto t = ParseTime(*value);
    if (!t) throw Error::BadRequest(std::string(name) + " must be an RFC 3339 time.");
    query.Where(std::string("orders.ordered_at ") + op + " ?", {FormatTime(*t)});
  }
  std::vector<Order> orders;
  json::object page = query.Run(db_, [&](const Row& r) {
    orders.push_back(OrderStore::FromRow(r));
    return json::value(nullptr);
  });
  std::vector<Order*> refs;
  for (Order& o : orders) refs.push_back(&o);
  db_.Read([&](Tx& tx) { OrderStore::LoadLines(tx, refs); });
  json::array items;
  for (const Order& o : orders) items.push_back(ToJson(o));
  page["items"] = std::move(items);
  return page;
}

json::object OrderService::Get(const std::string& id) {
  return ToJson(db_.Read([&](Tx& tx) { return Load(tx, id); }));
}

json::object OrderService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Order o;
  OrderInput input = Apply(v, body, o, true);
  v.Finish();
  std::string now = NowText();
  if (o.ordered_at.empty()) o.ordered_at = now;
  o.id = NewId("ord");
  o.created_by = actor_id;
  o.created_at = o.updated_at = now;
  return db_.Write([&](Tx& tx) {
    CheckContact(tx, o);
    PriceLines(tx, o, *input.lines, input.currency_given, {});
    RequireFreeRef(tx, o);
    std::vector<Order> one{o};
    InsertManyInTx(tx, actor_id, one);
    BumpDataVersion(tx, "orders");
    return ToJson(one.front());
  });
}

json::object OrderService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                  std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    tx.LockKey("order:" + id);
    Order current = Load(tx, id);
    RequireVersion(current.version, if_match);
    Order o = current;
    Validator v(patch);
    OrderInput input = Apply(v, patch, o, false);
    v.Finish();
    if (input.lines) {
      std::set<std::string> on_order;
      for (const OrderLine& l : current.lines) on_order.insert(l.product_id);
      PriceLines(tx, o, *input.lines, true, on_order);
    }
    if (ToJson(o) == ToJson(current)) return ToJson(o);
    if (o.external_ref != current.external_ref) RequireFreeRef(tx, o);
    o.updated_at = NowText();
    o.version = current.version + 1;
    OrderStore::Update(tx, o, input.lines.has_value());
    if (!o.archived_at) TimelineService::Update(tx, EventOf(o));
    AuditService::RecordUpdate(tx, actor_id, "order", o.id, ToJson(current), ToJson(o));
    BumpDataVersion(tx, "orders");
    return ToJson(o);
  });
}

void OrderService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("order:" + id);
    Order o = Load(tx, id);
    if (!MarkArchived(o, if_match)) return;
    OrderStore::Update(tx, o, false);
    TimelineService::Remove(tx, "order", o.id);
    AuditService::RecordArchive(tx, actor_id, "order", o.id, *o.archived_at);
    BumpDataVersion(tx, "orders");
  });
}

}  // namespace hearth
