#include "modules/mail/outbox.hpp"

#include "core/crypto.hpp"
#include "core/time.hpp"
#include "jobs/job_queue.hpp"
#include "modules/mail/mailbox.hpp"

namespace hearth {

bool OutgoingMailEnabled(Tx& tx) {
  MailboxConfig m = ReadMailbox(tx);
  return !m.smtp_url.empty() && !m.from_address.empty();
}

std::string NewEmailMessageId(Tx& tx) {
  std::string from = ReadMailbox(tx).from_address;
  size_t at = from.find('@');
  std::string domain = at == std::string::npos ? "hearth.invalid" : from.substr(at + 1);
  return "<" + NewSecretToken("hearth.") + "@" + domain + ">";
}

bool QueueEmail(Tx& tx, OutgoingEmail email) {
  if (!OutgoingMailEnabled(tx)) return false;
  if (!email.message_id) email.message_id = NewEmailMessageId(tx);
  json::object payload{{"to", email.to}, {"subject", email.subject}, {"text", email.text},
                       {"message_id", *email.message_id}};
  if (email.in_reply_to) payload["in_reply_to"] = *email.in_reply_to;
  if (email.references) payload["references"] = *email.references;
  if (email.automatic) payload["automatic"] = true;
  JobQueue::Enqueue(tx, "email-send", payload, NowText());
  return true;
}

}  // namespace hearth
