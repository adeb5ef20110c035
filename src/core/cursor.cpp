#include "core/cursor.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

#include <sodium.h>

namespace hearth {

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string& out) {
  out.assign(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return false;
  out.resize(len);
  return true;
}

std::string EncodeCursor(const Cursor& c) {
  json::object o{{"s", c.sort}, {"k", c.key}, {"i", c.id}};
  return Base64UrlEncode(json::serialize(o));
}

Cursor DecodeCursor(std::string_view text, std::string_view sort) {
  auto bad = [] { return Error::BadRequest("The cursor is not valid for this list; start again without it."); };
  std::string raw;
  if (text.size() > 2048 || !Base64UrlDecode(text, raw)) throw bad();
  boost::system::error_code ec;
  json::value v = json::parse(raw, ec);
  if (ec || !v.is_object()) throw bad();
  const json::object& o = v.as_object();
  const json::value* s = o.if_contains("s");
  const json::value* k = o.if_contains("k");
  const json::value* i = o.if_contains("i");
  if (!s || !k || !i || !s->is_string() || !k->is_string() || !i->is_string()) throw bad();
  if (s->as_string() != sort) throw bad();
  return Cursor{std::string(s->as_string()), std::string(k->as_string()), std::string(i->as_string())};
}

}  // namespace hearth
