#include "modules/analytics/analytics_settings.hpp"

#include "core/error.hpp"
#include "core/money.hpp"
#include "core/validation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <cmath>

namespace hearth {
namespace {

// A number in [min, max] (integers allowed), or a field error.
void Number(const json::object& body, json::object& out, std::vector<FieldError>& errors, const char* name,
            double min, double max) {
  const json::value* v = body.if_contains(name);
  if (!v) return;
  if (!v->is_number() || !std::isfinite(v->to_number<double>()) || v->to_number<double>() < min ||
      v->to_number<double>() > max) {
    errors.push_back({name, fmt::format("must be a number from {} to {}", min, max)});
    return;
  }
  out[name] = v->to_number<double>();
}

void Integer(const json::object& body, json::object& out, std::vector<FieldError>& errors, const char* name,
             int64_t min, int64_t max) {
  const json::value* v = body.if_contains(name);
  if (!v) return;
  if (!v->is_int64() && !v->is_uint64()) {
    errors.push_back({name, "must be a whole number"});
    return;
  }
  int64_t n = v->is_int64() ? v->as_int64() : static_cast<int64_t>(std::min<uint64_t>(v->as_uint64(), INT64_MAX));
  if (n < min || n > max) {
    errors.push_back({name, "must be from " + std::to_string(min) + " to " + std::to_string(max)});
    return;
  }
  out[name] = n;
}

json::object Validate(const json::object& body, const json::object& current) {
  static const std::vector<std::string> known = {"currency",       "horizon_weeks",  "annual_discount_rate",
                                                 "margin_percent", "min_support",    "min_confidence",
                                                 "min_lift",       "affinity_days",  "compare_days",
                                                 "refresh_minutes"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body)
    if (std::find(known.begin(), known.end(), std::string(key)) == known.end() && key != "updated_at" &&
        key != "updated_by")
      errors.push_back({std::string(key), "is not a setting of analytics"});
  json::object out = current;
  if (const json::value* c = body.if_contains("currency")) {
    if (c->is_null()) out["currency"] = nullptr;
    else if (!c->is_string() || !IsKnownCurrency(c->as_string())) errors.push_back({"currency", "must be an ISO 4217 code such as EUR, or null"});
    else out["currency"] = *c;
  }
  Number(body, out, errors, "horizon_weeks", 1, 520);
  Number(body, out, errors, "annual_discount_rate", 0, 1);
  Number(body, out, errors, "margin_percent", 0, 100);
  Number(body, out, errors, "min_support", 0.0001, 1);
  Number(body, out, errors, "min_confidence", 0, 1);
  Number(body, out, errors, "min_lift", 0, 1000);
  Integer(body, out, errors, "affinity_days", 7, 3650);
  Integer(body, out, errors, "compare_days", 7, 730);
  Integer(body, out, errors, "refresh_minutes", 1, 1440);
  if (!errors.empty()) throw Error::Invalid(errors);
  return out;
}

}  // namespace

const Setting& AnalyticsSetting() {
  static const Setting setting{"analytics",
                               json::object{{"currency", nullptr},
                                            {"horizon_weeks", 52},
                                            {"annual_discount_rate", 0.10},
                                            {"margin_percent", 100},
                                            {"min_support", 0.001},
                                            {"min_confidence", 0.1},
                                            {"min_lift", 1.0},
                                            {"affinity_days", 730},
                                            {"compare_days", 90},
                                            {"refresh_minutes", 15}},
                               Validate,
                               {},
                               Access::kViewer};
  return setting;
}

analytics::AnalyticsSettings ReadAnalyticsSettings(Tx& tx) {
  json::object s = ReadSetting(tx, AnalyticsSetting());
  analytics::AnalyticsSettings out;
  if (s.at("currency").is_string()) out.currency = std::string(s.at("currency").as_string());
  out.horizon_weeks = s.at("horizon_weeks").to_number<double>();
  out.annual_discount_rate = s.at("annual_discount_rate").to_number<double>();
  out.margin_percent = s.at("margin_percent").to_number<double>();
  out.min_support = s.at("min_support").to_number<double>();
  out.min_confidence = s.at("min_confidence").to_number<double>();
  out.min_lift = s.at("min_lift").to_number<double>();
  out.affinity_days = static_cast<int>(s.at("affinity_days").to_number<int64_t>());
  out.compare_days = static_cast<int>(s.at("compare_days").to_number<int64_t>());
  out.refresh_minutes = static_cast<int>(s.at("refresh_minutes").to_number<int64_t>());
  return out;
}

}  // namespace hearth
