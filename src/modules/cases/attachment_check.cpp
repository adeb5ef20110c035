#include "modules/cases/attachment_check.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <array>

namespace hearth {

namespace {

enum class Magic { kPdf, kPng, kJpeg, kGif, kWebp, kZip, kText };

struct AllowedType {
  std::string_view type;
  Magic magic;
};

constexpr std::array<AllowedType, 14> kAllowed = {{
    {"application/pdf", Magic::kPdf},
    {"image/png", Magic::kPng},
    {"image/jpeg", Magic::kJpeg},
    {"image/gif", Magic::kGif},
    {"image/webp", Magic::kWebp},
    {"text/plain", Magic::kText},
    {"text/csv", Magic::kText},
    {"application/zip", Magic::kZip},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", Magic::kZip},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Magic::kZip},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", Magic::kZip},
    {"application/vnd.oasis.opendocument.text", Magic::kZip},
    {"application/vnd.oasis.opendocument.spreadsheet", Magic::kZip},
    {"application/vnd.oasis.opendocument.presentation", Magic::kZip},
}};

bool StartsWith(std::string_view bytes, std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; }

bool Matches(Magic magic, std::string_view b) {
  switch (magic) {
    case Magic::kPdf: return StartsWith(b, "%PDF-");
    case Magic::kPng: return StartsWith(b, std::string_view("\x89PNG\r\n\x1a\n", 8));
    case Magic::kJpeg: return StartsWith(b, "\xFF\xD8\xFF");
    case Magic::kGif: return StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a");
    case Magic::kWebp: return StartsWith(b, "RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP";
    case Magic::kZip: return StartsWith(b, std::string_view("PK\x03\x04", 4));
    case Magic::kText: return IsValidUtf8(b) && b.find('\0') == std::string_view::npos;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string CheckedContentType(std::string_view declared, std::string_view bytes) {
  std::string type = Lower(declared.substr(0, declared.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  auto it = std::find_if(kAllowed.begin(), kAllowed.end(), [&](const AllowedType& a) { return a.type == type; });
  if (it == kAllowed.end())
    throw Error(Error::Kind::kUnsupportedMedia, "attachment-type",
                "Attachments may be PDF, PNG, JPEG, GIF, WebP, plain text, CSV, ZIP or office documents; '" +
                    type.substr(0, 80) + "' is not accepted.");
  if (!Matches(it->magic, bytes))
    throw Error(Error::Kind::kUnsupportedMedia, "attachment-type",
                "The file's content is not " + type + " as its Content-Type says.");
  return type;
}

std::string SafeFilename(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == ';') continue;
    out += static_cast<char>(c);
  }
  if (!IsValidUtf8(out)) out.clear();
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  if (out.size() > 200) out.resize(200);
  while (!out.empty() && !IsValidUtf8(out)) out.pop_back();  // a cut inside a character
  return out.empty() ? "attachment" : out;
}

}  // namespace hearth
