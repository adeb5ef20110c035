#include "modules/reports/service_report.hpp"

#include "core/error.hpp"
#include "core/time.hpp"
#include "modules/cases/case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace hearth {

namespace {

constexpr int64_t kMaxDays = 366;
constexpr const char* kOpen = "cases.status IN ('new', 'open', 'pending')";

int64_t DayNumber(const std::string& date) {
  return std::chrono::duration_cast<std::chrono::hours>(ParseDate(date)->time_since_epoch()).count() / 24;
}

std::string DateOfDay(int64_t day) { return DateText(SysTime(std::chrono::hours(24 * day))); }

// The first day of the bucket holding `date`: itself, its Monday, or the 1st of its month.
std::string PeriodOf(const std::string& date, const std::string& bucket) {
  if (bucket == "day") return date;
  if (bucket == "month") return date.substr(0, 8) + "01";
  int64_t day = DayNumber(date);
  return DateOfDay(day - ((day + 3) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
}

std::string NextDay(const std::string& date) { return DateOfDay(DayNumber(date) + 1); }

// Nearest-rank percentile of sorted whole minutes; null when there are none.
json::value Percentile(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return nullptr;
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

json::object Durations(Tx& tx, const std::string& minutes_col, const std::string& at_col, const ReportPeriod& p) {
  std::vector<int64_t> minutes;
  for (const Row& r : tx.Query("SELECT " + minutes_col + " FROM cases WHERE " + at_col + " >= ? AND " + at_col +
                                   " < ? AND " + minutes_col + " IS NOT NULL AND archived_at IS NULL",
                               {p.from, NextDay(p.to)}))
    minutes.push_back(r.Int(0));
  std::sort(minutes.begin(), minutes.end());
  return json::object{{"count", minutes.size()},
                      {"median_minutes", Percentile(minutes, 0.5)},
                      {"p90_minutes", Percentile(minutes, 0.9)}};
}

// One pass over the cases opened in the period (a covering index range, in C++ rather
// than three GROUP BYs): volumes per period, SLA compliance and each owner's share.
struct PeriodFigures {
  json::array volumes;
  json::object sla;
  std::map<std::string, json::object> agents;  // by owner id
};

json::object& AgentRow(std::map<std::string, json::object>& agents, const std::string& id) {
  auto [it, fresh] = agents.try_emplace(id);
  if (fresh)
    it->second = json::object{{"user_id", id}, {"name", id}, {"open", 0}, {"assigned", 0}, {"resolved", 0},
                              {"breached", 0}};
  return it->second;
}

void Bump(json::object& counts, std::string_view key, int64_t by = 1) {
  json::value& v = counts[key];
  v = (v.is_int64() ? v.as_int64() : 0) + by;
}

PeriodFigures OpenedInPeriod(Tx& tx, const ReportPeriod& p) {
  std::map<std::string, json::object> periods;
  for (int64_t d = DayNumber(p.from); d <= DayNumber(p.to); ++d) {
    std::string key = PeriodOf(DateOfDay(d), p.bucket);
    if (!periods.count(key))
      periods[key] = json::object{{"period", key}, {"total", 0}, {"by_kind", json::object{}},
                                  {"by_channel", json::object{}}, {"by_priority", json::object{}}};
  }
  PeriodFigures f;
  int64_t with_policy = 0, breached = 0, first_breached = 0, resolution_breached = 0;
  std::string day, period_key;
  json::object* period = nullptr;
  for (const Row& r : tx.Query("SELECT opened_at, kind, channel, priority, owner_id, sla_policy_id, "
                               "first_response_breached, resolution_breached, resolved_at FROM cases "
                               "WHERE opened_at >= ? AND opened_at < ? AND archived_at IS NULL",
                               {p.from, NextDay(p.to)})) {
    std::string opened_day = r.Text(0).substr(0, 10);
    if (opened_day != day || !period) {  // rows come in opening order: look the period up once a day
      day = opened_day;
      period = &periods[PeriodOf(day, p.bucket)];
    }
    Bump(*period, "total");
    Bump((*period)["by_kind"].as_object(), r.Text(1));
    Bump((*period)["by_channel"].as_object(), r.Text(2));
    Bump((*period)["by_priority"].as_object(), r.Text(3));
    bool first = r.Int(6) != 0, resolution = r.Int(7) != 0;
    if (!r.IsNull(5)) {
      ++with_policy;
      breached += first || resolution;
      first_breached += first;
      resolution_breached += resolution;
    }
    if (!r.IsNull(4)) {
      json::object& a = AgentRow(f.agents, r.Text(4));
      Bump(a, "assigned");
      if (!r.IsNull(8)) Bump(a, "resolved");
      if (first || resolution) Bump(a, "breached");
    }
  }
  for (auto& [key, value] : periods) f.volumes.push_back(std::move(value));
  json::value percent = nullptr;
  if (with_policy > 0) {
    // One decimal; a whole number is sent as one (100, not 1E2).
    int64_t tenths = std::llround(1000.0 * static_cast<double>(with_policy - breached) / static_cast<double>(with_policy));
    percent = tenths % 10 == 0 ? json::value(tenths / 10) : json::value(static_cast<double>(tenths) / 10.0);
  }
  f.sla = json::object{{"cases", with_policy},
                       {"met", with_policy - breached},
                       {"breached", breached},
                       {"compliance_percent", percent},
                       {"first_response_breached", first_breached},
                       {"resolution_breached", resolution_breached}};
  return f;
}

json::object Backlog(Tx& tx) {
  json::object by_status{{"new", 0}, {"open", 0}, {"pending", 0}};
  int64_t open = 0;
  for (const Row& r : tx.Query(std::string("SELECT status, COUNT(*) FROM cases WHERE ") + kOpen +
                               " AND archived_at IS NULL GROUP BY status")) {
    by_status[r.Text(0)] = r.Int(1);
    open += r.Int(1);
  }
  SysTime now = Now();
  auto ago = [&](int days) { return FormatTime(now - std::chrono::hours(24 * days)); };
  auto ages = tx.QueryOne(std::string("SELECT "
                                      "SUM(CASE WHEN opened_at >= ? THEN 1 ELSE 0 END), "
                                      "SUM(CASE WHEN opened_at < ? AND opened_at >= ? THEN 1 ELSE 0 END), "
                                      "SUM(CASE WHEN opened_at < ? AND opened_at >= ? THEN 1 ELSE 0 END), "
                                      "SUM(CASE WHEN opened_at < ? THEN 1 ELSE 0 END), MIN(opened_at) "
                                      "FROM cases WHERE ") +
                              kOpen + " AND archived_at IS NULL",
                          {ago(1), ago(1), ago(3), ago(3), ago(7), ago(7)});
  return json::object{{"open", open},
                      {"by_status", by_status},
                      {"by_age", json::object{{"under_1_day", ages->Int(0)},
                                              {"days_1_to_3", ages->Int(1)},
                                              {"days_3_to_7", ages->Int(2)},
                                              {"over_7_days", ages->Int(3)}}},
                      {"oldest_opened_at", OptionalString(ages->OptText(4))}};
}

// Each owner's open cases now, added to their share of the period; names looked up.
json::array Agents(Tx& tx, std::map<std::string, json::object> agents) {
  for (const Row& r : tx.Query(std::string("SELECT owner_id, COUNT(*) FROM cases WHERE ") + kOpen +
                               " AND owner_id IS NOT NULL AND archived_at IS NULL GROUP BY owner_id"))
    AgentRow(agents, r.Text(0))["open"] = r.Int(1);
  json::array out;
  for (auto& [id, a] : agents) {
    if (auto name = tx.QueryOne("SELECT name FROM users WHERE id = ?", {id})) a["name"] = name->Text(0);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const json::value& x, const json::value& y) {
    return x.at("open").as_int64() > y.at("open").as_int64();
  });
  return out;
}

json::array RepeatComplaints(Tx& tx, const ReportPeriod& p) {
  json::array out;
  // Counted from the complaints index alone; names only for the (at most 50) listed.
  for (const Row& r : tx.Query(
           "SELECT repeat.contact_id, repeat.complaints, contacts.first_name, contacts.last_name, contacts.email "
           "FROM (SELECT contact_id, COUNT(*) AS complaints FROM cases WHERE kind = 'complaint' "
           "AND opened_at >= ? AND opened_at < ? AND archived_at IS NULL GROUP BY contact_id "
           "HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC, contact_id LIMIT 50) repeat "
           "JOIN contacts ON contacts.id = repeat.contact_id ORDER BY repeat.complaints DESC, repeat.contact_id",
           {p.from, NextDay(p.to)})) {
    std::string name = r.OptText(2).value_or("");
    if (auto last = r.OptText(3)) name += (name.empty() ? "" : " ") + *last;
    if (name.empty()) name = r.OptText(4).value_or(r.Text(0));
    out.push_back(json::object{{"contact_id", r.Text(0)}, {"name", name}, {"complaints", r.Int(1)}});
  }
  return out;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos && (s.empty() || (s[0] != '=' && s[0] != '+' && s[0] != '-' && s[0] != '@')))
    return s;
  std::string out = "\"";
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) out += "'";  // no spreadsheet formulas
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Text(const json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  if (v.is_double()) return fmt::format("{}", v.as_double());  // 33.3, not 3.33E1
  return json::serialize(v);
}

}  // namespace

ReportPeriod ParseReportPeriod(const Ctx& ctx) {
  for (const auto& [name, value] : ctx.request().query)
    if (name != "from" && name != "to" && name != "bucket" && name != "format")
      throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  ReportPeriod p;
  std::vector<FieldError> errors;
  p.to = std::string(ctx.Query("to").value_or(TodayText()));
  if (!IsValidDate(p.to)) errors.push_back({"to", "must be a date YYYY-MM-DD"});
  p.from = std::string(ctx.Query("from").value_or(IsValidDate(p.to) ? DateOfDay(DayNumber(p.to) - 27) : ""));
  if (!IsValidDate(p.from)) errors.push_back({"from", "must be a date YYYY-MM-DD"});
  p.bucket = std::string(ctx.Query("bucket").value_or("week"));
  if (p.bucket != "day" && p.bucket != "week" && p.bucket != "month")
    errors.push_back({"bucket", "must be day, week or month"});
  // Times are kept as nanoseconds since 1970: far dates would overflow.
  for (auto [field, date] : {std::pair{"from", &p.from}, {"to", &p.to}})
    if (IsValidDate(*date) && (*date < "1970-01-01" || *date > "2199-12-31"))
      errors.push_back({field, "must be between 1970-01-01 and 2199-12-31"});
  if (errors.empty() && p.from > p.to) errors.push_back({"from", "must not be after to"});
  if (errors.empty() && DayNumber(p.to) - DayNumber(p.from) >= kMaxDays)
    errors.push_back({"from", "the period may be at most 366 days"});
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
  return p;
}

json::object BuildServiceReport(Tx& tx, const ReportPeriod& p) {
  PeriodFigures figures = OpenedInPeriod(tx, p);
  return json::object{{"from", p.from},
                      {"to", p.to},
                      {"bucket", p.bucket},
                      {"generated_at", NowText()},
                      {"volumes", std::move(figures.volumes)},
                      {"first_response", Durations(tx, "first_response_minutes", "first_responded_at", p)},
                      {"resolution", Durations(tx, "resolution_minutes", "resolved_at", p)},
                      {"sla", std::move(figures.sla)},
                      {"backlog", Backlog(tx)},
                      {"agents", Agents(tx, std::move(figures.agents))},
                      {"repeat_complaints", RepeatComplaints(tx, p)}};
}

std::string ServiceReportCsv(const json::object& report) {
  std::string out = "section,period,dimension,key,value\r\n";
  auto row = [&](const std::string& section, const std::string& period, const std::string& dimension,
                 const std::string& key, const std::string& value) {
    out += CsvField(section) + "," + CsvField(period) + "," + CsvField(dimension) + "," + CsvField(key) + "," +
           CsvField(value) + "\r\n";
  };
  for (const json::value& v : report.at("volumes").as_array()) {
    const json::object& p = v.as_object();
    std::string period = Text(p.at("period"));
    row("volumes", period, "total", "", Text(p.at("total")));
    for (const char* dimension : {"by_kind", "by_channel", "by_priority"})
      for (const auto& kv : p.at(dimension).as_object())
        row("volumes", period, std::string(dimension).substr(3), std::string(kv.key()), Text(kv.value()));
  }
  for (const char* section : {"first_response", "resolution", "sla"})
    for (const auto& kv : report.at(section).as_object()) row(section, "", "", std::string(kv.key()), Text(kv.value()));
  const json::object& backlog = report.at("backlog").as_object();
  row("backlog", "", "", "open", Text(backlog.at("open")));
  for (const char* dimension : {"by_status", "by_age"})
    for (const auto& kv : backlog.at(dimension).as_object())
      row("backlog", "", std::string(dimension).substr(3), std::string(kv.key()), Text(kv.value()));
  row("backlog", "", "", "oldest_opened_at", Text(backlog.at("oldest_opened_at")));
  for (const json::value& a : report.at("agents").as_array())
    for (const char* key : {"open", "assigned", "resolved", "breached"})
      row("agents", "", Text(a.at("name")), key, Text(a.at(key)));
  for (const json::value& c : report.at("repeat_complaints").as_array())
    row("repeat_complaints", "", Text(c.at("name")), Text(c.at("contact_id")), Text(c.at("complaints")));
  return out;
}

std::string ServiceReportSummary(const json::object& r) {
  int64_t opened = 0;
  for (const json::value& v : r.at("volumes").as_array()) opened += v.at("total").as_int64();
  auto minutes = [](const json::value& v) { return v.is_null() ? std::string("–") : Text(v) + " min"; };
  const json::object& fr = r.at("first_response").as_object();
  const json::object& res = r.at("resolution").as_object();
  const json::object& sla = r.at("sla").as_object();
  const json::object& backlog = r.at("backlog").as_object();
  std::string text = "Service desk, " + Text(r.at("from")) + " to " + Text(r.at("to")) + "\n\n";
  text += "Cases opened: " + std::to_string(opened) + "\n";
  text += "First response: median " + minutes(fr.at("median_minutes")) + ", 90% within " +
          minutes(fr.at("p90_minutes")) + " (" + Text(fr.at("count")) + " cases)\n";
  text += "Resolution: median " + minutes(res.at("median_minutes")) + ", 90% within " +
          minutes(res.at("p90_minutes")) + " (" + Text(res.at("count")) + " cases)\n";
  const json::value& percent = sla.at("compliance_percent");
  text += "SLA compliance: " +
          (percent.is_null() ? std::string("–") : fmt::format("{:g}%", percent.to_number<double>())) +
          " (" + Text(sla.at("breached")) + " of " + Text(sla.at("cases")) + " breached)\n";
  text += "Backlog now: " + Text(backlog.at("open")) + " open, " +
          Text(backlog.at("by_age").at("over_7_days")) + " older than 7 days\n";
  text += "Customers with repeat complaints: " + std::to_string(r.at("repeat_complaints").as_array().size()) + "\n";
  return text;
}

}  // namespace hearth
