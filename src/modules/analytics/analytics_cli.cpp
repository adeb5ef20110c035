#include "modules/analytics/analytics_cli.hpp"

#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "modules/analytics/models/affinity.hpp"
#include "modules/analytics/models/bgnbd.hpp"
#include "modules/analytics/models/clv.hpp"
#include "modules/analytics/models/gamma_gamma.hpp"
#include "modules/analytics/models/pareto_nbd.hpp"
#include "modules/analytics/day_number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

namespace hearth {
namespace {

using namespace analytics;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Kind::kInvalid, "unreadable-file", "Cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Folded(std::string s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The column named `name` in the header (case, spaces and underscores ignored).
size_t Column(const std::vector<std::string>& header, const std::string& name, const std::string& path) {
  for (size_t i = 0; i < header.size(); ++i)
    if (Folded(header[i]) == Folded(name)) return i;
  throw Error(Error::Kind::kInvalid, "missing-column", fmt::format("{} has no column '{}'", path, name));
}

[[noreturn]] void BadValue(const std::string& path, size_t line, const std::string& what) {
  throw Error(Error::Kind::kInvalid, "invalid-csv", fmt::format("{} line {}: {}", path, line, what));
}

double ParseNumber(std::string_view text, const std::string& path, size_t line) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    BadValue(path, line, fmt::format("'{}' is not a number", text));
  return v;
}

int32_t ParseDay(const std::string& text, const std::string& path, size_t line) {
  auto day = DayNumber(text);
  if (!day) BadValue(path, line, fmt::format("'{}' is not a date (YYYY-MM-DD or YYYYMMDD)", text));
  return *day;
}

int32_t OptionDay(const std::string& text, const std::string& option) {
  auto day = DayNumber(text);
  if (!day) throw Error(Error::Kind::kInvalid, "invalid-option", fmt::format("--{} '{}' is not a date (YYYY-MM-DD)", option, text));
  return *day;
}

struct Transactions {
  std::vector<Purchase> purchases;
  std::vector<std::string> customer_ids;  // by dense index
};

Transactions ReadTransactions(const std::string& path) {
  std::string text = ReadFile(path);
  CsvReader csv(text);
  std::vector<std::string> row;
  if (!csv.Next(row)) throw Error(Error::Kind::kInvalid, "invalid-csv", path + " is empty");
  size_t id_col = Column(row, "customer_id", path), date_col = Column(row, "date", path),
         amount_col = Column(row, "amount", path);
  Transactions t;
  std::unordered_map<std::string, uint32_t> index;
  while (csv.Next(row)) {
    if (row.size() <= std::max({id_col, date_col, amount_col})) BadValue(path, csv.line(), "too few columns");
    auto [it, added] = index.emplace(row[id_col], static_cast<uint32_t>(t.customer_ids.size()));
    if (added) t.customer_ids.push_back(row[id_col]);
    t.purchases.push_back(Purchase{it->second, ParseDay(row[date_col], path, csv.line()),
                                   ParseNumber(row[amount_col], path, csv.line())});
  }
  return t;
}

json::object BgNbdJson(const BgNbd& m) {
  return {{"r", m.r}, {"alpha", m.alpha}, {"a", m.a}, {"b", m.b}, {"log_likelihood", m.log_likelihood}};
}

// Holdout check (Fader, Hardie & Lee's figure 4): by calibration frequency, the mean
// purchases customers made in the holdout and the mean the model expected.
json::object HoldoutJson(const BgNbd& m, const std::vector<Cbs>& customers, double weeks) {
  std::map<int, std::array<double, 3>> by_x;  // customers, actual, predicted
  double actual = 0, predicted = 0;
  for (const Cbs& c : customers) {
    auto& bucket = by_x[std::min(c.x, 7)];
    double expected = ExpectedPurchases(m, weeks, c.x, c.t_x, c.T);
    bucket[0] += 1, bucket[1] += c.holdout_x, bucket[2] += expected;
    actual += c.holdout_x, predicted += expected;
  }
  json::array rows;
  for (const auto& [x, b] : by_x)
    rows.push_back(json::object{{"x", x}, {"label", x == 7 ? "7+" : std::to_string(x)}, {"customers", static_cast<int64_t>(b[0])},
                                {"actual", b[1] / b[0]}, {"predicted", b[2] / b[0]}});
  return {{"weeks", weeks}, {"actual_purchases", actual}, {"predicted_purchases", predicted}, {"by_frequency", rows}};
}

void WriteScores(const std::string& path, const std::vector<Cbs>& customers, const std::vector<std::string>& ids,
                 const BgNbd& m, const GammaGamma* gg, const ClvInputs& in) {
  std::ofstream out(path);
  if (!out) throw Error(Error::Kind::kInvalid, "unwritable-file", "Cannot write " + path);
  out << "customer_id,x,t_x,T,p_alive,expected_transactions,expected_spend,clv\n";
  for (const Cbs& c : customers) {
    double spend = gg ? ExpectedSpend(*gg, c.x, c.zbar) : (c.x > 0 ? c.zbar : 0);
    CustomerValue v = ValueCustomer(m, in, c.x, c.t_x, c.T, spend);
    std::string id = ids[c.customer];
    if (id.find_first_of(",\"\n") != std::string::npos) {
      std::string quoted = "\"";
      for (char ch : id) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      id = quoted + "\"";
    }
    out << fmt::format("{},{},{:.6f},{:.6f},{:.8f},{:.8f},{:.6f},{:.6f}\n", id, c.x, c.t_x, c.T, v.p_alive,
                       v.expected_purchases, spend, v.clv);
  }
}

}  // namespace

void RunFitCommand(const FitCommand& cmd, std::ostream& out) {
  int32_t calibration_end = OptionDay(cmd.calibration_end, "calibration-end");
  int32_t holdout_end = cmd.holdout_end.empty() ? calibration_end : OptionDay(cmd.holdout_end, "holdout-end");
  if (holdout_end < calibration_end) throw Error(Error::Kind::kInvalid, "invalid-option", "--holdout-end is before --calibration-end");
  Transactions t = ReadTransactions(cmd.transactions);
  std::vector<Cbs> customers = Summarize(t.purchases, calibration_end, holdout_end);
  std::vector<FitRow> rows = DistinctFrequencyRecencyAge(customers);
  std::vector<SpendRow> spend = RepeatSpend(customers);
  if (spend.empty()) throw Error(Error::Kind::kInvalid, "no-repeat-purchases", "No customer made a repeat purchase before --calibration-end");

  BgNbd bgnbd = FitBgNbd(rows);
  ParetoNbd pnbd = FitParetoNbd(rows);
  std::optional<GammaGamma> gg;
  bool positive = std::all_of(spend.begin(), spend.end(), [](const SpendRow& s) { return s.zbar > 0; });
  if (positive) gg = FitGammaGamma(spend);

  json::object result{
      {"customers", customers.size()},
      {"repeat_customers", spend.size()},
      {"bgnbd", BgNbdJson(bgnbd)},
      {"pareto_nbd", json::object{{"r", pnbd.r}, {"alpha", pnbd.alpha}, {"s", pnbd.s}, {"beta", pnbd.beta},
                                  {"log_likelihood", pnbd.log_likelihood}}},
      {"gamma_gamma", gg ? json::value(json::object{{"p", gg->p}, {"q", gg->q}, {"gamma", gg->gamma},
                                                    {"log_likelihood", gg->log_likelihood}})
                         : json::value(nullptr)},
  };
  if (holdout_end > calibration_end) result["holdout"] = HoldoutJson(bgnbd, customers, (holdout_end - calibration_end) / 7.0);
  if (!cmd.scores.empty())
    WriteScores(cmd.scores, customers, t.customer_ids, bgnbd, gg ? &*gg : nullptr,
                ClvInputs{cmd.horizon_weeks, cmd.annual_discount_rate, 1.0});
  out << ToJson(result) << "\n";
}

void RunRulesCommand(const RulesCommand& cmd, std::ostream& out) {
  std::string text = ReadFile(cmd.transactions);
  CsvReader csv(text);
  std::vector<std::string> row;
  if (!csv.Next(row)) throw Error(Error::Kind::kInvalid, "invalid-csv", cmd.transactions + " is empty");
  size_t basket_col = Column(row, cmd.basket_col, cmd.transactions);
  size_t item_col = Column(row, cmd.item_col, cmd.transactions);
  std::optional<size_t> quantity_col;
  if (!cmd.quantity_col.empty()) quantity_col = Column(row, cmd.quantity_col, cmd.transactions);

  // Summed quantity per (basket, item); items trimmed of surrounding spaces.
  std::unordered_map<std::string, uint32_t> basket_index, item_index;
  std::vector<std::string> items;
  std::map<std::pair<uint32_t, uint32_t>, double> quantity;
  while (csv.Next(row)) {
    size_t needed = std::max({basket_col, item_col, quantity_col.value_or(0)});
    if (row.size() <= needed) BadValue(cmd.transactions, csv.line(), "too few columns");
    std::string item = row[item_col];
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item.empty()) continue;
    auto [b, b_added] = basket_index.emplace(row[basket_col], static_cast<uint32_t>(basket_index.size()));
    auto [i, i_added] = item_index.emplace(item, static_cast<uint32_t>(items.size()));
    if (i_added) items.push_back(item);
    quantity[{b->second, i->second}] += quantity_col ? ParseNumber(row[*quantity_col], cmd.transactions, csv.line()) : 1;
  }
  // A basket holds the items whose summed quantity is at least 1; baskets left empty
  // (only returns) are not baskets.
  std::vector<Basket> by_index(basket_index.size());
  for (const auto& [key, q] : quantity)
    if (q >= 1) by_index[key.first].push_back(key.second);
  std::vector<Basket> baskets;
  for (Basket& b : by_index)
    if (!b.empty()) std::sort(b.begin(), b.end()), baskets.push_back(std::move(b));

  RuleOptions options{cmd.min_support, cmd.min_confidence, cmd.min_lift, 0};
  json::array rules;
  for (const Rule& r : AssociationRules(baskets, options)) {
    auto names = [&](const std::vector<uint32_t>& ids) {
      std::vector<std::string> n;
      for (uint32_t id : ids) n.push_back(items[id]);
      std::sort(n.begin(), n.end());
      json::array a;
      for (auto& s : n) a.push_back(json::string(s));
      return a;
    };
    rules.push_back(json::object{{"antecedent", names(r.antecedent)}, {"consequent", names(r.consequent)},
                                 {"support", r.support}, {"confidence", r.confidence}, {"lift", r.lift}});
  }
  out << ToJson(json::object{{"baskets", baskets.size()}, {"rules", rules}}) << "\n";
}

}  // namespace hearth
