// Keeping attachments safe: only document and image types on an allow-list, the bytes
// must be what the declared type says (magic numbers; text must be UTF-8), and file
// names lose paths, quotes and control characters. Files are always served back as
// downloads (Content-Disposition: attachment, nosniff), never rendered inline.
#pragma once

#include <string>
#include <string_view>

namespace hearth {

// The canonical content type; throws Error 415 `attachment-type` when the type is not
// allowed or the bytes do not match it.
std::string CheckedContentType(std::string_view declared, std::string_view bytes);
// A file name safe in a header and on any disk ("attachment" when nothing is left).
std::string SafeFilename(std::string_view name);

}  // namespace hearth
