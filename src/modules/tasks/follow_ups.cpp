#include "modules/tasks/follow_ups.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/contacts/contact_service.hpp"
#include "modules/tasks/task_service.hpp"

#include <date/date.h>

namespace hearth {

namespace {

const std::initializer_list<std::string_view> kFollowUpKinds = {"card", "call", "gift", "email", "meeting", "other"};

struct Rule {
  std::string name;   // "birthday" or "anniversary"
  std::string field;  // the contact field holding the date
  bool enabled = true;
  int64_t days_before = 7;
  std::string task_kind;
};

json::object ValidateFollowUps(const json::object& body, const json::object& current) {
  Validator v(body);
  v.RejectUnknown({"birthday", "anniversary"}, {"updated_at", "updated_by"});
  json::object out = current;
  for (const char* name : {"birthday", "anniversary"}) {
    const json::value* value = body.if_contains(name);
    if (!value) continue;
    if (!value->is_object()) {
      v.Add(name, "must be an object");
      continue;
    }
    Validator in(value->as_object(), std::string(name) + ".");
    in.RejectUnknown({"enabled", "days_before", "task_kind"});
    json::object rule = out.at(name).as_object();
    if (auto f = in.Bool("enabled"); f.is_set()) rule["enabled"] = *f.value;
    if (auto f = in.Int("days_before", 0, 60); f.is_set()) rule["days_before"] = *f.value;
    if (auto f = in.Enum("task_kind", kFollowUpKinds); f.is_set()) rule["task_kind"] = *f.value;
    for (auto& e : in.errors()) v.Add(e.field, e.message);
    out[name] = std::move(rule);
  }
  v.Finish();
  return out;
}

std::vector<Rule> ReadRules(Db& db) {
  json::object s = db.Read([](Tx& tx) { return ReadSetting(tx, FollowUpSetting()); });
  std::vector<Rule> rules;
  for (auto [name, field] : {std::pair{"birthday", "birthday"}, std::pair{"anniversary", "customer_since"}}) {
    const json::object& r = s.at(name).as_object();
    rules.push_back(Rule{name, field, r.at("enabled").as_bool(), r.at("days_before").to_number<int64_t>(),
                         std::string(r.at("task_kind").as_string())});
  }
  return rules;
}

std::string MonthDay(date::year_month_day d) { return date::format("%m-%d", date::sys_days(d)); }

// The day in `year` that a date of birth or of becoming a customer falls on: its month
// and day, with 29 February on 28 February outside leap years.
std::optional<date::year_month_day> OccurrenceIn(date::year year, const std::string& original) {
  auto t = ParseDate(original);
  if (!t) return std::nullopt;
  date::year_month_day o{std::chrono::floor<date::days>(*t)};
  date::year_month_day d{year, o.month(), o.day()};
  if (!d.ok()) d = date::year_month_day{year, o.month(), date::day{28}};
  return d;
}

}  // namespace

const Setting& FollowUpSetting() {
  static const Setting setting{
      "follow-ups",
      json::object{{"birthday", json::object{{"enabled", true}, {"days_before", 7}, {"task_kind", "card"}}},
                   {"anniversary", json::object{{"enabled", true}, {"days_before", 7}, {"task_kind", "call"}}}},
      ValidateFollowUps};
  return setting;
}

int RunFollowUps(Db& db, const std::string& as_of) {
  auto start = ParseDate(as_of);
  if (!start) throw Error::BadRequest("as_of must be a date as YYYY-MM-DD.");
  int made = 0;
  for (const Rule& rule : ReadRules(db)) {
    if (!rule.enabled) continue;
    // Every day from as_of to as_of + days_before: a missed run is caught up, and the
    // source key keeps each task single.
    for (int64_t offset = 0; offset <= rule.days_before; ++offset) {
      date::year_month_day day{std::chrono::floor<date::days>(*start) + date::days{offset}};
      std::vector<std::string> month_days{MonthDay(day)};
      if (day.month() == date::February && day.day() == date::day{28} && !day.year().is_leap())
        month_days.push_back("02-29");
      std::string day_text = date::format("%F", date::sys_days(day));
      made += db.Write([&](Tx& tx) {
        int n = 0;
        for (const auto& c : ContactService::Celebrating(tx, rule.field, month_days)) {
          auto occurrence = OccurrenceIn(day.year(), c.date);
          if (!occurrence || *occurrence != day) continue;
          auto original = ParseDate(c.date);
          int years = static_cast<int>(day.year()) -
                      static_cast<int>(date::year_month_day{std::chrono::floor<date::days>(*original)}.year());
          if (years <= 0) continue;  // not yet a birthday or an anniversary
          Task t;
          t.title = rule.name == "birthday"
                        ? "Birthday: " + c.name + " turns " + std::to_string(years) + " (" + day_text + ")"
                        : "Anniversary: " + c.name + ", " + std::to_string(years) + " year" +
                              (years == 1 ? "" : "s") + " as a customer (" + day_text + ")";
          t.kind = rule.task_kind;
          t.due_at = day_text + "T09:00:00.000Z";
          t.assignee_id = c.owner_id;
          t.contact_id = c.contact_id;
          t.source = rule.name;
          t.source_key = rule.name + ":" + c.contact_id + ":" + day_text;
          if (TaskService::CreateFollowUp(tx, std::move(t))) ++n;
        }
        return n;
      });
    }
  }
  return made;
}

}  // namespace hearth
