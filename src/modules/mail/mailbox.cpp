#include "modules/mail/mailbox.hpp"

#include "core/error.hpp"
#include "core/validation.hpp"

namespace hearth {

namespace {


bool HasScheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  for (std::string_view s : schemes)
    if (url.substr(0, s.size()) == s) return true;
  return false;
}

json::object Validate(const json::object& body, const json::object& current) {
  Validator v(body);
  v.RejectUnknown({"imap_url", "imap_username", "imap_password", "smtp_url", "smtp_username", "smtp_password",
                   "from_address", "from_name", "create_cases"},
                  {"imap_password_set", "smtp_password_set", "updated_at", "updated_by"});
  json::object out = current;
  for (std::string_view name : {"imap_url", "smtp_url", "imap_username", "smtp_username", "imap_password",
                                "smtp_password", "from_name"}) {
    auto f = v.Text(name, 500);
    if (f.present) out[name] = f.value ? json::value(json::string(*f.value)) : json::value(nullptr);
  }
  auto from = v.Email("from_address");
  if (from.present) out["from_address"] = from.value ? json::value(json::string(*from.value)) : json::value(nullptr);
  auto create = v.Bool("create_cases");
  if (create.is_set()) out["create_cases"] = *create.value;
  std::string imap = StringMember(out, "imap_url"), smtp = StringMember(out, "smtp_url");
  if (!imap.empty() && !HasScheme(imap, {"imap://", "imaps://"}))
    v.Add("imap_url", "must start with imap:// or imaps://");
  if (!smtp.empty() && !HasScheme(smtp, {"smtp://", "smtps://"}))
    v.Add("smtp_url", "must start with smtp:// or smtps://");
  if ((!imap.empty() || !smtp.empty()) && StringMember(out, "from_address").empty() && !v.HasError("from_address"))
    v.Add("from_address", "is required once a mail server is set");
  v.Finish();
  return out;
}

}  // namespace

const Setting& MailboxSetting() {
  static const Setting setting{"mailbox",
                               json::object{{"imap_url", nullptr},
                                            {"imap_username", nullptr},
                                            {"imap_password", nullptr},
                                            {"smtp_url", nullptr},
                                            {"smtp_username", nullptr},
                                            {"smtp_password", nullptr},
                                            {"from_address", nullptr},
                                            {"from_name", "Customer service"},
                                            {"create_cases", true}},
                               Validate,
                               {"imap_password", "smtp_password"},
                               Access::kAdmin};
  return setting;
}

MailboxConfig ReadMailbox(Tx& tx) {
  json::object doc = ReadSetting(tx, MailboxSetting());
  MailboxConfig c;
  c.imap_url = StringMember(doc, "imap_url");
  c.imap_username = StringMember(doc, "imap_username");
  c.imap_password = StringMember(doc, "imap_password");
  c.smtp_url = StringMember(doc, "smtp_url");
  c.smtp_username = StringMember(doc, "smtp_username");
  c.smtp_password = StringMember(doc, "smtp_password");
  c.from_address = StringMember(doc, "from_address");
  c.from_name = StringMember(doc, "from_name");
  c.create_cases = doc.at("create_cases").as_bool();
  return c;
}

}  // namespace hearth
