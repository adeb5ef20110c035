#include "modules/cases/escalation.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/cases/case_message.hpp"
#include "modules/cases/case_routing.hpp"
#include "modules/mail/outbox.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/users/user_service.hpp"

#include <algorithm>
#include <set>

namespace hearth {

namespace {

json::object DefaultRule(bool breach) {
  json::array notify{"owner"};
  if (breach) notify.push_back("managers");
  return json::object{{"notify", notify}, {"email", true}, {"reassign_to", nullptr}, {"raise_priority", breach}};
}

// Checks one level's rule; errors name e.g. `breach.reassign_to`.
json::object CheckRule(const json::value& in, const json::object& current, const std::string& level,
                       std::vector<FieldError>& errors) {
  if (!in.is_object()) {
    errors.push_back({level, "must be an object"});
    return current;
  }
  json::object rule = current;
  for (const auto& kv : in.as_object()) {
    std::string key(kv.key());
    const json::value& v = kv.value();
    std::string field = level + "." + key;
    if (key == "notify") {
      bool ok = v.is_array();
      if (ok)
        for (const json::value& who : v.as_array())
          ok = ok && who.is_string() && (who.as_string() == "owner" || who.as_string() == "managers");
      if (!ok) errors.push_back({field, "must be a list of \"owner\" and \"managers\""});
      else rule["notify"] = v;
    } else if (key == "email" || key == "raise_priority") {
      if (!v.is_bool()) errors.push_back({field, "must be true or false"});
      else rule[key] = v;
    } else if (key == "reassign_to") {
      if (!v.is_null() && !v.is_string()) errors.push_back({field, "must be null, \"service_team\" or a user id"});
      else rule[key] = v;
    } else {
      errors.push_back({field, "is not a known field"});
    }
  }
  return rule;
}

std::string NextPriority(const std::string& p) {
  if (p == "low") return "normal";
  if (p == "normal") return "high";
  return "urgent";
}

std::vector<std::pair<std::string, std::string>> Managers(Tx& tx) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Row& r : tx.Query("SELECT id, email FROM users WHERE active = 1 AND role = 'manager' ORDER BY id LIMIT 50"))
    out.emplace_back(r.Text(0), r.Text(1));
  return out;
}

std::string EmailOf(Tx& tx, const std::string& user_id) {
  auto row = tx.QueryOne("SELECT email FROM users WHERE id = ?", {user_id});
  return row ? row->Text(0) : "";
}

}  // namespace

const Setting& EscalationSetting() {
  static const Setting setting{
      "escalation",
      json::object{{"warning", DefaultRule(false)}, {"breach", DefaultRule(true)}},
      [](const json::object& body, const json::object& current) {
        std::vector<FieldError> errors;
        json::object out{{"warning", current.at("warning")}, {"breach", current.at("breach")}};
        for (const auto& kv : body) {
          std::string level(kv.key());
          if (level == "updated_at" || level == "updated_by") continue;  // as GET shows them
          if (level != "warning" && level != "breach") errors.push_back({level, "is not a known field"});
          else out[level] = CheckRule(kv.value(), current.at(level).as_object(), level, errors);
        }
        if (!errors.empty()) throw Error::Invalid(std::move(errors));
        return out;
      },
      {},
      Access::kViewer,
      [](Tx& tx, const json::object& value) {
        std::vector<FieldError> errors;
        for (const char* level : {"warning", "breach"}) {
          const json::value& to = value.at(level).at("reassign_to");
          if (to.is_string() && to.as_string() != "service_team" && !UserService::IsActive(tx, std::string(to.as_string())))
            errors.push_back({std::string(level) + ".reassign_to", "must be \"service_team\" or the id of an active user"});
        }
        if (!errors.empty()) throw Error::Invalid(std::move(errors));
      }};
  return setting;
}

void Escalate(Tx& tx, Case& c, const std::string& level) {
  json::object settings = ReadSetting(tx, EscalationSetting());
  const json::object& rule = settings.at(level).as_object();
  std::vector<std::string> actions;
  std::string ref = "#" + std::to_string(c.number);

  const json::value& target = rule.at("reassign_to");
  if (target.is_string()) {
    std::string to(target.as_string());
    Assignment a;
    if (to == "service_team") a = RouteToTeam(tx, Now(), "Escalated on SLA " + level);
    else if (UserService::IsActive(tx, to)) a = {to, "escalation", "Escalated on SLA " + level + " to " + UserName(tx, to)};
    if (a.owner_id && a.owner_id != c.owner_id) {
      c.owner_id = a.owner_id;
      c.assignment_rule = "escalation";
      c.assignment_reason = a.reason;
      c.assigned_at = NowText();
      actions.push_back("reassigned to " + UserName(tx, *a.owner_id));
    }
  }
  if (rule.at("raise_priority").as_bool() && c.priority != "urgent") {
    std::string raised = NextPriority(c.priority);
    actions.push_back("priority " + c.priority + " → " + raised);
    c.priority = raised;
  }

  std::set<std::string> recipients;
  for (const json::value& who : rule.at("notify").as_array()) {
    if (who.as_string() == "owner" && c.owner_id) recipients.insert(*c.owner_id);
    if (who.as_string() == "managers")
      for (const auto& [id, email] : Managers(tx)) recipients.insert(id);
  }
  std::string title = level == "breach" ? "SLA breached on case " + ref : "SLA warning on case " + ref;
  std::string body = c.subject + " — next due " + (c.next_due_at == kFarFuture ? std::string("(stopped)") : c.next_due_at);
  int emailed = 0;
  for (const std::string& user : recipients) {
    NotificationService::Notify(tx, Notification{user, "sla_" + level, title, body, std::string("case"), c.id});
    if (rule.at("email").as_bool()) {
      std::string email = EmailOf(tx, user);
      if (!email.empty() && QueueEmail(tx, OutgoingEmail{email, title, body + "\n\nCase " + ref + ": " + c.subject, std::nullopt,
                                                        std::nullopt, std::nullopt, true}))
        ++emailed;
    }
  }
  if (!recipients.empty())
    actions.push_back("notified " + std::to_string(recipients.size()) + (recipients.size() == 1 ? " person" : " people") +
                      (emailed ? " (" + std::to_string(emailed) + " by email)" : ""));

  c.escalation_level = level;
  std::string detail = (level == "breach" ? "Escalated on breach" : "Escalated on warning") +
                       (actions.empty() ? std::string(": no action configured") : ": " + [&] {
                         std::string joined;
                         for (const auto& a : actions) joined += (joined.empty() ? "" : "; ") + a;
                         return joined;
                       }());
  json::array action_list;
  for (const auto& a : actions) action_list.push_back(json::string(a));
  CaseMessageStore::AddEvent(tx, CaseEvent{c.id, "escalation", std::nullopt, detail,
                                           json::object{{"level", level}, {"actions", action_list}}});
  AuditService::RecordUpdate(tx, "", "case", c.id, json::object{{"escalation", nullptr}},
                             json::object{{"escalation", json::object{{"level", level}, {"actions", action_list}}}});
}

}  // namespace hearth
