// Routes of /api/v1/products: any staff user reads, managers and admins write.
#pragma once

#include "http/router.hpp"
#include "modules/products/product_service.hpp"

namespace hearth {

void AddProductRoutes(Router& r, ProductService& products);

}  // namespace hearth
