#include "modules/mail/mail_service.hpp"

#include "core/error.hpp"
#include "jobs/email_message.hpp"
#include "jobs/imap_client.hpp"
#include "jobs/smtp_client.hpp"
#include "modules/cases/mail_intake.hpp"
#include "modules/mail/mailbox.hpp"

#include <spdlog/spdlog.h>

#include <map>

namespace hearth {

namespace {

constexpr size_t kMaxPerPoll = 200;  // the rest waits for the next poll


}  // namespace

json::object MailService::Poll() {
  MailboxConfig config = db_.Read([](Tx& tx) { return ReadMailbox(tx); });
  if (config.imap_url.empty()) return json::object{{"configured", false}};
  ImapMailbox box{config.imap_url, config.imap_username, config.imap_password};
  std::map<std::string, int64_t> counts{{"fetched", 0},    {"case_created", 0}, {"message_added", 0},
                                        {"duplicate", 0},  {"ignored", 0},      {"failed", 0}};
  std::vector<int64_t> uids = UnseenUids(box);
  if (uids.size() > kMaxPerPoll) uids.resize(kMaxPerPoll);
  for (int64_t uid : uids) {
    std::string raw = FetchMessage(box, uid);
    ++counts["fetched"];
    ParsedEmail email = ParseEmail(raw);
    try {
      IntakeResult r = db_.Write([&](Tx& tx) { return TakeInEmail(tx, email, config.from_address, config.create_cases); });
      ++counts[r.outcome];
    } catch (const Error& e) {
      if (e.status() == 409) {  // another poll took the same email in at the same moment
        ++counts["duplicate"];
        MarkSeen(box, uid);
        continue;
      }
      if (e.status() >= 500) {  // the database, not the email: leave it for the next poll
        MarkUnseen(box, uid);
        throw;
      }
      // An email we cannot take in (e.g. invalid fields) must not block the inbox forever.
      spdlog::warn("mail-poll: email {} from {} not taken in: {}", email.message_id, email.from_address, e.detail());
      ++counts["failed"];
    }
    MarkSeen(box, uid);
  }
  return json::object{{"configured", true},
                      {"fetched", counts["fetched"]},
                      {"cases_created", counts["case_created"]},
                      {"messages_added", counts["message_added"]},
                      {"duplicates", counts["duplicate"]},
                      {"ignored", counts["ignored"]},
                      {"failed", counts["failed"]}};
}

void MailService::Send(const json::object& payload) {
  MailboxConfig config = db_.Read([](Tx& tx) { return ReadMailbox(tx); });
  if (config.smtp_url.empty()) throw Error::Unavailable("No outgoing mail server is set up in /settings/mailbox.");
  ComposedEmail email;
  email.from_address = config.from_address;
  email.from_name = config.from_name;
  email.to = StringMember(payload, "to");
  email.subject = StringMember(payload, "subject");
  email.text = StringMember(payload, "text");
  email.message_id = StringMember(payload, "message_id");
  email.in_reply_to = StringMember(payload, "in_reply_to");
  email.references = StringMember(payload, "references");
  email.automatic = payload.contains("automatic") && payload.at("automatic").as_bool();
  SendSmtp(SmtpServer{config.smtp_url, config.smtp_username, config.smtp_password}, config.from_address, email.to,
           ComposeEmail(email));
}

void MailService::RegisterJobs(JobQueue& jobs) {
  jobs.Register("email-send", [this](const json::object& payload) { Send(payload); });
  jobs.RegisterPeriodic("mail-poll", std::chrono::seconds(60), [this](const json::object&) { Poll(); });
}

}  // namespace hearth
