#include "modules/interactions/contact_pressure.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/interactions/interaction_store.hpp"

namespace hearth {

namespace {

std::chrono::hours Days(int64_t n) { return std::chrono::hours(24 * n); }

struct Window {
  std::vector<std::string> times;  // outbound touches in the window, oldest first
  PressurePolicy policy;
};

Window Around(Tx& tx, const std::string& contact_id, const std::string& at, const std::string& except_id) {
  Window w{{}, ReadPressurePolicy(tx)};
  SysTime t = ParseTime(at).value_or(Now());
  w.times = InteractionStore::OutboundTimes(tx, contact_id, FormatTime(t - Days(w.policy.window_days)),
                                            FormatTime(t + Days(w.policy.window_days)), except_id);
  return w;
}

}  // namespace

const Setting& ContactPressureSetting() {
  static const Setting setting{
      "contact-pressure",
      json::object{{"max_outbound", 3}, {"window_days", 7}},
      [](const json::object& body, const json::object& current) {
        Validator v(body);
        v.RejectUnknown({"max_outbound", "window_days"}, {"updated_at", "updated_by"});
        auto max = v.Int("max_outbound", 0, 1000);
        auto days = v.Int("window_days", 1, 365);
        if (max.present && !max.is_set() && !v.HasError("max_outbound")) v.Add("max_outbound", "cannot be cleared");
        if (days.present && !days.is_set() && !v.HasError("window_days")) v.Add("window_days", "cannot be cleared");
        v.Finish();
        json::object out = current;
        if (max.is_set()) out["max_outbound"] = *max.value;
        if (days.is_set()) out["window_days"] = *days.value;
        return out;
      }};
  return setting;
}

PressurePolicy ReadPressurePolicy(Tx& tx) {
  json::object s = ReadSetting(tx, ContactPressureSetting());
  return PressurePolicy{s.at("max_outbound").to_number<int64_t>(), s.at("window_days").to_number<int64_t>()};
}

void CheckContactPressure(Tx& tx, const std::string& contact_id, const std::string& at, const std::string& except_id) {
  // Concurrent touches for one customer queue up here (PostgreSQL), so two agents cannot
  // both take the last free slot.
  tx.LockKey("contact-pressure:" + contact_id);
  Window w = Around(tx, contact_id, at, except_id);
  if (w.policy.max_outbound == 0) return;
  auto count = static_cast<int64_t>(w.times.size());
  if (count < w.policy.max_outbound) return;
  throw Error(Error::Kind::kConflict, "contact-pressure",
              "This customer already has " + std::to_string(count) + " outbound contact" +
                  (count == 1 ? "" : "s") + " within " + std::to_string(w.policy.window_days) + " day" +
                  (w.policy.window_days == 1 ? "" : "s") + " (the limit is " +
                  std::to_string(w.policy.max_outbound) + "). Give an override_reason to log it anyway.")
      .With("limit", w.policy.max_outbound)
      .With("window_days", w.policy.window_days)
      .With("count", count);
}

json::object ContactPressureStatus(Tx& tx, const std::string& contact_id, const std::string& at) {
  Window w = Around(tx, contact_id, at, "");
  auto count = static_cast<int64_t>(w.times.size());
  json::value remaining = nullptr, frees_at = nullptr;
  if (w.policy.max_outbound > 0) {
    remaining = std::max<int64_t>(0, w.policy.max_outbound - count);
    // Past touches leave the window D days after they happened; the next touch is
    // possible once enough have left. (Planned future touches only leave by moving on.)
    if (count >= w.policy.max_outbound) {
      const std::string& oldest_blocking = w.times[static_cast<size_t>(count - w.policy.max_outbound)];
      if (auto t = ParseTime(oldest_blocking)) frees_at = json::string(FormatTime(*t + Days(w.policy.window_days)));
    }
  }
  return json::object{{"contact_id", contact_id},
                      {"limit", w.policy.max_outbound == 0 ? json::value(nullptr) : json::value(w.policy.max_outbound)},
                      {"window_days", w.policy.window_days},
                      {"count", count},
                      {"remaining", remaining},
                      {"frees_at", frees_at},
                      {"at", at}};
}

}  // namespace hearth
