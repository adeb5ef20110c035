// The order import: a CSV file (RFC 4180, one row per order line, columns found by
// header name and common aliases) becomes orders with channel `import`. Rows sharing an
// external_ref form one order; an order whose external_ref exists is skipped, so the
// same file imported twice creates nothing new. Unknown SKUs become products, unknown
// emails customer contacts. An order with any bad row is left out and its rows are
// reported; the rest are written in transactions of a few hundred orders (prepared
// statements, one multi-row insert of lines per order), each bumping the "orders" data
// version. A dry run does the same in one transaction that is rolled back.
#pragma once

#include "core/json.hpp"
#include "storage/db.hpp"

#include <string>
#include <string_view>

namespace hearth {

struct OrderImportOptions {
  std::string default_currency = "EUR";  // for rows without a currency column or value
  bool dry_run = false;
};

// Imports `csv` for `actor_id`. Returns {"orders_created", "lines_created",
// "products_created", "contacts_created", "skipped", "orders_failed", "errors" (at most
// 1,000 of {"row","field","message"}, in row order), "errors_total", "dry_run"}.
// Throws Error 422 when the file is not UTF-8 CSV or lacks a required column.
json::object ImportOrders(Db& db, const std::string& actor_id, std::string_view csv, const OrderImportOptions& options);

}  // namespace hearth
