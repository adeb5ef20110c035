// A customer's health, 0–100, with the reasons that lowered it: starting from 100, the
// chance it has stopped buying (BG/NBD), how far it is past its own buying rhythm, open
// complaints, recent SLA breaches and recent negative interactions each take points
// off. Drifting customers — probably gone, or long past their rhythm — are flagged, and
// dissolution is suggested as their relationship phase.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hearth::analytics {

struct HealthInputs {
  std::optional<double> p_alive;         // none without purchases
  std::optional<int> days_since_last;    // none without purchases
  std::optional<int> usual_days;         // own rhythm, else the customer base's median
  int purchase_days = 0;
  int open_complaints = 0;
  int recent_breaches = 0;               // cases with a breached SLA, last 180 days
  int recent_negative = 0;               // Σ −sentiment of negative interactions, last 180 days
  std::string phase;                     // current relationship phase
};

struct HealthReason {
  std::string factor;  // p_alive, rhythm, complaints, sla_breaches, sentiment
  int effect;          // points taken off (negative)
  std::string detail;
};

struct Health {
  int score = 100;
  std::string band;  // healthy (≥ 70), watch (≥ 40), at_risk
  std::vector<HealthReason> reasons;
  bool drifting = false;
  std::optional<std::string> suggested_phase;
};

Health ScoreHealth(const HealthInputs& in);

}  // namespace hearth::analytics
