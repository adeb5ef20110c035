// Outgoing email from the domains (case replies, escalation notices, digests): queued in
// the caller's transaction as an `email-send` job (so it goes out exactly when the change
// commits, with retries), then sent over SMTP by the job. Nothing is queued while no
// outgoing server is set in /settings/mailbox.
#pragma once

#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct OutgoingEmail {
  std::string to, subject, text;
  std::optional<std::string> message_id;   // "<…@…>"; one is made when missing
  std::optional<std::string> in_reply_to;  // threading: the message answered
  std::optional<std::string> references;   // threading: the conversation so far
  bool automatic = false;                   // a notice or digest (Auto-Submitted), not a person
};

// Queues the email; false when no outgoing server is set up (nothing queued).
bool QueueEmail(Tx& tx, OutgoingEmail email);
// A new Message-ID in the mailbox's own domain, e.g. "<hearth.k3j…@example.com>".
std::string NewEmailMessageId(Tx& tx);
// True when a mailbox for outgoing mail is configured.
bool OutgoingMailEnabled(Tx& tx);

}  // namespace hearth
