// Routes of /api/v1/orders (agents and up write, any staff reads) and the CSV import
// POST /api/v1/import/orders (managers and up; up to 64 MiB of text/csv).
#pragma once

#include "http/router.hpp"
#include "modules/orders/order_service.hpp"
#include "storage/db.hpp"

namespace hearth {

void AddOrderRoutes(Router& r, Db& db, OrderService& orders);

}  // namespace hearth
