#include "modules/orders/order_import.hpp"

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/orders/order_service.hpp"
#include "modules/orders/order_store.hpp"
#include "modules/products/product_service.hpp"
#include "storage/data_version.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>

namespace hearth {

namespace {

// Orders per transaction: large enough that commits cost little, small enough that
// other writers wait a moment at most.
constexpr size_t kChunkOrders = 500;
constexpr size_t kMaxImportLines = 5000;  // per order; shops' invoices run longer than the API's 500
constexpr size_t kMaxListedErrors = 1000;

enum Column { kRef, kOrderedAt, kContactId, kEmail, kSku, kName, kQuantity, kUnitPrice, kUnitPriceMinor, kCurrency,
              kStatus, kColumnCount };

struct ColumnNames {
  const char* field;                     // as errors name it
  std::vector<std::string_view> names;   // header names it goes by, normalised
};

const std::array<ColumnNames, kColumnCount>& Names() {
  static const std::array<ColumnNames, kColumnCount> names{{
      {"external_ref", {"externalref", "order", "orderid", "invoice", "invoiceno"}},
      {"ordered_at", {"orderedat", "date", "orderdate", "invoicedate"}},
      {"contact_id", {"contactid"}},
      {"email", {"email"}},
      {"sku", {"sku", "product", "stockcode"}},
      {"name", {"name", "description"}},
      {"quantity", {"quantity"}},
      {"unit_price", {"unitprice"}},
      {"unit_price_minor", {"unitpriceminor"}},
      {"currency", {"currency"}},
      {"status", {"status"}},
  }};
  return names;
}

// Header names match ignoring case, spaces, underscores and hyphens ("Invoice Date").
std::string Normalise(std::string_view header) {
  std::string out;
  for (unsigned char c : header)
    if (c != ' ' && c != '_' && c != '-') out += static_cast<char>(std::tolower(c));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// YYYY-MM-DD, YYYYMMDD, "YYYY-MM-DD HH:MM[:SS]" (UTC) or RFC 3339, as stored time text.
std::optional<std::string> ParseImportTime(std::string_view s) {
  std::string text(s);
  if (text.size() == 8 && std::all_of(text.begin(), text.end(), ::isdigit))
    text = text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  if (text.size() == 10) return IsValidDate(text) ? std::optional(text + "T00:00:00.000Z") : std::nullopt;
  if ((text.size() == 16 || text.size() == 19) && (text[10] == ' ' || text[10] == 'T')) {
    text[10] = 'T';
    text += text.size() == 16 ? ":00Z" : "Z";
  }
  auto t = ParseTime(text);
  if (!t) return std::nullopt;
  return FormatTime(*t);
}

std::optional<int64_t> ParseWhole(std::string_view s) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return n;
}

struct RowError {
  size_t row;
  std::string field, message;
};

struct Line {
  size_t row;
  std::string sku, name;
  int64_t quantity = 1;
  std::optional<int64_t> unit_price_minor;
};

struct PendingOrder {
  std::string ref;
  size_t first_row = 0;
  std::string ordered_at, currency, status;
  std::optional<std::string> contact_id, email;
  std::vector<Line> lines;
  bool bad = false;
};

struct KnownProduct {
  std::string id, currency;
  int64_t price_minor = 0;
  bool is_service = false;
  std::string sku, name;
};

// What one transaction did; merged into the import's totals and caches only after it
// committed (a transaction can run again, or be rolled back).
struct Tally {
  int64_t orders = 0, lines = 0, products = 0, contacts = 0, skipped = 0, failed = 0;
  std::vector<RowError> errors;
  std::map<std::string, KnownProduct> products_by_key;
  std::map<std::string, std::string> contacts_by_key;  // lower-case email or contact id → contact id
};

struct DryRunRollback {};

class Importer {
 public:
  Importer(Db& db, const std::string& actor_id, const OrderImportOptions& options)
      : db_(db), actor_id_(actor_id), options_(options) {}

  json::object Run(std::string_view csv) {
    if (!IsValidUtf8(csv)) throw Error::Invalid({{"body", "must be UTF-8 text"}}, "The file is not UTF-8 text.");
    CsvReader reader(csv);
    ReadHeader(reader);
    ReadRows(reader);
    std::vector<size_t> good;
    for (size_t i = 0; i < orders_.size(); ++i) {
      if (orders_[i].bad) ++total_.failed;
      else good.push_back(i);
    }
    if (options_.dry_run) DryRun(good);
    else for (size_t begin = 0; begin < good.size(); begin += kChunkOrders) Commit(good, begin);
    return Answer();
  }

 private:
  void ReadHeader(CsvReader& reader) {
    std::vector<std::string> header;
    if (!reader.Next(header)) throw Error::Invalid({{"body", "is empty: a header row is required"}}, "The file is empty.");
    columns_.fill(-1);
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name = Normalise(header[i]);
      for (size_t c = 0; c < kColumnCount; ++c) {
        const auto& names = Names()[c].names;
        if (columns_[c] < 0 && std::find(names.begin(), names.end(), name) != names.end())
          columns_[c] = static_cast<int>(i);
      }
    }
    std::vector<FieldError> missing;
    for (Column c : {kRef, kOrderedAt, kSku})
      if (columns_[c] < 0) missing.push_back({Names()[c].field, "column is missing"});
    if (columns_[kContactId] < 0 && columns_[kEmail] < 0)
      missing.push_back({"contact_id", "column is missing: name the customer by contact_id or email"});
    if (!missing.empty()) throw Error::Invalid(std::move(missing), "The file lacks required columns.");
  }

  void ReadRows(CsvReader& reader) {
    std::vector<std::string> fields;
    std::map<std::string, size_t> by_ref;
    while (reader.Next(fields)) {
      size_t row = reader.line();
      auto cell = [&](Column c) { return columns_[c] >= 0 && static_cast<size_t>(columns_[c]) < fields.size()
                                             ? Trim(fields[columns_[c]]) : std::string(); };
      std::string ref = cell(kRef);
      if (ref.empty() || ref.size() > 100 || HasControl(ref)) {
        Fail(row, "external_ref", ref.empty() ? "is required" : "must be 1 to 100 characters without control characters");
        continue;
      }
      auto [it, is_new] = by_ref.emplace(ref, orders_.size());
      if (is_new) orders_.push_back(PendingOrder{ref, row});
      PendingOrder& order = orders_[it->second];
      size_t errors_before = errors_.size();
      ReadRow(row, cell, order, is_new);
      if (errors_.size() != errors_before) order.bad = true;
    }
  }

  template <class Cell>
  void ReadRow(size_t row, const Cell& cell, PendingOrder& order, bool first) {
    std::string currency = cell(kCurrency);
    if (currency.empty()) currency = options_.default_currency;
    if (!IsKnownCurrency(currency)) Fail(row, "currency", "must be an ISO 4217 currency code, such as NOK or EUR");
    std::optional<std::string> contact_id, email;
    if (std::string id = cell(kContactId); !id.empty()) contact_id = id;
    else if (std::string e = cell(kEmail); !e.empty()) {
      if (IsValidEmail(e)) email = e;
      else Fail(row, "email", "is not a valid email address");
    } else {
      Fail(row, "contact_id", "name the customer by contact_id or email");
    }
    // Every row's date is checked; the order's is its first row's.
    auto at = ParseImportTime(cell(kOrderedAt));
    if (!at) Fail(row, "ordered_at", "must be a date (YYYY-MM-DD, YYYYMMDD, YYYY-MM-DD HH:MM[:SS]) or RFC 3339 time");
    else if (*at > FormatTime(Now() + std::chrono::minutes(5))) Fail(row, "ordered_at", "cannot be in the future");
    else if (first) order.ordered_at = *at;
    if (first) {
      std::string status = cell(kStatus);
      for (auto& ch : status) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      order.status = status.empty() ? "delivered" : status;
      if (std::find(kOrderStatuses.begin(), kOrderStatuses.end(), order.status) == kOrderStatuses.end())
        Fail(row, "status", "must be one of: placed, paid, shipped, delivered, cancelled, returned");
      order.currency = currency;
      order.contact_id = contact_id;
      order.email = email;
    } else {
      if (currency != order.currency) Fail(row, "currency", "differs from the order's first row (row " + std::to_string(order.first_row) + ")");
      if (contact_id != order.contact_id || email != order.email)
        Fail(row, contact_id ? "contact_id" : "email", "names another customer than the order's first row (row " +
                                                           std::to_string(order.first_row) + ")");
    }
    Line line{row};
    line.sku = cell(kSku);
    if (line.sku.empty() || line.sku.size() > 64 || HasControl(line.sku))
      Fail(row, "sku", "must be 1 to 64 characters without control characters");
    line.name = cell(kName);
    if (line.name.size() > 200 || HasControl(line.name)) Fail(row, "name", "must be at most 200 characters without control characters");
    if (std::string q = cell(kQuantity); !q.empty()) {
      auto n = ParseWhole(q);
      if (!n || *n > kMaxQuantity) Fail(row, "quantity", "must be a whole number from 1 to 1000000");
      else if (*n <= 0) Fail(row, "quantity", "must be at least 1 (a return is an order with status returned)");
      else line.quantity = *n;
    }
    if (std::string p = cell(kUnitPriceMinor); !p.empty()) {
      auto n = ParseWhole(p);
      if (!n || *n < 0 || *n > kMaxMinor) Fail(row, "unit_price_minor", "must be a whole number of minor units, 0 or more");
      else line.unit_price_minor = n;
    } else if (std::string p = cell(kUnitPrice); !p.empty() && IsKnownCurrency(currency)) {
      auto n = ParseMinor(p, currency);
      if (!n || *n < 0 || *n > kMaxMinor) Fail(row, "unit_price", "must be an amount such as 12.50, 0 or more");
      else line.unit_price_minor = n;
    }
    if (order.lines.size() >= kMaxImportLines)
      Fail(row, "external_ref", "the order has more than " + std::to_string(kMaxImportLines) + " lines");
    else order.lines.push_back(std::move(line));
  }

  void Fail(size_t row, std::string field, std::string message) {
    errors_.push_back(RowError{row, std::move(field), std::move(message)});
  }

  void Commit(const std::vector<size_t>& good, size_t begin) {
    size_t end = std::min(good.size(), begin + kChunkOrders);
    Tally tally;
    db_.Write([&](Tx& tx) {
      tally = Tally{};
      WriteOrders(tx, good, begin, end, tally);
    });
    Merge(std::move(tally));
  }

  // Everything the import would do, in one transaction that is then rolled back.
  void DryRun(const std::vector<size_t>& good) {
    Tally tally;
    try {
      db_.Write([&](Tx& tx) {
        tally = Tally{};
        for (size_t begin = 0; begin < good.size(); begin += kChunkOrders)
          WriteOrders(tx, good, begin, std::min(good.size(), begin + kChunkOrders), tally);
        throw DryRunRollback{};
      });
    } catch (const DryRunRollback&) {
    }
    Merge(std::move(tally));
  }

  void Merge(Tally t) {
    total_.orders += t.orders;
    total_.lines += t.lines;
    total_.products += t.products;
    total_.contacts += t.contacts;
    total_.skipped += t.skipped;
    total_.failed += t.failed;
    for (auto& e : t.errors) errors_.push_back(std::move(e));
    total_.products_by_key.merge(t.products_by_key);
    total_.contacts_by_key.merge(t.contacts_by_key);
  }

  void WriteOrders(Tx& tx, const std::vector<size_t>& good, size_t begin, size_t end, Tally& t) {
    std::vector<std::string> refs;
    for (size_t i = begin; i < end; ++i) refs.push_back(orders_[good[i]].ref);
    std::set<std::string> existing = OrderStore::ExistingRefs(tx, refs);
    std::vector<Order> batch;
    for (size_t i = begin; i < end; ++i) {
      const PendingOrder& p = orders_[good[i]];
      if (existing.count(p.ref)) {
        ++t.skipped;
        continue;
      }
      if (auto o = CheckOrder(tx, p, t)) batch.push_back(std::move(*o));
    }
    if (batch.empty()) return;
    OrderService::InsertManyInTx(tx, actor_id_, batch);
    BumpDataVersion(tx, "orders");
  }

  // Checks the order against the database (customer, products, currencies), creates
  // the products and customer it needs and returns the order to insert; on a problem
  // records its errors, creates nothing and returns nullopt.
  std::optional<Order> CheckOrder(Tx& tx, const PendingOrder& p, Tally& t) {
    std::vector<RowError> errors;
    std::map<std::string, KnownProduct> to_create;  // by SKU key
    std::vector<const KnownProduct*> products;
    for (const Line& line : p.lines) {
      std::string key = ProductStoreKey(line.sku);
      const KnownProduct* known = FindProduct(tx, key, t);
      if (!known) {
        auto [it, is_new] = to_create.emplace(key, KnownProduct{"", p.currency, line.unit_price_minor.value_or(0),
                                                                false, line.sku, line.name.empty() ? line.sku : line.name});
        if (is_new && !line.unit_price_minor)
          errors.push_back({line.row, "unit_price", "is required to create the new product " + line.sku});
        known = &it->second;
      } else if (known->currency != p.currency) {
        errors.push_back({line.row, "currency", "product " + known->sku + " is priced in " + known->currency +
                                                    ", the order in " + p.currency});
      }
      products.push_back(known);
    }
    // Last, so that an order with bad lines creates no contact.
    std::optional<std::string> contact_id = Customer(tx, p, t, errors);
    if (!errors.empty() || !contact_id) return Failed(t, errors);

    for (auto& [key, product] : to_create) {
      Product made;
      made.sku = product.sku;
      made.name = product.name;
      made.price_minor = product.price_minor;
      made.currency = product.currency;
      ProductService::CreateInTx(tx, actor_id_, made);
      product.id = made.id;
      t.products_by_key[key] = product;
      ++t.products;
    }
    Order o;
    o.id = NewId("ord");
    o.contact_id = *contact_id;
    o.ordered_at = p.ordered_at;
    o.currency = p.currency;
    o.status = p.status;
    o.channel = "import";
    o.external_ref = p.ref;
    o.created_by = actor_id_.empty() ? std::nullopt : std::optional(actor_id_);
    o.created_at = o.updated_at = NowText();
    for (size_t i = 0; i < p.lines.size(); ++i) {
      const KnownProduct& product = *products[i];
      o.lines.push_back(OrderLine{product.id, p.lines[i].quantity, p.lines[i].unit_price_minor.value_or(product.price_minor),
                                  0, product.sku, product.name, product.is_service});
    }
    if (!OrderService::ComputeTotals(o)) {
      errors.push_back({p.first_row, "unit_price", "the order's total is larger than Hearth stores (2^53 minor units)"});
      return Failed(t, errors);
    }
    ++t.orders;
    t.lines += static_cast<int64_t>(o.lines.size());
    return o;
  }

  std::nullopt_t Failed(Tally& t, std::vector<RowError>& errors) {
    ++t.failed;
    for (auto& e : errors) t.errors.push_back(std::move(e));
    return std::nullopt;
  }

  static std::string ProductStoreKey(const std::string& sku) {
    std::string key = sku;
    for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return key;
  }

  const KnownProduct* FindProduct(Tx& tx, const std::string& key, Tally& t) {
    if (auto it = total_.products_by_key.find(key); it != total_.products_by_key.end()) return &it->second;
    if (auto it = t.products_by_key.find(key); it != t.products_by_key.end()) return &it->second;
    auto found = ProductService::FindBySkuInTx(tx, key);
    if (!found) return nullptr;
    return &(t.products_by_key[key] = KnownProduct{found->id, found->currency, found->price_minor, found->is_service,
                                                   found->sku, found->name});
  }

  // The order's contact: an existing, not archived contact_id, or the contact with the
  // email (a new customer when there is none).
  std::optional<std::string> Customer(Tx& tx, const PendingOrder& p, Tally& t, std::vector<RowError>& errors) {
    std::string key = p.contact_id ? "id:" + *p.contact_id : "email:" + ProductStoreKey(*p.email);
    if (auto it = total_.contacts_by_key.find(key); it != total_.contacts_by_key.end()) return it->second;
    if (auto it = t.contacts_by_key.find(key); it != t.contacts_by_key.end()) return it->second;
    if (p.contact_id) {
      if (!ContactService::ActiveName(tx, *p.contact_id)) {
        errors.push_back({p.first_row, "contact_id", "must be the id of an existing, not archived contact"});
        return std::nullopt;
      }
      return t.contacts_by_key[key] = *p.contact_id;
    }
    if (!errors.empty()) return std::nullopt;
    auto [id, created] = ContactService::FindOrCreateByEmail(tx, actor_id_, *p.email, "", "customer");
    if (created) ++t.contacts;
    return t.contacts_by_key[key] = id;
  }

  json::object Answer() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const RowError& a, const RowError& b) { return a.row < b.row; });
    json::array errors;
    for (size_t i = 0; i < errors_.size() && i < kMaxListedErrors; ++i)
      errors.push_back(json::object{{"row", errors_[i].row}, {"field", errors_[i].field}, {"message", errors_[i].message}});
    return json::object{{"orders_created", total_.orders},
                        {"lines_created", total_.lines},
                        {"products_created", total_.products},
                        {"contacts_created", total_.contacts},
                        {"skipped", total_.skipped},
                        {"orders_failed", total_.failed},
                        {"errors", std::move(errors)},
                        {"errors_total", errors_.size()},
                        {"dry_run", options_.dry_run}};
  }

  Db& db_;
  const std::string& actor_id_;
  const OrderImportOptions& options_;
  std::array<int, kColumnCount> columns_{};
  std::vector<PendingOrder> orders_;
  std::vector<RowError> errors_;
  Tally total_;
};

}  // namespace

json::object ImportOrders(Db& db, const std::string& actor_id, std::string_view csv, const OrderImportOptions& options) {
  return Importer(db, actor_id, options).Run(csv);
}

}  // namespace hearth
