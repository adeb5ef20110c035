// Routes of the service desk: /api/v1/cases (with messages, events, attachments and the
// sales lead hand-off), /api/v1/sla-policies (+ preview) and /settings/escalation.
#pragma once

#include "http/router.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/sla/sla_policy_service.hpp"

namespace hearth {

void AddCaseRoutes(Router& r, Db& db, CaseService& cases, SlaPolicyService& policies);

}  // namespace hearth
