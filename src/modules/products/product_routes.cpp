#include "modules/products/product_routes.hpp"

#include "modules/record_routes.hpp"

namespace hearth {

void AddProductRoutes(Router& r, ProductService& products) {
  AddCrudRoutes(r, "/api/v1/products", products, Access::kViewer, Access::kManager);
}

}  // namespace hearth
