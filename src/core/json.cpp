#include "core/json.hpp"

#include "core/error.hpp"

namespace hearth {

json::object ParseJsonObject(std::string_view body) {
  json::parse_options options;
  options.max_depth = 64;  // deeper is never a CRM record, and recursion must stay bounded
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  parser.write(body.data(), body.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) throw Error::BadRequest("The body is not valid JSON: " + ec.message() + ".", "invalid-json");
  json::value value = parser.release();
  if (!value.is_object()) throw Error::BadRequest("The body must be a JSON object.", "invalid-json");
  return std::move(value.as_object());
}

std::string ToJson(const json::value& value) { return json::serialize(value); }

std::string StringMember(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

json::value OptionalString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::string(*s);
}

}  // namespace hearth
