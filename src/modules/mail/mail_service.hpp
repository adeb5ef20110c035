// The desk's mail traffic: sending queued emails (the `email-send` job) over SMTP, and
// polling the IMAP inbox (the `mail-poll` job, every minute, or POST /mailbox/poll):
// each unseen email is taken in (a new case, or a message on the case it answers) in its
// own transaction, then marked seen. An email taken in whose "seen" mark was lost is
// recognised by its Message-ID next time, so nothing is taken in twice.
#pragma once

#include "core/json.hpp"
#include "jobs/job_queue.hpp"
#include "storage/db.hpp"

namespace hearth {

class MailService {
 public:
  explicit MailService(Db& db) : db_(db) {}

  // {"fetched", "cases_created", "messages_added", "duplicates", "ignored", "failed"};
  // {"configured": false} when no inbox is set up.
  json::object Poll();
  void Send(const json::object& payload);

  void RegisterJobs(JobQueue& jobs);

 private:
  Db& db_;
};

}  // namespace hearth
