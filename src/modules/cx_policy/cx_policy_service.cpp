#include "modules/cx_policy/cx_policy_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/markdown.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/list_query.hpp"

namespace hearth {

namespace {

constexpr const char* kColumns =
    "cx_policies.id, cx_policies.seq, cx_policies.title, cx_policies.body, cx_policies.sla_targets, "
    "cx_policies.published_by, cx_policies.published_at";

json::object FromRow(const Row& r) {
  return json::object{{"id", r.Text(0)},
                      {"number", r.Int(1)},
                      {"title", r.Text(2)},
                      {"body", r.Text(3)},
                      {"body_html", RenderMarkdown(r.Text(3))},
                      {"sla_targets", json::parse(r.Text(4))},
                      {"published_by", r.Text(5)},
                      {"published_at", r.Text(6)},
                      {"created_at", r.Text(6)},
                      {"updated_at", r.Text(6)},
                      {"version", 1}};
}

// The caller's acknowledgement time (or null) added to a policy.
json::object WithAcknowledgement(Tx& tx, json::object policy, const std::string& user_id) {
  auto row = tx.QueryOne("SELECT acknowledged_at FROM cx_acknowledgements WHERE policy_id = ? AND user_id = ?",
                         {std::string(policy.at("id").as_string()), user_id});
  policy["acknowledged_at"] = row ? json::value(json::string(row->Text(0))) : json::value(nullptr);
  return policy;
}

json::array ActiveSlaTargets(Tx& tx) {
  json::array out;
  for (const Row& r : tx.Query("SELECT name, priority, kind, first_response_minutes, resolution_minutes, "
                               "business_hours FROM sla_policies WHERE archived_at IS NULL ORDER BY seq"))
    out.push_back(json::object{{"name", r.Text(0)},
                               {"priority", r.Text(1)},
                               {"kind", OptionalString(r.OptText(2))},
                               {"first_response_minutes", r.Int(3)},
                               {"resolution_minutes", r.Int(4)},
                               {"tz", json::parse(r.Text(5)).at("tz")}});
  return out;
}

// Targets given by the publisher: a list of objects with a name and whole minutes.
void CheckTargets(Validator& v, const json::value& targets) {
  if (!targets.is_array()) return v.Add("sla_targets", "must be a list");
  if (targets.as_array().size() > 50) return v.Add("sla_targets", "may hold at most 50 targets");
  for (size_t i = 0; i < targets.as_array().size(); ++i) {
    const json::value& t = targets.as_array()[i];
    std::string at = "sla_targets[" + std::to_string(i) + "]";
    if (!t.is_object()) {
      v.Add(at, "must be an object");
      continue;
    }
    for (const char* minutes : {"first_response_minutes", "resolution_minutes"}) {
      const json::value* m = t.as_object().if_contains(minutes);
      if (m && !(m->is_int64() && m->as_int64() > 0)) v.Add(at + "." + minutes, "must be a whole number above 0");
    }
  }
}

std::optional<json::object> Find(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM cx_policies WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

}  // namespace

json::object CxPolicyService::Publish(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"title", "body", "sla_targets"}, {"id", "number", "published_at", "published_by"});
  auto title = v.Text("title", 200);
  auto text = v.Text("body", 100000, true);
  v.Require("title", title);
  v.Require("body", text);
  const json::value* targets = body.if_contains("sla_targets");
  if (targets && !targets->is_null()) CheckTargets(v, *targets);
  v.Finish();
  std::string id = NewId("cxp");
  std::string now = NowText();
  return db_.Write([&](Tx& tx) {
    json::value promised = targets && !targets->is_null() ? *targets : json::value(ActiveSlaTargets(tx));
    tx.Exec("INSERT INTO cx_policies (id, title, body, sla_targets, published_by, published_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            {id, *title.value, *text.value, json::serialize(promised), actor_id, now});
    json::object policy = *Find(tx, id);
    AuditService::RecordCreate(tx, actor_id, "cx_policy", id, policy);
    return WithAcknowledgement(tx, policy, actor_id);
  });
}

json::object CxPolicyService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "cx_policies",
      .columns = kColumns,
      .sorts = {{"published_at", "cx_policies.seq"}},
      .archivable = false,
      .searchable = false,
      .default_sort = "-published_at",
  };
  ListQuery query(ctx, spec);
  json::object page = query.Run(db_, [](const Row& r) { return FromRow(r); });
  db_.Read([&](Tx& tx) {
    for (json::value& item : page.at("items").as_array())
      item = WithAcknowledgement(tx, item.as_object(), ctx.principal().user_id);
  });
  return page;
}

json::object CxPolicyService::Current(const std::string& user_id) {
  return db_.Read([&](Tx& tx) {
    auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM cx_policies ORDER BY seq DESC LIMIT 1");
    if (!row) throw Error::NotFound("No customer-experience policy has been published yet.");
    return WithAcknowledgement(tx, FromRow(*row), user_id);
  });
}

json::object CxPolicyService::Get(const std::string& user_id, const std::string& id) {
  return db_.Read([&](Tx& tx) {
    auto policy = Find(tx, id);
    if (!policy) throw Error::NotFound("No policy has that id.");
    return WithAcknowledgement(tx, *policy, user_id);
  });
}

json::object CxPolicyService::Acknowledge(const std::string& user_id, const std::string& id) {
  return db_.Write([&](Tx& tx) {
    if (!Find(tx, id)) throw Error::NotFound("No policy has that id.");
    tx.LockKey("cx-ack:" + id + ":" + user_id);
    auto row = tx.QueryOne("SELECT acknowledged_at FROM cx_acknowledgements WHERE policy_id = ? AND user_id = ?",
                           {id, user_id});
    std::string at = row ? row->Text(0) : NowText();
    if (!row)
      tx.Exec("INSERT INTO cx_acknowledgements (policy_id, user_id, acknowledged_at) VALUES (?, ?, ?)",
              {id, user_id, at});
    return json::object{{"policy_id", id}, {"user_id", user_id}, {"acknowledged_at", at}};
  });
}

json::object CxPolicyService::Acknowledgements(const std::string& id) {
  return db_.Read([&](Tx& tx) {
    if (!Find(tx, id)) throw Error::NotFound("No policy has that id.");
    json::array done, pending;
    for (const Row& r : tx.Query("SELECT users.id, users.name, users.email, users.role, a.acknowledged_at "
                                 "FROM users LEFT JOIN cx_acknowledgements a ON a.user_id = users.id "
                                 "AND a.policy_id = ? WHERE users.active = 1 ORDER BY users.name, users.id",
                                 {id})) {
      json::object person{{"user_id", r.Text(0)}, {"name", r.Text(1)}, {"email", r.Text(2)}, {"role", r.Text(3)}};
      if (r.IsNull(4)) {
        pending.push_back(std::move(person));
      } else {
        person["acknowledged_at"] = r.Text(4);
        done.push_back(std::move(person));
      }
    }
    size_t acknowledged = done.size(), waiting = pending.size();
    return json::object{{"policy_id", id},
                        {"acknowledged", std::move(done)},
                        {"pending", std::move(pending)},
                        {"acknowledged_count", acknowledged},
                        {"pending_count", waiting}};
  });
}

}  // namespace hearth
