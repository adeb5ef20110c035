#include "storage/db.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

namespace hearth {

std::string Row::Text(size_t i) const {
  const Value& value = cols_.at(i);
  if (auto s = std::get_if<std::string>(&value.v)) return *s;
  if (auto n = std::get_if<int64_t>(&value.v)) return std::to_string(*n);
  if (auto d = std::get_if<double>(&value.v)) return std::to_string(*d);
  throw std::logic_error("Row::Text on a null column");
}

std::optional<std::string> Row::OptText(size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

int64_t Row::Int(size_t i) const {
  const Value& value = cols_.at(i);
  if (auto n = std::get_if<int64_t>(&value.v)) return *n;
  if (auto d = std::get_if<double>(&value.v)) return static_cast<int64_t>(*d);
  if (auto s = std::get_if<std::string>(&value.v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(size_t i) const {
  const Value& value = cols_.at(i);
  if (auto d = std::get_if<double>(&value.v)) return *d;
  if (auto n = std::get_if<int64_t>(&value.v)) return static_cast<double>(*n);
  if (auto s = std::get_if<std::string>(&value.v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

std::optional<Row> Tx::QueryOne(std::string_view sql, const Params& params) {
  Rows rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace hearth
