// Sending one email over SMTP with libcurl (smtp:// upgrades with STARTTLS when the
// server offers it; smtps:// is TLS from the start). Throws Error on any failure, so the
// email job retries with backoff.
#pragma once

#include <string>

namespace hearth {

struct SmtpServer {
  std::string url, username, password;
};

void SendSmtp(const SmtpServer& server, const std::string& from_address, const std::string& to_address,
              const std::string& message);

}  // namespace hearth
