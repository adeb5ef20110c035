// The service-level clocks of a case. Two clocks run while a case is new or open: first
// response (until the first public staff reply) and resolution (until resolved). They
// stop while the case waits on the customer (pending) or is resolved/closed; when they
// run again, the business minutes they stood still are added to every due time.
// A clock warns at 80% of its target used and breaches at 100%; a breach stays on the
// case (compliance counts it) even after the case is answered or resolved.
//
// ComputeDues needs the policy's calendar (on open, priority/kind change, resume);
// EvaluateState needs only the stored times, so the timer job is cheap.
#pragma once

#include "core/time.hpp"
#include "modules/cases/case.hpp"
#include "modules/sla/sla_policy.hpp"

#include <optional>

namespace hearth {

// Sets the due and warning times of the clocks still running from the policy (clears
// them when there is no policy). Times already reached (responded, resolved) are kept.
void ComputeDues(Case& c, const SlaPolicy* policy, const BusinessCalendar* calendar);

// Updates breach flags, sla_state and next_due_at as of `now`; returns the next instant
// at which the state can change (a warning or due time ahead), if a clock runs.
std::optional<SysTime> EvaluateState(Case& c, SysTime now);

// Stops the clocks at `now` (the case goes pending, resolved or closed).
void PauseClocks(Case& c, SysTime now);
// Starts them again at `now`, adding the business minutes they stood still.
void ResumeClocks(Case& c, const BusinessCalendar* calendar, SysTime now);

// Business minutes between opening and `at`, less the minutes the clocks stood still
// (wall-clock minutes when no policy applies). For first-response and resolution times.
int64_t MinutesUsed(const Case& c, const BusinessCalendar* calendar, SysTime at);

// The instant `minutes` after `start`: business minutes with a calendar, else wall-clock.
SysTime AddClockMinutes(const BusinessCalendar* calendar, SysTime start, int64_t minutes);

}  // namespace hearth
