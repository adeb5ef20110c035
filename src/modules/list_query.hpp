// ListQuery turns a collection's query string (limit, cursor, sort, q, equality filters,
// archived) into one keyset-paged SQL SELECT, and rows back into {"items","next_cursor"}.
// Each module describes its collection once in a ListSpec; unknown parameters are a 400,
// so typos never silently return everything. Keyset paging on (sort key, id) means rows
// inserted while a client pages never cause repeats or skips.
#pragma once

#include "core/cursor.hpp"
#include "core/json.hpp"
#include "http/request.hpp"
#include "storage/db.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct SortOption {
  std::string name;  // as clients write it: "name"
  std::string expr;  // SQL expression of the key, never NULL: "name_key"
};

struct ListSpec {
  std::string table;                    // "contacts"
  std::string columns;                  // the SELECT list, id first
  std::vector<SortOption> sorts;        // the first is the default
  std::vector<std::string> filters;     // equality filters, parameter = column name
  std::vector<std::string> extra;       // parameters the module handles itself (e.g. "tag")
  bool archivable = true;               // has archived_at and the `archived` parameter
  bool searchable = true;               // has a folded `search` column and the `q` parameter
  std::string default_sort;             // e.g. "-at"; empty means the first sort, ascending
  // Indexed folded columns whose start a 1–2 letter `q` matches, e.g. name_key.
  std::vector<std::string> prefix_columns = {"name_key"};
};

// The `limit` parameter of any list: 1 to 500, default 50; more is a 422 `limit-too-large`,
// anything else not a whole number a 400.
int ParseListLimit(const Ctx& ctx);

class ListQuery {
 public:
  // Parses the request's parameters; throws Error 400 (unknown parameter, bad cursor or
  // sort) or 422 (`limit-too-large`).
  ListQuery(const Ctx& ctx, const ListSpec& spec);

  // Adds a condition with its parameters (for the module's own extra parameters).
  void Where(std::string condition, Params params = {});
  std::optional<std::string_view> Param(std::string_view name) const;
  // A true/false parameter filtering a 0/1 column (e.g. ?active=true); 400 for other values.
  void WhereBool(std::string_view name, const std::string& column);

  // Runs the query and builds the page; `to_json` turns a row (without the trailing sort
  // key column) into an item.
  json::object Run(Db& db, const std::function<json::value(const Row&)>& to_json);

 private:
  const ListSpec& spec_;
  const Ctx& ctx_;
  int limit_ = 50;
  const SortOption* sort_ = nullptr;
  bool descending_ = false;
  std::string sort_text_;
  std::optional<Cursor> cursor_;
  std::vector<std::string> words_;       // folded q words of 3+ characters
  std::vector<std::string> short_words_; // folded q words of 1–2 characters
  std::vector<std::string> conditions_;
  Params params_;
};

}  // namespace hearth
