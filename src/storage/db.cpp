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

void Tx::QueryEach(std::string_view sql, const Params& params, const std::function<void(const Row&)>& fn) {
  for (const Row& r : Query(sql, params)) fn(r);
}

std::optional<Row> Tx::QueryOne(std::string_view sql, const Params& params) {
  Rows rows = Query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

Rows Tx::InsertMany(std::string_view head, const std::vector<Params>& rows, std::string_view tail) {
  Rows out;
  if (rows.empty()) return out;
  std::string tuple = "(";
  for (size_t c = 0; c < rows.front().size(); ++c) tuple += c == 0 ? "?" : ", ?";
  tuple += ")";
  size_t done = 0;
  while (done < rows.size()) {
    size_t batch = 256;
    while (batch > rows.size() - done) batch /= 2;
    std::string sql(head);
    Params params;
    params.reserve(batch * rows.front().size());
    for (size_t i = 0; i < batch; ++i) {
      sql += (i == 0 ? " " : ", ") + tuple;
      for (const Value& v : rows[done + i]) params.push_back(v);
    }
    sql += tail;
    for (Row& r : Query(sql, params)) out.push_back(std::move(r));
    done += batch;
  }
  return out;
}

}  // namespace hearth
