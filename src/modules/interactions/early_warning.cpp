#include "modules/interactions/early_warning.hpp"

#include "core/cursor.hpp"
#include "core/error.hpp"
#include "modules/list_query.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

#include <charconv>
#include <cmath>
#include <map>

namespace hearth {

namespace {

struct Rules {
  bool negative_on = true;
  int64_t negative_count = 2, negative_days = 30;
  bool silence_on = true;
  double silence_factor = 2.0;
  int64_t silence_min = 3;
  std::vector<std::string> failed_outcomes;
};

Rules ReadRules(Tx& tx) {
  json::object s = ReadSetting(tx, EarlyWarningSetting());
  Rules r;
  const json::object& neg = s.at("negative").as_object();
  r.negative_on = neg.at("enabled").as_bool();
  r.negative_count = neg.at("count").to_number<int64_t>();
  r.negative_days = neg.at("window_days").to_number<int64_t>();
  const json::object& sil = s.at("silence").as_object();
  r.silence_on = sil.at("enabled").as_bool();
  r.silence_factor = sil.at("factor").to_number<double>();
  r.silence_min = sil.at("min_interactions").to_number<int64_t>();
  for (const auto& o : s.at("failed_outcomes").as_array()) r.failed_outcomes.emplace_back(o.as_string());
  return r;
}

json::object ValidateRules(const json::object& body, const json::object& current) {
  Validator v(body);
  v.RejectUnknown({"negative", "silence", "failed_outcomes"}, {"updated_at", "updated_by"});
  json::object out = current;
  auto section = [&](const char* name, auto&& read) {
    const json::value* value = body.if_contains(name);
    if (!value) return;
    if (!value->is_object()) {
      v.Add(name, "must be an object");
      return;
    }
    Validator inner(value->as_object(), std::string(name) + ".");
    json::object section = out.at(name).as_object();
    read(inner, section);
    for (auto& e : inner.errors()) v.Add(e.field, e.message);
    out[name] = std::move(section);
  };
  section("negative", [](Validator& in, json::object& o) {
    in.RejectUnknown({"enabled", "count", "window_days"});
    if (auto f = in.Bool("enabled"); f.is_set()) o["enabled"] = *f.value;
    if (auto f = in.Int("count", 1, 100); f.is_set()) o["count"] = *f.value;
    if (auto f = in.Int("window_days", 1, 365); f.is_set()) o["window_days"] = *f.value;
  });
  section("silence", [](Validator& in, json::object& o) {
    in.RejectUnknown({"enabled", "factor", "min_interactions"});
    if (auto f = in.Bool("enabled"); f.is_set()) o["enabled"] = *f.value;
    if (auto f = in.Int("min_interactions", 2, 1000); f.is_set()) o["min_interactions"] = *f.value;
  });
  // factor is a number, not a whole number: read it directly.
  if (const json::value* sil = body.if_contains("silence"); sil && sil->is_object()) {
    if (const json::value* factor = sil->as_object().if_contains("factor")) {
      if (!factor->is_number() || factor->to_number<double>() < 1.0 || factor->to_number<double>() > 100.0)
        v.Add("silence.factor", "must be a number from 1 to 100");
      else
        out["silence"].as_object()["factor"] = factor->to_number<double>();
    }
  }
  if (auto list = v.Tags("failed_outcomes", 20, 100); list.is_set()) {
    json::array arr;
    for (const auto& o : *list.value) arr.emplace_back(o);
    out["failed_outcomes"] = std::move(arr);
  }
  v.Finish();
  return out;
}


}  // namespace

const Setting& EarlyWarningSetting() {
  static const Setting setting{
      "early-warning",
      json::object{{"negative", json::object{{"enabled", true}, {"count", 2}, {"window_days", 30}}},
                   {"silence", json::object{{"enabled", true}, {"factor", 2.0}, {"min_interactions", 3}}},
                   {"failed_outcomes", json::array{"failed", "no_answer", "complaint", "lost"}}},
      ValidateRules};
  return setting;
}

json::object NeedsAttention(Db& db, const Ctx& ctx,
                            const std::function<json::value(Tx&, const std::string& contact_id)>& contact_json) {
  for (const auto& [name, value] : ctx.request().query)
    if (name != "limit" && name != "owner_id" && name != "cursor")
      throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  int limit = ParseListLimit(ctx);
  // The list is computed, not stored: the cursor is the position in it.
  size_t skip = 0;
  if (auto cursor = ctx.Query("cursor"); cursor && !cursor->empty()) {
    Cursor c = DecodeCursor(*cursor, "attention");
    auto [end, ec] = std::from_chars(c.key.data(), c.key.data() + c.key.size(), skip);
    if (ec != std::errc() || end != c.key.data() + c.key.size())
      throw Error::BadRequest("The cursor is not valid for this list; start again without it.");
  }
  std::optional<std::string> owner;
  if (auto o = ctx.Query("owner_id")) owner = *o == "me" ? ctx.principal().user_id : std::string(*o);

  return db.Read([&](Tx& tx) {
    Rules rules = ReadRules(tx);
    SysTime now = Now();
    std::map<std::string, json::array> reasons;  // contact id → reasons
    std::vector<std::string> order;              // contacts in the order found
    auto add = [&](const std::string& id, const char* rule, std::string detail) {
      auto [it, fresh] = reasons.try_emplace(id);
      if (fresh) order.push_back(id);
      it->second.push_back(json::object{{"rule", rule}, {"detail", std::move(detail)}});
    };
    std::string owner_join = owner ? " JOIN contacts c ON c.id = i.contact_id AND c.owner_id = ?" : "";
    std::string owner_join_a = owner ? " JOIN contacts c ON c.id = a.contact_id AND c.owner_id = ?" : "";
    if (rules.negative_on) {
      std::string marks;
      Params params;
      if (owner) params.emplace_back(*owner);
      params.emplace_back(FormatTime(now - std::chrono::hours(24 * rules.negative_days)));
      for (const auto& o : rules.failed_outcomes) {
        marks += marks.empty() ? "?" : ", ?";
        params.emplace_back(o);
      }
      params.emplace_back(rules.negative_count);
      std::string failed = marks.empty() ? "" : " OR i.outcome IN (" + marks + ")";
      for (const Row& r : tx.Query("SELECT i.contact_id, COUNT(*), MAX(i.occurred_at) FROM interactions i" + owner_join +
                                   " WHERE i.occurred_at >= ? AND i.archived_at IS NULL AND (i.sentiment <= -1" +
                                   failed + ") GROUP BY i.contact_id HAVING COUNT(*) >= ? "
                                            "ORDER BY MAX(i.occurred_at) DESC LIMIT 500",
                                   params))
        add(r.Text(0), "negative",
            std::to_string(r.Int(1)) + " negative or failed interactions in the last " +
                std::to_string(rules.negative_days) + " days (latest " + r.Text(2).substr(0, 10) + ")");
    }
    if (rules.silence_on) {
      Params params;
      if (owner) params.emplace_back(*owner);
      int64_t now_s = UnixSeconds(now);
      params.emplace_back(rules.silence_min);
      params.emplace_back(now_s);
      params.emplace_back(rules.silence_factor);
      for (const Row& r : tx.Query(
               "SELECT a.contact_id, a.interactions, a.first_at_s, a.last_at_s FROM contact_activity a" +
                   owner_join_a +
                   " WHERE a.interactions >= ? AND a.last_at_s > a.first_at_s AND "
                   "(CAST(? AS BIGINT) - a.last_at_s) * (a.interactions - 1) > "
                   "CAST(? AS DOUBLE PRECISION) * (a.last_at_s - a.first_at_s) "
                   "ORDER BY a.last_at_s LIMIT 500",
               params)) {
        double gap_days = double(r.Int(3) - r.Int(2)) / double(r.Int(1) - 1) / 86400.0;
        double silent_days = double(now_s - r.Int(3)) / 86400.0;
        add(r.Text(0), "silence",
            "no contact for " + std::to_string(static_cast<int>(std::floor(silent_days))) +
                " days; usually every " + std::to_string(static_cast<int>(std::ceil(gap_days))) + " days");
      }
    }
    json::array items;
    json::value next = nullptr;
    size_t position = 0;
    for (const auto& id : order) {
      json::value contact = contact_json(tx, id);
      if (contact.is_null()) continue;  // archived
      if (position++ < skip) continue;
      if (static_cast<int>(items.size()) == limit) {
        next = json::string(EncodeCursor(Cursor{"attention", std::to_string(skip + items.size()), ""}));
        break;
      }
      items.push_back(json::object{{"contact", std::move(contact)}, {"reasons", std::move(reasons[id])}});
    }
    return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
  });
}

}  // namespace hearth
