// Contact pressure: a policy caps the outbound touches per customer, across all
// channels, in a rolling window of D days, so no customer is pestered. The window around
// a touch at time t is (t − D days, t + D days): logging a past contact late or planning
// one ahead cannot slip past the cap. Over the cap is a 409 `contact-pressure` unless the
// interaction carries an override reason, which is kept.
#pragma once

#include "core/json.hpp"
#include "modules/settings/settings.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct PressurePolicy {
  int64_t max_outbound = 3;  // 0: no cap
  int64_t window_days = 7;
};

const Setting& ContactPressureSetting();
PressurePolicy ReadPressurePolicy(Tx& tx);

// Throws the 409 when one more outbound touch for the contact at `at` would exceed the
// policy (ignoring interaction `except_id`, when an existing one is being changed).
void CheckContactPressure(Tx& tx, const std::string& contact_id, const std::string& at,
                          const std::string& except_id);

// GET /contacts/{id}/pressure: {"contact_id","limit","window_days","count","remaining","frees_at"}.
json::object ContactPressureStatus(Tx& tx, const std::string& contact_id, const std::string& at);

}  // namespace hearth
