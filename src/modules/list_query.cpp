#include "modules/list_query.hpp"

#include "core/error.hpp"
#include "core/text_fold.hpp"

#include <algorithm>
#include <charconv>

namespace hearth {

namespace {

constexpr int kMaxLimit = 500;

bool Contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

int ParseListLimit(const Ctx& ctx) {
  auto limit = ctx.Query("limit");
  if (!limit) return 50;
  int n = 0;
  auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && end == limit->data() + limit->size() && n > kMaxLimit))
    throw Error(Error::Kind::kInvalid, "limit-too-large", "limit may be at most 500.")
        .WithFieldErrors({{"limit", "must be at most 500"}});
  if (ec != std::errc() || end != limit->data() + limit->size() || n < 1)
    throw Error::BadRequest("limit must be a whole number from 1 to 500.");
  return n;
}

ListQuery::ListQuery(const Ctx& ctx, const ListSpec& spec) : spec_(spec), ctx_(ctx) {
  for (const auto& [name, value] : ctx.request().query) {
    bool known = name == "limit" || name == "cursor" || name == "sort" || (spec.searchable && name == "q") ||
                 (spec.archivable && name == "archived") || Contains(spec.filters, name) || Contains(spec.extra, name);
    if (!known) throw Error::BadRequest("Unknown query parameter '" + name.substr(0, 50) + "'.");
  }

  limit_ = ParseListLimit(ctx);

  sort_text_ = std::string(ctx.Query("sort").value_or(spec.default_sort.empty() ? spec.sorts.front().name : spec.default_sort));
  std::string_view sort_name = sort_text_;
  if (sort_name.starts_with('-')) {
    descending_ = true;
    sort_name.remove_prefix(1);
  }
  for (const auto& s : spec.sorts)
    if (s.name == sort_name) sort_ = &s;
  if (!sort_) {
    std::string names;
    for (const auto& s : spec.sorts) names += (names.empty() ? "" : ", ") + s.name;
    throw Error::BadRequest("sort must be one of: " + names + " (prefix - for descending).");
  }

  if (auto cursor = ctx.Query("cursor"); cursor && !cursor->empty()) cursor_ = DecodeCursor(*cursor, sort_text_);

  for (const auto& column : spec.filters) {
    if (auto v = ctx.Query(column)) {
      conditions_.push_back(spec.table + "." + column + " = ?");
      params_.emplace_back(std::string(*v));
    }
  }

  if (spec.archivable) {
    std::string_view archived = ctx.Query("archived").value_or("false");
    if (archived == "false") conditions_.push_back(spec.table + ".archived_at IS NULL");
    else if (archived == "true") conditions_.push_back(spec.table + ".archived_at IS NOT NULL");
    else if (archived != "all") throw Error::BadRequest("archived must be true, false or all.");
  }

  if (auto q = ctx.Query("q"); q && spec.searchable) {
    if (q->size() > 200) throw Error::BadRequest("q may be at most 200 characters.");
    std::vector<std::string> words = FoldWords(*q);
    // A phone number typed with spaces ("412 34 567") is one number, not three words.
    bool all_digits = !words.empty() && std::all_of(words.begin(), words.end(), [](const std::string& w) {
      return std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
    });
    if (all_digits && words.size() > 1) {
      std::string joined;
      for (const auto& w : words) joined += w;
      words = {joined};
    }
    for (auto& w : words) (w.size() >= 3 ? words_ : short_words_).push_back(std::move(w));
  }
}

void ListQuery::Where(std::string condition, Params params) {
  conditions_.push_back(std::move(condition));
  for (auto& p : params) params_.push_back(std::move(p));
}

std::optional<std::string_view> ListQuery::Param(std::string_view name) const { return ctx_.Query(name); }

void ListQuery::WhereBool(std::string_view name, const std::string& column) {
  auto value = ctx_.Query(name);
  if (!value) return;
  if (*value != "true" && *value != "false") throw Error::BadRequest(std::string(name) + " must be true or false.");
  Where(column + " = ?", {*value == "true" ? 1 : 0});
}

json::object ListQuery::Run(Db& db, const std::function<json::value(const Row&)>& to_json) {
  std::vector<std::string> conditions = conditions_;
  Params params = params_;
  const std::string& t = spec_.table;
  std::string from = t;
  std::string key = sort_->expr;
  // Creation order is the table's `seq`: unique, so the cursor needs no tie-breaker.
  bool by_seq = key == t + ".seq";
  if (!words_.empty()) {
    Db::TextSearch search = db.SearchWords(t, words_, params);
    from = search.from;
    conditions.push_back(search.condition);
    if (by_seq) key = search.seq;
  }
  for (const auto& w : short_words_) {
    if (!words_.empty()) {
      // Beside longer words, which the search index narrows down, a short word is checked
      // on those rows only: it must start a word of the search text.
      conditions.push_back("(" + t + ".search LIKE ? OR " + t + ".search LIKE ?)");
      params.emplace_back(w + "%");
      params.emplace_back("% " + w + "%");
      continue;
    }
    // Alone, too short for trigrams: the start of a name or email, as index ranges.
    std::string next = w;
    next.back() = static_cast<char>(next.back() + 1);
    // A union of index range scans: an OR here would make the planner walk the table.
    std::string any;
    for (const auto& column : spec_.prefix_columns) {
      any += (any.empty() ? "" : " UNION ALL ") + ("SELECT seq FROM " + t + " WHERE " + column + " >= ? AND " +
                                                    column + " < ?");
      params.emplace_back(w);
      params.emplace_back(next);
    }
    conditions.push_back(t + ".seq IN (" + any + ")");
  }
  const char* op = descending_ ? "<" : ">";
  if (cursor_ && by_seq) {
    int64_t seq = 0;
    auto [end, ec] = std::from_chars(cursor_->key.data(), cursor_->key.data() + cursor_->key.size(), seq);
    if (ec != std::errc() || end != cursor_->key.data() + cursor_->key.size())
      throw Error::BadRequest("The cursor is not valid for this list; start again without it.");
    conditions.push_back(key + " " + op + " ?");
    params.emplace_back(seq);
  } else if (cursor_) {
    conditions.push_back("(" + key + ", " + t + ".id) " + op + " (?, ?)");
    params.emplace_back(cursor_->key);
    params.emplace_back(cursor_->id);
  }
  std::string sql = "SELECT " + spec_.columns + ", " + key + " FROM " + from;
  for (size_t i = 0; i < conditions.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  const char* dir = descending_ ? " DESC" : "";
  sql += " ORDER BY " + key + dir;
  if (!by_seq) sql += ", " + t + ".id" + dir;
  sql += " LIMIT ?";
  params.emplace_back(limit_ + 1);

  Rows rows = db.Read([&](Tx& tx) { return tx.Query(sql, params); });
  bool more = static_cast<int>(rows.size()) > limit_;
  if (more) rows.erase(rows.begin() + limit_, rows.end());
  json::array items;
  items.reserve(rows.size());
  for (const Row& row : rows) items.push_back(to_json(row));
  json::value next = nullptr;
  if (more && !rows.empty()) {
    const Row& last = rows.back();
    next = json::string(EncodeCursor(Cursor{sort_text_, last.Text(last.size() - 1), last.Text(0)}));
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace hearth
