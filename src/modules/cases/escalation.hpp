// Escalation: what happens when a case's SLA clock reaches its warning (80% used) or is
// breached — notify the owner and/or the managers (in the app and by email), reassign
// to an escalation user or to the service team, raise the priority one step. The rules
// are a setting (/settings/escalation, admin); each escalation is a case event and an
// audit record. Raising the priority keeps the case's clocks (the promise made when it
// opened); it moves the case up the queues.
#pragma once

#include "modules/cases/case.hpp"
#include "modules/settings/settings.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

const Setting& EscalationSetting();

// Applies the rules for `level` ("warning" or "breach") to the case (changing c in
// place: owner, priority, escalation_level) and records what was done.
void Escalate(Tx& tx, Case& c, const std::string& level);

}  // namespace hearth
