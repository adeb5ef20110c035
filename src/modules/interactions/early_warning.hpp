// Early warning: the "needs attention" list of customers whose recent interactions show
// trouble, each with its reasons. Two rules, configurable by managers
// (/settings/early-warning): repeated negative or failed interactions within a window,
// and silence longer than the customer's own usual rhythm of contact.
#pragma once

#include "core/json.hpp"
#include "http/request.hpp"
#include "modules/settings/settings.hpp"
#include "storage/db.hpp"

namespace hearth {

const Setting& EarlyWarningSetting();

// GET /api/v1/attention: {"items": [{"contact", "reasons": [{"rule","detail"}]}], "next_cursor": null}.
json::object NeedsAttention(Db& db, const Ctx& ctx,
                            const std::function<json::value(Tx&, const std::string& contact_id)>& contact_json);

}  // namespace hearth
