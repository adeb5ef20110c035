#include "modules/orders/order_store.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace hearth {

json::object ToJson(const Order& o) {
  json::array lines;
  for (const OrderLine& l : o.lines)
    lines.push_back(json::object{{"product_id", l.product_id},
                                 {"sku", l.sku},
                                 {"name", l.name},
                                 {"quantity", l.quantity},
                                 {"unit_price_minor", l.unit_price_minor},
                                 {"line_total_minor", l.line_total_minor},
                                 {"is_service", l.is_service}});
  return json::object{{"id", o.id},
                      {"number", o.number},
                      {"contact_id", o.contact_id},
                      {"ordered_at", o.ordered_at},
                      {"currency", o.currency},
                      {"status", o.status},
                      {"channel", o.channel},
                      {"external_ref", OptionalString(o.external_ref)},
                      {"note", OptionalString(o.note)},
                      {"lines", std::move(lines)},
                      {"total_minor", o.total_minor},
                      {"merchandise_minor", o.merchandise_minor},
                      {"created_by", OptionalString(o.created_by)},
                      {"archived_at", OptionalString(o.archived_at)},
                      {"created_at", o.created_at},
                      {"updated_at", o.updated_at},
                      {"version", o.version}};
}

namespace {

// The UTC day of an RFC 3339 time, as days since 1970-01-01.
int64_t OrderedDay(const std::string& ordered_at) {
  auto t = ParseTime(ordered_at);
  if (!t) throw std::invalid_argument("ordered_at is not an RFC 3339 time: " + ordered_at);
  int64_t s = UnixSeconds(*t);
  return (s >= 0 ? s : s - 86'399) / 86'400;
}

std::string Marks(size_t n);

// The seq of each order's contact (analyses key customers by it).
std::map<std::string, int64_t> ContactSeqs(Tx& tx, const std::vector<Order>& orders) {
  std::vector<std::string> ids;
  for (const Order& o : orders) ids.push_back(o.contact_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::map<std::string, int64_t> out;
  for (size_t i = 0; i < ids.size(); i += 500) {
    Params params(ids.begin() + i, ids.begin() + std::min(ids.size(), i + 500));
    for (const Row& r : tx.Query("SELECT id, seq FROM contacts WHERE id IN (" + Marks(params.size()) + ")", params))
      out[r.Text(0)] = r.Int(1);
  }
  for (const std::string& id : ids)
    if (!out.count(id)) throw std::invalid_argument("no contact " + id);  // checked by the service before
  return out;
}

std::string Marks(size_t n) {
  std::string marks;
  for (size_t i = 0; i < n; ++i) marks += i == 0 ? "?" : ", ?";
  return marks;
}

void InsertLines(Tx& tx, const std::vector<Order>& orders) {
  std::vector<Params> rows;
  for (const Order& o : orders)
    for (size_t i = 0; i < o.lines.size(); ++i) {
      const OrderLine& l = o.lines[i];
      rows.push_back({o.id, static_cast<int64_t>(i + 1), l.product_id, l.quantity, l.unit_price_minor, l.line_total_minor});
    }
  tx.InsertMany("INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price_minor, line_total_minor) "
                "VALUES",
                rows);
}

}  // namespace

const char* OrderStore::Columns() {
  return "orders.id, orders.seq, orders.contact_id, orders.ordered_at, orders.currency, orders.status, "
         "orders.channel, orders.external_ref, orders.note, orders.total_minor, orders.merchandise_minor, "
         "orders.created_by, orders.archived_at, orders.created_at, orders.updated_at, orders.version";
}

Order OrderStore::FromRow(const Row& r) {
  Order o;
  o.id = r.Text(0);
  o.number = r.Int(1);
  o.contact_id = r.Text(2);
  o.ordered_at = r.Text(3);
  o.currency = r.Text(4);
  o.status = r.Text(5);
  o.channel = r.Text(6);
  o.external_ref = r.OptText(7);
  o.note = r.OptText(8);
  o.total_minor = r.Int(9);
  o.merchandise_minor = r.Int(10);
  o.created_by = r.OptText(11);
  o.archived_at = r.OptText(12);
  o.created_at = r.Text(13);
  o.updated_at = r.Text(14);
  o.version = r.Int(15);
  return o;
}

std::optional<Order> OrderStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM orders WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  Order o = FromRow(*row);
  LoadLines(tx, {&o});
  return o;
}

void OrderStore::LoadLines(Tx& tx, std::vector<Order*> orders) {
  if (orders.empty()) return;
  std::map<std::string, Order*> by_id;
  Params params;
  for (Order* o : orders) {
    o->lines.clear();
    by_id[o->id] = o;
    params.emplace_back(o->id);
  }
  Rows rows = tx.Query("SELECT l.order_id, l.product_id, l.quantity, l.unit_price_minor, l.line_total_minor, p.sku, "
                       "p.name, p.is_service FROM order_lines l JOIN products p ON p.id = l.product_id "
                       "WHERE l.order_id IN (" + Marks(orders.size()) + ") ORDER BY l.order_id, l.line_no",
                       params);
  for (const Row& r : rows) {
    OrderLine l{r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5), r.Text(6), r.Int(7) != 0};
    by_id.at(r.Text(0))->lines.push_back(std::move(l));
  }
}

void OrderStore::InsertMany(Tx& tx, std::vector<Order>& orders) {
  std::map<std::string, int64_t> contact_seq = ContactSeqs(tx, orders);
  std::vector<Params> rows;
  rows.reserve(orders.size());
  for (const Order& o : orders)
    rows.push_back({o.id, o.contact_id, contact_seq.at(o.contact_id), o.ordered_at, OrderedDay(o.ordered_at),
                    o.currency, o.status, o.channel, o.external_ref, o.note, o.total_minor, o.merchandise_minor,
                    o.created_by, o.archived_at, o.created_at, o.updated_at, o.version});
  Rows numbers = tx.InsertMany("INSERT INTO orders (id, contact_id, contact_seq, ordered_at, ordered_day, currency, "
                               "status, channel, external_ref, note, total_minor, merchandise_minor, created_by, "
                               "archived_at, created_at, updated_at, version) VALUES",
                               rows, " RETURNING id, seq");
  std::map<std::string, int64_t> by_id;
  for (const Row& r : numbers) by_id[r.Text(0)] = r.Int(1);
  for (Order& o : orders) o.number = by_id.at(o.id);
  InsertLines(tx, orders);
}

void OrderStore::Update(Tx& tx, const Order& o, bool lines_changed) {
  tx.Exec("UPDATE orders SET ordered_at = ?, ordered_day = ?, status = ?, external_ref = ?, note = ?, total_minor = ?, "
          "merchandise_minor = ?, archived_at = ?, updated_at = ?, version = ? WHERE id = ?",
          {o.ordered_at, OrderedDay(o.ordered_at), o.status, o.external_ref, o.note, o.total_minor,
           o.merchandise_minor, o.archived_at, o.updated_at, o.version, o.id});
  if (!lines_changed) return;
  tx.Exec("DELETE FROM order_lines WHERE order_id = ?", {o.id});
  InsertLines(tx, {o});
}

std::optional<std::string> OrderStore::IdByExternalRef(Tx& tx, const std::string& external_ref) {
  auto row = tx.QueryOne("SELECT id FROM orders WHERE external_ref = ?", {external_ref});
  if (!row) return std::nullopt;
  return row->Text(0);
}

std::set<std::string> OrderStore::ExistingRefs(Tx& tx, const std::vector<std::string>& refs) {
  std::set<std::string> out;
  if (refs.empty()) return out;
  Params params(refs.begin(), refs.end());
  for (const Row& r : tx.Query("SELECT external_ref FROM orders WHERE external_ref IN (" + Marks(refs.size()) + ")",
                               params))
    out.insert(r.Text(0));
  return out;
}

void OrderStore::RederiveMerchandise(Tx& tx, const std::string& product_id, const std::string& now) {
  tx.Exec("UPDATE orders SET merchandise_minor = (SELECT COALESCE(SUM(l.line_total_minor), 0) FROM order_lines l "
          "JOIN products p ON p.id = l.product_id WHERE l.order_id = orders.id AND p.is_service = 0), "
          "updated_at = ?, version = version + 1 "
          "WHERE id IN (SELECT order_id FROM order_lines WHERE product_id = ?)",
          {now, product_id});
}

}  // namespace hearth
