// CaseService holds the rules of the service desk: opening a case (routing it to one
// owner, matching its SLA policy, starting its clocks), status changes (new → open →
// pending → resolved → closed, reopen) that stop and start the clocks, messages (the
// first public staff reply is the first response; public replies go out by email),
// attachments (size and type checked), a sales lead for the customer's owner, and the
// SLA timer that moves a case to warning or breached and escalates it.
// Every change is one transaction with its timeline entry, case event and audit record.
#pragma once

#include "http/request.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/case_message.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>

namespace hearth {

struct AttachmentUpload {
  std::string filename, content_type, bytes;
};

class CaseService {
 public:
  explicit CaseService(Db& db) : db_(db) {}

  json::object List(const Ctx& ctx);
  json::object Get(const std::string& id);
  json::object Create(const std::string& actor_id, const json::object& body);
  json::object Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                      std::optional<int64_t> if_match);
  void Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match);

  json::object AddMessage(const std::string& actor_id, const std::string& id, const json::object& body);
  json::object Messages(const std::string& id, const Ctx& ctx);
  json::object Events(const std::string& id);
  json::object AddAttachment(const std::string& actor_id, const std::string& id, const AttachmentUpload& upload);
  json::object Attachments(const std::string& id);
  // The stored file: metadata and raw bytes.
  std::pair<CaseAttachment, std::string> Attachment(const std::string& id, const std::string& attachment_id);
  // POST /cases/{id}/sales-lead: a `sales_lead` task for the customer's owner.
  json::object SalesLead(const std::string& actor_id, const std::string& id, const json::object& body);

  // The SLA timer job: re-evaluates the case at Now() and escalates on a new warning or breach.
  void OnSlaTimer(const std::string& case_id);

  // For other modules, inside their transaction: the case, archived or not.
  static std::optional<Case> FindInTx(Tx& tx, const std::string& id);
  // A customer's open complaints, and its cases opened since `since` whose service level
  // was breached (one query: the health score asks per request).
  static std::pair<int, int> OpenComplaintsAndBreachesInTx(Tx& tx, const std::string& contact_id,
                                                           const std::string& since);

  // For email intake, inside its transaction. `actor_id` "" is the system.
  static Case OpenInTx(Tx& tx, const std::string& actor_id, const json::object& body);
  static void AddInboundMessageInTx(Tx& tx, Case& c, CaseMessage m);
  static void AddAttachmentInTx(Tx& tx, const std::string& actor_id, const Case& c,
                                const std::optional<std::string>& message_id, const AttachmentUpload& upload);

  // Refuses files over this size (413) and types not on the allow-list (415).
  static constexpr size_t kMaxAttachmentBytes = 5 * 1024 * 1024;

 private:
  Db& db_;
};

}  // namespace hearth
