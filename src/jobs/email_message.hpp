// Email messages (RFC 5322 with MIME): reading one that arrived over IMAP — sender,
// subject, threading headers, the plain-text body and attachments, with encoded words,
// quoted-printable, base64 and any charset ICU knows decoded to UTF-8 — and writing one
// to send over SMTP (UTF-8, quoted-printable, threading headers). Parsing never throws:
// a malformed email yields what could be read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hearth {

struct EmailAttachment {
  std::string filename, content_type, bytes;
};

struct ParsedEmail {
  std::string from_address;  // lower-cased
  std::string from_name;
  std::string subject;
  std::string message_id;   // "<…>" (one derived from the content when the email has none)
  std::string in_reply_to;  // "<…>" or empty
  std::vector<std::string> references;
  std::string auto_submitted;  // "auto-replied" etc.: never answered
  std::string text;            // the plain-text body (HTML reduced to text when that is all)
  std::vector<EmailAttachment> attachments;
};

ParsedEmail ParseEmail(std::string_view raw);

struct ComposedEmail {
  std::string from_address, from_name, to, subject, text;
  std::string message_id, in_reply_to, references;  // threading; may be empty
  std::string date;                                 // RFC 5322 date; now when empty
  bool automatic = false;                           // a notice or digest, not a person writing
};

// The message with CRLF line ends, ready for SMTP.
std::string ComposeEmail(const ComposedEmail& email);

}  // namespace hearth
