#include "modules/analytics/health.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace hearth::analytics {
namespace {

void Take(Health& h, std::string factor, int points, std::string detail) {
  if (points <= 0) return;
  h.score -= points;
  h.reasons.push_back(HealthReason{std::move(factor), -points, std::move(detail)});
}

}  // namespace

Health ScoreHealth(const HealthInputs& in) {
  Health h;
  if (in.p_alive) {
    int points = static_cast<int>(std::lround((1 - *in.p_alive) * 40));
    Take(h, "p_alive", points, fmt::format("{:.0f}% likely to still be buying", *in.p_alive * 100));
  }
  double overdue_ratio = 0;
  if (in.days_since_last && in.usual_days && *in.usual_days > 0) {
    overdue_ratio = static_cast<double>(*in.days_since_last) / *in.usual_days;
    if (overdue_ratio > 1) {
      int points = std::min(25, static_cast<int>(std::lround(25 * (overdue_ratio - 1) / 2)));
      Take(h, "rhythm", points,
           fmt::format("No purchase for {} days; usually every {} days", *in.days_since_last, *in.usual_days));
    }
  }
  Take(h, "complaints", std::min(20, 10 * in.open_complaints),
       fmt::format("{} open complaint{}", in.open_complaints, in.open_complaints == 1 ? "" : "s"));
  Take(h, "sla_breaches", std::min(10, 5 * in.recent_breaches),
       fmt::format("{} case{} with a missed service level in the last 180 days", in.recent_breaches,
                   in.recent_breaches == 1 ? "" : "s"));
  Take(h, "sentiment", std::min(10, 2 * in.recent_negative), "Negative interactions in the last 180 days");
  h.score = std::clamp(h.score, 0, 100);
  h.band = h.score >= 70 ? "healthy" : h.score >= 40 ? "watch" : "at_risk";
  bool probably_gone = in.p_alive && *in.p_alive < 0.3;
  bool long_past_rhythm = in.purchase_days >= 2 && overdue_ratio >= 3;
  h.drifting = probably_gone || long_past_rhythm || h.score < 40;
  if (h.drifting && in.phase != "dissolution") h.suggested_phase = "dissolution";
  return h;
}

}  // namespace hearth::analytics
