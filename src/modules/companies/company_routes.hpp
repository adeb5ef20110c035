// HTTP routes of /api/v1/companies.
#pragma once

#include "http/router.hpp"
#include "modules/companies/company_service.hpp"

namespace hearth {

void AddCompanyRoutes(Router& r, CompanyService& companies);

}  // namespace hearth
