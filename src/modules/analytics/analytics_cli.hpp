// `hearth analytics fit` and `hearth analytics rules`: the analysts' way into the same
// models the server uses, on a CSV file instead of the database. Both print JSON to
// stdout and throw Error (422) for a file they cannot read, naming the line.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace hearth {

struct FitCommand {
  std::string transactions;     // CSV with customer_id,date,amount
  std::string calibration_end;  // YYYY-MM-DD
  std::string holdout_end;      // optional
  std::string scores;           // optional output CSV
  double horizon_weeks = 52;
  double annual_discount_rate = 0.10;
};
void RunFitCommand(const FitCommand& command, std::ostream& out);

struct RulesCommand {
  std::string transactions;
  std::string basket_col;
  std::string item_col;
  std::string quantity_col;  // optional: without it every row is one unit
  double min_support = 0.01;
  double min_confidence = 0;
  double min_lift = 0;
};
void RunRulesCommand(const RulesCommand& command, std::ostream& out);

}  // namespace hearth
