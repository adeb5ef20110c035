#include "jobs/email_message.hpp"

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"

#include <sodium.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <map>

namespace hearth {

namespace {

constexpr size_t kMaxDepth = 10;  // nested multiparts read at most this deep

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Header names (lower-cased) to unfolded values; the first of a repeated header wins.
using Headers = std::map<std::string, std::string>;

// Splits an entity into its headers and body (at the first empty line).
std::pair<Headers, std::string_view> SplitEntity(std::string_view raw) {
  Headers headers;
  size_t pos = 0;
  std::string name, value;
  auto flush = [&] {
    if (!name.empty()) headers.emplace(Lower(Trim(name)), Trim(value));
    name.clear();
    value.clear();
  };
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.empty()) {
      flush();
      return {headers, pos <= raw.size() ? raw.substr(pos) : std::string_view()};
    }
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      value += " " + Trim(line);
    } else {
      flush();
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      name = std::string(line.substr(0, colon));
      value = std::string(line.substr(colon + 1));
    }
  }
  flush();
  return {headers, std::string_view()};
}

std::string Header(const Headers& h, const std::string& name) {
  auto it = h.find(name);
  return it == h.end() ? "" : it->second;
}

// A parameter of a structured header: boundary, charset, filename, name.
std::string Param(std::string_view header, std::string_view name) {
  std::string lower = Lower(header);
  size_t pos = 0;
  while ((pos = lower.find(Lower(name), pos)) != std::string::npos) {
    bool starts = pos > 0 && (lower[pos - 1] == ';' || lower[pos - 1] == ' ' || lower[pos - 1] == '\t');
    size_t eq = pos + name.size();
    while (eq < lower.size() && lower[eq] == ' ') ++eq;
    if (!starts || eq >= lower.size() || lower[eq] != '=') {
      pos += name.size();
      continue;
    }
    size_t v = eq + 1;
    while (v < header.size() && header[v] == ' ') ++v;
    if (v < header.size() && header[v] == '"') {
      size_t close = header.find('"', v + 1);
      return std::string(header.substr(v + 1, close == std::string_view::npos ? std::string_view::npos : close - v - 1));
    }
    size_t end = header.find(';', v);
    return Trim(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v));
  }
  return "";
}

std::string MediaType(const std::string& content_type) {
  return Lower(Trim(std::string_view(content_type).substr(0, content_type.find(';'))));
}

std::string DecodeBase64(std::string_view text) {
  std::string clean;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/') clean += c;
  std::string out(clean.size() * 3 / 4 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), clean.data(), clean.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0)
    return "";
  out.resize(len);
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Quoted-printable; in encoded words (`q`), an underscore is a space.
std::string DecodeQuotedPrintable(std::string_view text, bool q_word) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_' && q_word) {
      out += ' ';
    } else if (c == '=' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
      ++i;  // a soft line break
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '=' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Converts text in `charset` to UTF-8 with ICU; unknown charsets pass bytes through.
std::string ToUtf8(const std::string& bytes, const std::string& charset) {
  std::string cs = Lower(charset);
  if (cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii") return bytes;
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 4 + 4, '\0');
  int32_t n = ucnv_convert("UTF-8", cs.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) return bytes;
  out.resize(n);
  return out;
}

// RFC 2047 encoded words: =?charset?B|Q?text?= (whitespace between two words is dropped).
std::string DecodeWords(std::string_view text) {
  std::string out;
  size_t pos = 0;
  bool last_was_word = false;
  while (pos < text.size()) {
    size_t start = text.find("=?", pos);
    if (start == std::string_view::npos) {
      out += text.substr(pos);
      break;
    }
    size_t q1 = text.find('?', start + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : text.find('?', q1 + 1);
    size_t end = q2 == std::string_view::npos ? q2 : text.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += text.substr(pos);
      break;
    }
    std::string_view between = text.substr(pos, start - pos);
    if (!(last_was_word && Trim(between).empty())) out += between;
    std::string charset(text.substr(start + 2, q1 - start - 2));
    charset = charset.substr(0, charset.find('*'));  // RFC 2231 language suffix
    char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(text[q1 + 1])));
    std::string_view payload = text.substr(q2 + 1, end - q2 - 1);
    std::string bytes = enc == 'B' ? DecodeBase64(payload) : DecodeQuotedPrintable(payload, true);
    out += ToUtf8(bytes, charset);
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

// Control characters (a TAB or ESC in a subject, CR/LF in a display name) become spaces.
std::string NoControls(std::string_view s) {
  std::string out;
  for (unsigned char c : s) out += (c < 0x20 || c == 0x7F) ? ' ' : static_cast<char>(c);
  return Trim(out);
}

// "Ann Berg <ann@example.com>" or "ann@example.com (Ann Berg)" → {address, name}; the
// address is empty when there is no valid one (nothing to answer to).
std::pair<std::string, std::string> ParseAddress(const std::string& header) {
  std::string value = DecodeWords(header);
  std::string address, name;
  size_t lt = value.rfind('<'), gt = value.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
    name = Trim(value.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    address = Trim(value.substr(lt + 1, gt - lt - 1));
  } else {
    size_t open = value.find('('), close = value.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open) {
      name = Trim(value.substr(open + 1, close - open - 1));
      value = value.substr(0, open) + value.substr(close + 1);
    }
    address = Trim(value);
  }
  address = Lower(address);
  if (!IsValidEmail(address)) address.clear();
  return {address, NoControls(name)};
}

std::vector<std::string> MessageIds(const std::string& header) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while ((pos = header.find('<', pos)) != std::string::npos) {
    size_t end = header.find('>', pos);
    if (end == std::string::npos) break;
    ids.push_back(header.substr(pos, end - pos + 1));
    pos = end + 1;
  }
  return ids;
}

std::string DecodeBody(std::string_view body, const Headers& h) {
  std::string encoding = Lower(Header(h, "content-transfer-encoding"));
  if (encoding == "base64") return DecodeBase64(body);
  if (encoding == "quoted-printable") return DecodeQuotedPrintable(body, false);
  return std::string(body);
}

std::string Utf8Of(uint32_t cp) {
  std::string out;
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// &amp; &lt; … and numeric references (&#248; &#xF8;).
std::string DecodeEntities(std::string_view text) {
  static const std::map<std::string, std::string> named = {
      {"nbsp", " "}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"amp", "&"}};
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    size_t semi = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    std::string name(text.substr(i + 1, semi - i - 1));
    if (!name.empty() && name[0] == '#') {
      bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      std::string digits = name.substr(hex ? 2 : 1);
      bool ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](unsigned char c) {
        return hex ? std::isxdigit(c) : std::isdigit(c);
      });
      if (ok) {
        out += Utf8Of(static_cast<uint32_t>(std::min(std::stoul(digits, nullptr, hex ? 16 : 10), 0x110000UL)));
        i = semi;
        continue;
      }
    } else if (auto it = named.find(Lower(name)); it != named.end()) {
      out += it->second;
      i = semi;
      continue;
    }
    out += text[i];
  }
  return out;
}

// HTML to readable text: tags dropped (with everything inside head, style, script and
// title), block ends become line breaks, entities decoded.
std::string HtmlToText(std::string_view html) {
  std::string out;
  std::string lower = Lower(html);
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    std::string tag = lower.substr(i + 1, end - i - 1);
    std::string name = tag.substr(0, tag.find_first_of(" \t\r\n/"));
    if (name == "head" || name == "style" || name == "script" || name == "title") {
      size_t close = lower.find("</" + name, end);
      i = close == std::string::npos ? html.size() : lower.find('>', close);
      i = i == std::string::npos ? html.size() : i + 1;
      continue;
    }
    if (name == "br" || tag.rfind("/p", 0) == 0 || tag.rfind("/div", 0) == 0 || tag.rfind("/li", 0) == 0 ||
        tag.rfind("/tr", 0) == 0 || tag.rfind("/h", 0) == 0)
      out += '\n';
    i = end + 1;
  }
  return Trim(DecodeEntities(out));
}

struct Walk {
  std::string text, html;
  std::vector<EmailAttachment> attachments;
};

void WalkEntity(std::string_view raw, const Headers& h, std::string_view body, Walk& w, size_t depth) {
  std::string content_type = Header(h, "content-type");
  std::string type = content_type.empty() ? "text/plain" : MediaType(content_type);
  std::string disposition = Header(h, "content-disposition");
  if (type.rfind("multipart/", 0) == 0 && depth < kMaxDepth) {
    std::string boundary = Param(content_type, "boundary");
    if (boundary.empty()) return;
    std::string delimiter = "--" + boundary;
    size_t pos = body.find(delimiter);
    while (pos != std::string_view::npos) {
      size_t start = body.find('\n', pos);
      if (start == std::string_view::npos) break;
      if (body.substr(pos + delimiter.size(), 2) == "--") break;  // the closing delimiter
      size_t next = body.find(delimiter, start + 1);
      std::string_view part = body.substr(start + 1, next == std::string_view::npos ? std::string_view::npos
                                                                                    : next - start - 1);
      auto [ph, pbody] = SplitEntity(part);
      WalkEntity(part, ph, pbody, w, depth + 1);
      pos = next;
    }
    return;
  }
  std::string filename = DecodeWords(Param(disposition, "filename"));
  if (filename.empty()) filename = DecodeWords(Param(content_type, "name"));
  bool is_attachment = Lower(disposition).rfind("attachment", 0) == 0 || !filename.empty();
  if (is_attachment) {
    w.attachments.push_back({filename.empty() ? "attachment" : filename, type, DecodeBody(body, h)});
  } else if (type == "text/plain" && w.text.empty()) {
    w.text = ToUtf8(DecodeBody(body, h), Param(content_type, "charset"));
  } else if (type == "text/html" && w.html.empty()) {
    w.html = ToUtf8(DecodeBody(body, h), Param(content_type, "charset"));
  }
}

std::string EncodeQuotedPrintable(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  size_t line = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    if (c == '\r') continue;
    std::string piece;
    bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    if ((c >= 33 && c <= 126 && c != '=') || (c == ' ' && !at_line_end)) piece = std::string(1, static_cast<char>(c));
    else piece = {'=', hex[c >> 4], hex[c & 15]};
    if (line + piece.size() > 75) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  }
  return out;
}

// An encoded word when the text is not plain ASCII (RFC 2047, base64 UTF-8).
std::string EncodeHeaderText(std::string_view text) {
  bool ascii = std::all_of(text.begin(), text.end(), [](unsigned char c) { return c >= 32 && c < 127; });
  if (ascii) return std::string(text);
  std::string out;
  // Short words, cut between whole UTF-8 characters.
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    std::string_view chunk = text.substr(pos, end - pos);
    std::string b64(sodium_base64_ENCODED_LEN(chunk.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(chunk.data()), chunk.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    b64.resize(std::strlen(b64.c_str()));
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + b64 + "?=";
    pos = end;
  }
  return out;
}

std::string NoNewlines(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string Rfc5322Date() {
  std::time_t t = std::chrono::system_clock::to_time_t(Now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

// Invalid UTF-8 (a charset we could not convert) becomes U+FFFD, so what is stored and
// sent as JSON is always valid text.
std::string ValidUtf8(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len > 1 && IsValidUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else if (ok && len == 1) {
      out += static_cast<char>(c);
      ++i;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace

ParsedEmail ParseEmail(std::string_view raw) {
  ParsedEmail e;
  auto [h, body] = SplitEntity(raw);
  std::tie(e.from_address, e.from_name) = ParseAddress(Header(h, "from"));
  e.subject = NoControls(DecodeWords(Header(h, "subject")));
  auto ids = MessageIds(Header(h, "message-id"));
  e.message_id = ids.empty() ? "<" + Sha256Hex(raw).substr(0, 32) + "@hearth.derived>" : ids.front();
  auto reply = MessageIds(Header(h, "in-reply-to"));
  if (!reply.empty()) e.in_reply_to = reply.front();
  e.references = MessageIds(Header(h, "references"));
  e.auto_submitted = Lower(Header(h, "auto-submitted"));
  Walk w;
  WalkEntity(raw, h, body, w, 0);
  std::string text = w.text.empty() ? HtmlToText(w.html) : w.text;
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());  // LF line ends, as staff write
  e.text = ValidUtf8(Trim(text));
  e.subject = ValidUtf8(e.subject);
  e.from_name = ValidUtf8(NoControls(e.from_name));
  e.attachments = std::move(w.attachments);
  return e;
}

std::string ComposeEmail(const ComposedEmail& m) {
  std::string out;
  auto header = [&](std::string_view name, const std::string& value) {
    if (!value.empty()) out += std::string(name) + ": " + value + "\r\n";
  };
  std::string from = m.from_name.empty() ? m.from_address
                                         : EncodeHeaderText(NoNewlines(m.from_name)) + " <" + m.from_address + ">";
  header("From", from);
  header("To", NoNewlines(m.to));
  header("Subject", EncodeHeaderText(NoNewlines(m.subject)));
  header("Date", m.date.empty() ? Rfc5322Date() : m.date);
  header("Message-ID", NoNewlines(m.message_id));
  header("In-Reply-To", NoNewlines(m.in_reply_to));
  header("References", NoNewlines(m.references));
  if (m.automatic) header("Auto-Submitted", "auto-generated");  // RFC 3834: autoresponders stay quiet
  header("MIME-Version", "1.0");
  header("Content-Type", "text/plain; charset=UTF-8");
  header("Content-Transfer-Encoding", "quoted-printable");
  out += "\r\n";
  out += EncodeQuotedPrintable(m.text);
  out += "\r\n";
  return out;
}

}  // namespace hearth
