#include "modules/companies/company_routes.hpp"

#include "modules/record_routes.hpp"

namespace hearth {

void AddCompanyRoutes(Router& r, CompanyService& companies) { AddRecordRoutes(r, "/api/v1/companies", companies); }

}  // namespace hearth
