#include "modules/cases/case_message.hpp"

#include "core/ids.hpp"
#include "core/markdown.hpp"
#include "core/time.hpp"

namespace hearth {

namespace {

constexpr const char* kMessageColumns =
    "id, case_id, body, public, direction, author_id, from_address, email_message_id, created_at, seq";
constexpr const char* kAttachmentColumns =
    "id, case_id, message_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at";

CaseMessage MessageFromRow(const Row& r) {
  CaseMessage m;
  m.id = r.Text(0);
  m.case_id = r.Text(1);
  m.body = r.Text(2);
  m.is_public = r.Int(3) != 0;
  m.direction = r.Text(4);
  m.author_id = r.OptText(5);
  m.from_address = r.OptText(6);
  m.email_message_id = r.OptText(7);
  m.created_at = r.Text(8);
  return m;
}

CaseAttachment AttachmentFromRow(const Row& r) {
  CaseAttachment a;
  a.id = r.Text(0);
  a.case_id = r.Text(1);
  a.message_id = r.OptText(2);
  a.filename = r.Text(3);
  a.content_type = r.Text(4);
  a.size_bytes = r.Int(5);
  a.sha256 = r.Text(6);
  a.uploaded_by = r.OptText(7);
  a.created_at = r.Text(8);
  return a;
}

}  // namespace

json::object ToJson(const CaseMessage& m) {
  return json::object{{"id", m.id},
                      {"case_id", m.case_id},
                      {"body", m.body},
                      {"body_html", RenderMarkdown(m.body)},
                      {"public", m.is_public},
                      {"direction", m.direction},
                      {"author_id", OptionalString(m.author_id)},
                      {"from_address", OptionalString(m.from_address)},
                      {"created_at", m.created_at}};
}

json::object ToJson(const CaseAttachment& a) {
  return json::object{{"id", a.id},
                      {"case_id", a.case_id},
                      {"message_id", OptionalString(a.message_id)},
                      {"filename", a.filename},
                      {"content_type", a.content_type},
                      {"size_bytes", a.size_bytes},
                      {"sha256", a.sha256},
                      {"uploaded_by", OptionalString(a.uploaded_by)},
                      {"created_at", a.created_at}};
}

void CaseMessageStore::Insert(Tx& tx, const CaseMessage& m) {
  tx.Exec("INSERT INTO case_messages (id, case_id, body, public, direction, author_id, from_address, "
          "email_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {m.id, m.case_id, m.body, m.is_public, m.direction, m.author_id, m.from_address, m.email_message_id,
           m.created_at});
}

std::vector<CaseMessage> CaseMessageStore::List(Tx& tx, const std::string& case_id, int64_t after_seq, int limit,
                                                std::vector<int64_t>& seqs) {
  std::vector<CaseMessage> out;
  for (const Row& r : tx.Query(std::string("SELECT ") + kMessageColumns +
                                   " FROM case_messages WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                               {case_id, after_seq, limit})) {
    out.push_back(MessageFromRow(r));
    seqs.push_back(r.Int(9));
  }
  return out;
}

bool CaseMessageStore::EmailMessageIdExists(Tx& tx, const std::string& email_message_id) {
  return tx.QueryOne("SELECT 1 FROM case_messages WHERE email_message_id = ?", {email_message_id}).has_value();
}

std::optional<std::string> CaseMessageStore::CaseOfEmail(Tx& tx, const std::string& email_message_id) {
  if (auto row = tx.QueryOne("SELECT case_id FROM case_messages WHERE email_message_id = ?", {email_message_id}))
    return row->Text(0);
  if (auto row = tx.QueryOne("SELECT id FROM cases WHERE email_thread_id = ?", {email_message_id}))
    return row->Text(0);
  return std::nullopt;
}

void CaseMessageStore::InsertAttachment(Tx& tx, const CaseAttachment& a, const std::string& content_base64) {
  tx.Exec("INSERT INTO case_attachments (id, case_id, message_id, filename, content_type, size_bytes, sha256, "
          "content, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {a.id, a.case_id, a.message_id, a.filename, a.content_type, a.size_bytes, a.sha256, content_base64,
           a.uploaded_by, a.created_at});
}

std::vector<CaseAttachment> CaseMessageStore::Attachments(Tx& tx, const std::string& case_id) {
  std::vector<CaseAttachment> out;
  for (const Row& r : tx.Query(std::string("SELECT ") + kAttachmentColumns +
                                   " FROM case_attachments WHERE case_id = ? ORDER BY seq LIMIT 500",
                               {case_id}))
    out.push_back(AttachmentFromRow(r));
  return out;
}

std::optional<std::pair<CaseAttachment, std::string>> CaseMessageStore::Attachment(Tx& tx, const std::string& case_id,
                                                                                   const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kAttachmentColumns +
                             ", content FROM case_attachments WHERE case_id = ? AND id = ?",
                         {case_id, id});
  if (!row) return std::nullopt;
  return std::pair{AttachmentFromRow(*row), row->Text(9)};
}

void CaseMessageStore::AddEvent(Tx& tx, const CaseEvent& e) {
  tx.Exec("INSERT INTO case_events (id, case_id, kind, at, user_id, detail, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
          {NewId("cev"), e.case_id, e.kind, NowText(), e.user_id, e.detail, json::serialize(e.data)});
}

json::array CaseMessageStore::Events(Tx& tx, const std::string& case_id) {
  json::array out;
  for (const Row& r : tx.Query("SELECT id, kind, at, user_id, detail, data FROM case_events WHERE case_id = ? "
                               "ORDER BY seq LIMIT 1000",
                               {case_id}))
    out.push_back(json::object{{"id", r.Text(0)},
                               {"kind", r.Text(1)},
                               {"at", r.Text(2)},
                               {"user_id", OptionalString(r.OptText(3))},
                               {"detail", r.Text(4)},
                               {"data", json::parse(r.Text(5))}});
  return out;
}

}  // namespace hearth
