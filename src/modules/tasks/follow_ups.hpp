// Birthday and anniversary follow-ups: a daily job makes, for each customer with an owner
// whose birthday or customer-since anniversary falls within the next `days_before` days,
// an open task for the owner (a card, a call, a gift… as configured), due that day at
// 09:00 UTC. A task's source key (kind, contact, date) makes a second run — or a missed
// day caught up — never create it twice. 29 February falls on 28 February in other years.
#pragma once

#include "modules/settings/settings.hpp"
#include "storage/db.hpp"

#include <string>

namespace hearth {

const Setting& FollowUpSetting();

// Runs the follow-up rules for the day `as_of` (YYYY-MM-DD); returns the tasks made.
int RunFollowUps(Db& db, const std::string& as_of);

}  // namespace hearth
