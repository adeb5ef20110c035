// JSON helpers over Boost.JSON: parsing request bodies with limits that keep hostile
// input cheap (depth, UTF-8 checked), and serialising responses.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>

namespace hearth {

namespace json = boost::json;

// Parses a request body that must be a JSON object. Throws Error 400 `invalid-json`.
json::object ParseJsonObject(std::string_view body);

std::string ToJson(const json::value& value);

// A string member or null when absent; for reading rows and request bodies alike.
json::value OptionalString(const std::optional<std::string>& s);
// The string member `name`, or "" when it is absent or not a string.
std::string StringMember(const json::object& o, std::string_view name);

}  // namespace hearth
