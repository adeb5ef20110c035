#include "core/json.hpp"

#include "core/error.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>

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

namespace {

// Boost.JSON writes every double in exponent form (33.3 as "3.33E1", 2.0 as "2E0"):
// valid JSON, but not what people reading the API expect. Numbers outside strings that
// have an exponent are rewritten in plain decimal form when that is as short and exact
// (fmt's shortest round-trip form); very large or small ones keep their exponent.
std::string PlainNumbers(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      continue;
    }
    if (c != '-' && !(c >= '0' && c <= '9')) {
      out += c;
      continue;
    }
    size_t end = i;
    while (end < text.size() && std::strchr("0123456789+-.eE", text[end])) ++end;
    std::string number = text.substr(i, end - i);
    if (number.find_first_of("eE") != std::string::npos) {
      std::string plain = fmt::format("{}", std::strtod(number.c_str(), nullptr));
      if (plain.find_first_of("eEni") == std::string::npos)  // not 1e+20, inf, nan
        number = plain.find('.') == std::string::npos ? plain + ".0" : plain;  // still a double when read back
    }
    out += number;
    i = end - 1;
  }
  return out;
}

bool HasDouble(const json::value& v) {
  switch (v.kind()) {
    case json::kind::double_: return true;
    case json::kind::array:
      for (const json::value& item : v.get_array())
        if (HasDouble(item)) return true;
      return false;
    case json::kind::object:
      for (const auto& kv : v.get_object())
        if (HasDouble(kv.value())) return true;
      return false;
    default: return false;
  }
}

}  // namespace

std::string ToJson(const json::value& value) {
  std::string text = json::serialize(value);
  return HasDouble(value) ? PlainNumbers(text) : text;  // most answers have no double: no second pass
}

std::string StringMember(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

json::value OptionalString(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::string(*s);
}

}  // namespace hearth
