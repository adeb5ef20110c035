// Routes: /api/v1/cx-policies (publish: admin), /current, /{id}, /{id}/acknowledge,
// /{id}/acknowledgements (manager+).
#pragma once

#include "http/router.hpp"
#include "modules/cx_policy/cx_policy_service.hpp"

namespace hearth {

void AddCxPolicyRoutes(Router& r, CxPolicyService& policies);

}  // namespace hearth
