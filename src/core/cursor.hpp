// Cursors for keyset paging: the sort name, the last row's sort key and its id, packed as
// base64url JSON. Opaque to clients; a cursor that does not decode, or was made for
// another sort, is a 400 — never a wrong page.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

struct Cursor {
  std::string sort;  // e.g. "-created_at"
  std::string key;   // the sort key of the last row returned
  std::string id;    // its id, the tie-breaker
};

std::string EncodeCursor(const Cursor& c);
// Throws Error 400 when the text is not a cursor made for `sort`.
Cursor DecodeCursor(std::string_view text, std::string_view sort);

std::string Base64UrlEncode(std::string_view bytes);
bool Base64UrlDecode(std::string_view text, std::string& out);

}  // namespace hearth
