// The analytics setting (`/api/v1/settings/analytics`): the currency analysed, the CLV
// horizon, discount rate and margin, the rule thresholds and windows.
#pragma once

#include "modules/analytics/analysis.hpp"
#include "modules/settings/settings.hpp"

namespace hearth {

const Setting& AnalyticsSetting();
analytics::AnalyticsSettings ReadAnalyticsSettings(Tx& tx);

}  // namespace hearth
