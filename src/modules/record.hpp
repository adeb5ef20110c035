// What every versioned record shares: the If-Match check (optimistic concurrency) and
// the responses that carry the version as an ETag.
#pragma once

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "http/request.hpp"

#include <optional>
#include <string>

namespace hearth {

// Throws Error 412 (with current_version) when if_match names another version.
inline void RequireVersion(int64_t current, std::optional<int64_t> if_match) {
  if (if_match && *if_match != current)
    throw Error::PreconditionFailed("The record was changed by someone else since you read it (now version " +
                                    std::to_string(current) + "); reload and try again.")
        .With("current_version", current);
}

// For DELETE (archive): checks If-Match, then marks the record archived as a new
// version. False when it already was archived (archiving again changes nothing).
template <class Record>
bool MarkArchived(Record& r, std::optional<int64_t> if_match) {
  RequireVersion(r.version, if_match);
  if (r.archived_at) return false;
  r.archived_at = r.updated_at = NowText();
  r.version += 1;
  return true;
}

inline std::string Etag(int64_t version) { return "\"" + std::to_string(version) + "\""; }

inline Response RecordResponse(const json::object& record, int status = 200) {
  Response res = Response::Json(record, status);
  res.With("ETag", Etag(record.at("version").as_int64()));
  return res;
}

inline Response CreatedResponse(const json::object& record, const std::string& collection_path) {
  Response res = Response::Created(record, collection_path + "/" + std::string(record.at("id").as_string()));
  res.With("ETag", Etag(record.at("version").as_int64()));
  return res;
}

// Reads {"items": [...]} for batch endpoints: 1 to max objects, or Error 422.
inline const json::array& BatchItems(const json::object& body, size_t max) {
  const json::value* items = body.if_contains("items");
  if (!items || !items->is_array())
    throw Error::Invalid({{"items", "must be an array of records"}});
  const json::array& arr = items->as_array();
  if (arr.empty() || arr.size() > max)
    throw Error::Invalid({{"items", "must hold 1 to " + std::to_string(max) + " records"}});
  for (size_t i = 0; i < arr.size(); ++i)
    if (!arr[i].is_object()) throw Error::Invalid({{"items[" + std::to_string(i) + "]", "must be an object"}});
  if (body.size() != 1) throw Error::Invalid({{"items", "the body may hold only items"}});
  return arr;
}

}  // namespace hearth
