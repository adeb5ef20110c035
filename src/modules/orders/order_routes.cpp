#include "modules/orders/order_routes.hpp"

#include "core/error.hpp"
#include "core/money.hpp"
#include "modules/orders/order_import.hpp"
#include "modules/record_routes.hpp"

namespace hearth {

namespace {

constexpr size_t kMaxImportBytes = 64 * 1024 * 1024;

bool IsCsv(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "text/csv" || type == "application/csv";
}

OrderImportOptions ImportOptions(const Ctx& c) {
  for (const auto& [name, value] : c.request().query)
    if (name != "currency" && name != "dry_run")
      throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  OrderImportOptions options;
  if (auto currency = c.Query("currency")) {
    if (!IsKnownCurrency(*currency)) throw Error::BadRequest("currency must be an ISO 4217 code such as NOK or EUR.");
    options.default_currency = std::string(*currency);
  }
  if (auto dry = c.Query("dry_run")) {
    if (*dry != "true" && *dry != "false") throw Error::BadRequest("dry_run must be true or false.");
    options.dry_run = *dry == "true";
  }
  return options;
}

}  // namespace

void AddOrderRoutes(Router& r, Db& db, OrderService& orders) {
  AddCrudRoutes(r, "/api/v1/orders", orders);
  r.PostFile(
      "/api/v1/import/orders", Access::kManager,
      [&db](Ctx& c) {
        if (!IsCsv(c.request().Header("content-type")))
          throw Error(Error::Kind::kUnsupportedMedia, "unsupported-media-type", "Send the orders as text/csv.");
        OrderImportOptions options = ImportOptions(c);
        return Response::Json(ImportOrders(db, c.principal().user_id, c.request().body, options));
      },
      kMaxImportBytes);
}

}  // namespace hearth
