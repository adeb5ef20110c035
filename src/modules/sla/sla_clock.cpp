#include "modules/sla/sla_clock.hpp"

#include <algorithm>

namespace hearth {

namespace {

SysTime At(const std::string& text) { return *ParseTime(text); }

int64_t WarnMinutes(int64_t target) { return (target * 8 + 9) / 10; }  // 80%, rounded up

int64_t WallMinutes(SysTime from, SysTime to) {
  if (to <= from) return 0;
  return std::chrono::duration_cast<std::chrono::minutes>(to - from).count();
}

}  // namespace

SysTime AddClockMinutes(const BusinessCalendar* calendar, SysTime start, int64_t minutes) {
  return calendar ? calendar->AddMinutes(start, minutes) : start + std::chrono::minutes(minutes);
}

void ComputeDues(Case& c, const SlaPolicy* policy, const BusinessCalendar* calendar) {
  c.sla_policy_id = policy ? std::optional(policy->id) : std::nullopt;
  if (!policy || !calendar) {
    if (!c.first_responded_at) c.first_response_due_at = c.first_response_warn_at = std::nullopt;
    if (!c.resolved_at) c.resolution_due_at = c.resolution_warn_at = std::nullopt;
    return;
  }
  SysTime opened = At(c.opened_at);
  int64_t paused = c.sla_paused_minutes;
  auto due = [&](int64_t minutes) { return FormatTime(calendar->AddMinutes(opened, minutes + paused)); };
  if (!c.first_responded_at) {
    c.first_response_due_at = due(policy->first_response_minutes);
    c.first_response_warn_at = due(WarnMinutes(policy->first_response_minutes));
  }
  if (!c.resolved_at) {
    c.resolution_due_at = due(policy->resolution_minutes);
    c.resolution_warn_at = due(WarnMinutes(policy->resolution_minutes));
  }
}

std::optional<SysTime> EvaluateState(Case& c, SysTime now) {
  bool running = ClockRuns(c.status) && !c.sla_paused_at;
  // A stopped clock is judged at the moment it stopped.
  SysTime clock_now = c.sla_paused_at ? At(*c.sla_paused_at) : now;
  bool first_running = !c.first_responded_at && c.first_response_due_at;
  bool resolution_running = !c.resolved_at && c.resolution_due_at;
  if (first_running && clock_now >= At(*c.first_response_due_at)) c.first_response_breached = true;
  if (resolution_running && clock_now >= At(*c.resolution_due_at)) c.resolution_breached = true;

  bool warned = (first_running && clock_now >= At(*c.first_response_warn_at)) ||
                (resolution_running && clock_now >= At(*c.resolution_warn_at));
  if (c.first_response_breached || c.resolution_breached) c.sla_state = "breached";
  else c.sla_state = warned ? "warning" : "ok";

  c.next_due_at = kFarFuture;
  if (!running) return std::nullopt;
  std::optional<SysTime> next;
  auto consider = [&](const std::optional<std::string>& text) {
    if (!text) return;
    SysTime t = At(*text);
    if (t > now && (!next || t < *next)) next = t;
  };
  if (first_running) {
    c.next_due_at = *c.first_response_due_at;
    consider(c.first_response_warn_at);
    consider(c.first_response_due_at);
  }
  if (resolution_running) {
    c.next_due_at = std::min(c.next_due_at, *c.resolution_due_at);
    consider(c.resolution_warn_at);
    consider(c.resolution_due_at);
  }
  return next;
}

void PauseClocks(Case& c, SysTime now) {
  if (!c.sla_paused_at) c.sla_paused_at = FormatTime(now);
}

void ResumeClocks(Case& c, const BusinessCalendar* calendar, SysTime now) {
  if (!c.sla_paused_at) return;
  SysTime from = At(*c.sla_paused_at);
  c.sla_paused_minutes += calendar ? calendar->MinutesBetween(from, now) : WallMinutes(from, now);
  c.sla_paused_at.reset();
}

int64_t MinutesUsed(const Case& c, const BusinessCalendar* calendar, SysTime at) {
  SysTime opened = At(c.opened_at);
  if (c.sla_paused_at) at = std::min(at, At(*c.sla_paused_at));  // stood still since then
  int64_t total = calendar ? calendar->MinutesBetween(opened, at) : WallMinutes(opened, at);
  return std::max<int64_t>(0, total - c.sla_paused_minutes);
}

}  // namespace hearth
