// The mailbox of the service desk (/settings/mailbox, admin only): the IMAP inbox that is
// polled for customer emails and the SMTP server replies and notices go out through.
// URLs are libcurl's: imap://host:port/INBOX (imaps:// for TLS), smtp://host:port
// (smtps:// or STARTTLS is used when the server offers it). Passwords are write-only.
#pragma once

#include "modules/settings/settings.hpp"

#include <optional>
#include <string>

namespace hearth {

const Setting& MailboxSetting();

struct MailboxConfig {
  std::string imap_url, imap_username, imap_password;
  std::string smtp_url, smtp_username, smtp_password;
  std::string from_address, from_name;
  bool create_cases = true;  // unknown threads from customers become new cases
};

MailboxConfig ReadMailbox(Tx& tx);

}  // namespace hearth
