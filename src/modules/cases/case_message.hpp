// The conversation of a case: public replies (sent to the customer by email when a
// mailbox is set up), internal notes (staff only), and the customer's own messages
// (from email or the portal). Also the files attached to a case, and the case events
// (assignment, status, escalation, sales lead) shown beside the conversation.
#pragma once

#include "core/json.hpp"
#include "storage/db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hearth {

struct CaseMessage {
  std::string id, case_id, body;
  bool is_public = false;
  std::string direction = "outbound";  // outbound: staff; inbound: the customer
  std::optional<std::string> author_id, from_address, email_message_id;
  std::string created_at;
};

struct CaseAttachment {
  std::string id, case_id;
  std::optional<std::string> message_id;
  std::string filename, content_type;
  int64_t size_bytes = 0;
  std::string sha256;
  std::optional<std::string> uploaded_by;
  std::string created_at;
};

struct CaseEvent {
  std::string case_id, kind;  // opened, assigned, status, priority, escalation, sales_lead, sla
  std::optional<std::string> user_id;
  std::string detail;
  json::object data;
};

json::object ToJson(const CaseMessage& m);
json::object ToJson(const CaseAttachment& a);

struct CaseMessageStore {
  static void Insert(Tx& tx, const CaseMessage& m);
  static std::vector<CaseMessage> List(Tx& tx, const std::string& case_id, int64_t after_seq, int limit,
                                       std::vector<int64_t>& seqs);
  static bool EmailMessageIdExists(Tx& tx, const std::string& email_message_id);
  // The case a Message-ID belongs to (a message of the conversation, or its first email).
  static std::optional<std::string> CaseOfEmail(Tx& tx, const std::string& email_message_id);

  static void InsertAttachment(Tx& tx, const CaseAttachment& a, const std::string& content_base64);
  static std::vector<CaseAttachment> Attachments(Tx& tx, const std::string& case_id);
  // The attachment with its content (base64), if it belongs to the case.
  static std::optional<std::pair<CaseAttachment, std::string>> Attachment(Tx& tx, const std::string& case_id,
                                                                          const std::string& id);

  static void AddEvent(Tx& tx, const CaseEvent& e);
  static json::array Events(Tx& tx, const std::string& case_id);
};

}  // namespace hearth
