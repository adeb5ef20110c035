#include "modules/cases/mail_intake.hpp"

#include "core/error.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_store.hpp"
#include "modules/contacts/contact_service.hpp"

#include <regex>

namespace hearth {

namespace {

// The case an email answers, if any: by its threading headers, else by "[Case #N]" in the
// subject when the sender is that case's customer (a stranger cannot post into a case).
std::optional<Case> AnsweredCase(Tx& tx, const ParsedEmail& email) {
  std::vector<std::string> ids = email.references;
  if (!email.in_reply_to.empty()) ids.insert(ids.begin(), email.in_reply_to);
  // Each candidate is locked before it is read: the message will change it.
  auto locked = [&](const std::string& case_id) {
    tx.LockKey("case:" + case_id);
    return CaseStore::Get(tx, case_id);
  };
  for (const std::string& id : ids)
    if (auto case_id = CaseMessageStore::CaseOfEmail(tx, id))
      if (auto c = locked(*case_id); c && !c->archived_at) return c;
  static const std::regex reference(R"(\[Case #(\d{1,15})\])", std::regex::icase);
  std::smatch m;
  if (!std::regex_search(email.subject, m, reference)) return std::nullopt;
  auto c = CaseStore::GetByNumber(tx, std::stoll(m[1].str()));
  if (c) c = locked(c->id);
  if (!c || c->archived_at) return std::nullopt;
  auto contact = ContactService::FindInTx(tx, c->contact_id);
  const json::value* address = contact ? contact->if_contains("email") : nullptr;
  if (!address || !address->is_string()) return std::nullopt;
  std::string known(address->as_string());
  std::transform(known.begin(), known.end(), known.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (known != email.from_address) return std::nullopt;
  return c;
}

void SaveAttachments(Tx& tx, const Case& c, const std::string& message_id, const ParsedEmail& email) {
  for (const EmailAttachment& a : email.attachments) {
    if (a.bytes.empty() || a.bytes.size() > CaseService::kMaxAttachmentBytes) continue;
    try {
      CaseService::AddAttachmentInTx(tx, "", c, message_id, AttachmentUpload{a.filename, a.content_type, a.bytes});
    } catch (const Error&) {
      // A type we do not keep (e.g. an executable): the message is kept without it.
    }
  }
}

}  // namespace

IntakeResult TakeInEmail(Tx& tx, const ParsedEmail& email, const std::string& own_address, bool create_cases) {
  std::string own = own_address;
  std::transform(own.begin(), own.end(), own.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (email.from_address.empty() || email.from_address == own) return {"ignored", ""};
  if (!email.auto_submitted.empty() && email.auto_submitted != "no") return {"ignored", ""};
  if (CaseMessageStore::EmailMessageIdExists(tx, email.message_id)) return {"duplicate", ""};
  tx.LockKey("email:" + email.message_id);  // two polls at once: the second sees the first's message
  if (CaseMessageStore::EmailMessageIdExists(tx, email.message_id)) return {"duplicate", ""};

  CaseMessage m;
  m.body = email.text.empty() ? "(no text)" : email.text.substr(0, 100000);
  m.from_address = email.from_address;
  m.email_message_id = email.message_id;
  if (auto answered = AnsweredCase(tx, email)) {
    Case c = *answered;
    CaseService::AddInboundMessageInTx(tx, c, m);
    auto stored = tx.QueryOne("SELECT id FROM case_messages WHERE email_message_id = ?", {email.message_id});
    SaveAttachments(tx, c, stored->Text(0), email);
    return {"message_added", c.id};
  }
  if (!create_cases) return {"ignored", ""};

  auto [contact_id, created] = ContactService::FindOrCreateByEmail(tx, "", email.from_address, email.from_name);
  std::string subject = email.subject.empty() ? "(no subject)" : email.subject.substr(0, 300);
  Case c = CaseService::OpenInTx(
      tx, "", json::object{{"contact_id", contact_id}, {"subject", subject}, {"channel", "email"}});
  c.email_thread_id = email.message_id;  // replies thread under the customer's first email
  CaseStore::Update(tx, c);
  CaseService::AddInboundMessageInTx(tx, c, m);
  auto stored = tx.QueryOne("SELECT id FROM case_messages WHERE email_message_id = ?", {email.message_id});
  SaveAttachments(tx, c, stored->Text(0), email);
  return {"case_created", c.id};
}

}  // namespace hearth
