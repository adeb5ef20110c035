#include "gen/demo_cases.hpp"

#include "core/ids.hpp"
#include "core/time.hpp"
#include "modules/cases/case_message.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/sla/sla_clock.hpp"
#include "modules/sla/sla_policy_store.hpp"
#include "modules/timeline/timeline_service.hpp"

#include <array>
#include <map>

namespace hearth {

namespace {

constexpr std::array<std::string_view, 4> kKinds = {"complaint", "question", "request", "incident"};
constexpr std::array<std::string_view, 4> kPriorities = {"low", "normal", "high", "urgent"};
constexpr std::array<std::string_view, 5> kChannels = {"email", "phone", "portal", "web", "chat"};
constexpr std::array<std::string_view, 8> kSubjects = {
    "Invoice is wrong",  "Delivery is late",        "Cannot sign in",       "Product arrived damaged",
    "Change my address", "Question about warranty", "Refund not received", "Service outage"};

std::map<std::string, SlaPolicy> EnsurePolicies(Tx& tx) {
  std::map<std::string, SlaPolicy> out;
  const std::array<std::pair<int, int>, 4> targets = {{{480, 4800}, {120, 1440}, {60, 480}, {30, 240}}};
  std::string now = NowText();
  for (size_t i = 0; i < kPriorities.size(); ++i) {
    std::string priority(kPriorities[i]);
    if (auto existing = SlaPolicyStore::Match(tx, priority, "question")) {
      out[priority] = *existing;
      continue;
    }
    SlaPolicy p;
    p.id = NewId("sla");
    p.name = "Standard " + priority;
    p.priority = priority;
    p.first_response_minutes = targets[i].first;
    p.resolution_minutes = targets[i].second;
    json::array day{json::array{"08:00", "16:00"}};
    p.business_hours = json::object{{"tz", "Europe/Oslo"},
                                    {"week", json::object{{"mon", day}, {"tue", day}, {"wed", day}, {"thu", day},
                                                          {"fri", day}, {"sat", json::array{}}, {"sun", json::array{}}}}};
    p.holidays = json::array{"2025-12-25", "2025-12-26", "2026-01-01", "2026-12-25", "2026-12-26"};
    p.created_at = p.updated_at = now;
    SlaPolicyStore::Insert(tx, p);
    out[priority] = p;
  }
  return out;
}

}  // namespace

int64_t GenerateCases(Tx& tx, int64_t count, const std::vector<std::string>& contact_ids,
                      const std::vector<std::string>& owners, std::mt19937_64& rng) {
  if (count <= 0 || contact_ids.empty()) return 0;
  auto below = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto chance = [&](double p) { return static_cast<double>(rng() % 10000) < p * 10000; };
  auto policies = EnsurePolicies(tx);
  std::map<std::string, BusinessCalendar> calendars;
  for (const auto& [priority, p] : policies) calendars.emplace(priority, p.Calendar());
  for (size_t i = 0; i < owners.size(); i += 2)
    tx.Exec("UPDATE users SET service_team = 1 WHERE id = ?", {owners[i]});

  SysTime now = Now();
  constexpr int64_t kSpanSeconds = 2 * 365 * 86400;
  std::string created = FormatTime(now);
  for (int64_t n = 0; n < count; ++n) {
    Case c;
    c.id = NewId("cas");
    c.contact_id = contact_ids[below(contact_ids.size())];
    c.subject = std::string(kSubjects[below(kSubjects.size())]);
    c.kind = std::string(kKinds[below(kKinds.size())]);
    c.priority = std::string(kPriorities[std::min<size_t>(below(10) / 3, 3)]);
    c.channel = std::string(kChannels[below(kChannels.size())]);
    // Opened at a uniformly random time in the last two years.
    int64_t age = static_cast<int64_t>(rng() % kSpanSeconds);
    SysTime opened = now - std::chrono::seconds(age);
    c.opened_at = FormatTime(opened);
    if (!owners.empty()) {
      c.owner_id = owners[below(owners.size())];
      c.assignment_rule = "owner";
      c.assignment_reason = "The customer's owner";
      c.assigned_at = c.opened_at;
    } else {
      c.assignment_rule = "unassigned";
      c.assignment_reason = "No one was available";
    }
    const SlaPolicy& policy = policies.at(c.priority);
    const BusinessCalendar& cal = calendars.at(c.priority);
    ComputeDues(c, &policy, &cal);
    // Answered after a share of the target (sometimes late), resolved later; recent cases may still be open.
    SysTime answered = cal.AddMinutes(opened, policy.first_response_minutes * static_cast<int64_t>(5 + below(105)) / 100);
    SysTime resolved = cal.AddMinutes(opened, policy.resolution_minutes * static_cast<int64_t>(10 + below(110)) / 100);
    if (answered <= now) {
      EvaluateState(c, answered);
      c.first_responded_at = FormatTime(answered);
      c.first_response_minutes = MinutesUsed(c, &cal, answered);
      c.status = "open";
    }
    if (resolved <= now && !chance(0.02)) {
      EvaluateState(c, resolved);
      c.resolved_at = FormatTime(resolved);
      c.resolution_minutes = MinutesUsed(c, &cal, resolved);
      c.status = resolved + std::chrono::hours(24 * 7) <= now ? "closed" : "resolved";
      if (c.status == "closed") c.closed_at = FormatTime(resolved + std::chrono::hours(24 * 7));
      PauseClocks(c, resolved);
    } else if (c.first_responded_at && chance(0.3)) {
      c.status = "pending";
      PauseClocks(c, answered);
    }
    EvaluateState(c, now);
    c.created_by = c.owner_id;
    c.created_at = c.updated_at = created;
    CaseStore::Insert(tx, c);

    CaseMessage first;
    first.id = NewId("msg");
    first.case_id = c.id;
    first.body = c.subject + ". Can you help?";
    first.is_public = true;
    first.direction = "inbound";
    first.created_at = c.opened_at;
    CaseMessageStore::Insert(tx, first);
    if (c.first_responded_at) {
      CaseMessage reply = first;
      reply.id = NewId("msg");
      reply.body = "Thank you — we are looking into it.";
      reply.direction = "outbound";
      reply.author_id = c.owner_id;
      reply.created_at = *c.first_responded_at;
      CaseMessageStore::Insert(tx, reply);
    }
    TimelineService::Append(tx, TimelineEvent{c.contact_id, "case", c.opened_at, c.id,
                                              "Case #" + std::to_string(c.number) + " (" + c.kind + ", " +
                                                  c.priority + "): " + c.subject + " — " + c.status,
                                              c.owner_id,
                                              json::object{{"status", c.status}, {"case_kind", c.kind},
                                                           {"priority", c.priority}, {"sla_state", c.sla_state}}});
  }
  return count;
}

}  // namespace hearth
