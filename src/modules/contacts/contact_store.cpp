#include "modules/contacts/contact_store.hpp"

#include "core/text_fold.hpp"

#include <algorithm>

namespace hearth {

namespace {

std::string SearchText(const Contact& c, const std::optional<std::string>& company_name) {
  return FoldText(c.first_name.value_or("") + " " + c.last_name.value_or("") + " " + c.email.value_or("") + " " +
                  c.phone.value_or("") + " " + company_name.value_or(""));
}

// Sorts by last name, then first name, then email, so nameless contacts still sort.
std::string NameKey(const Contact& c) {
  return FoldText(c.last_name.value_or("") + " " + c.first_name.value_or("") + " " + c.email.value_or(""));
}

std::string TagsJson(const std::vector<std::string>& tags) {
  json::array arr;
  for (const auto& t : tags) arr.emplace_back(t);
  return json::serialize(arr);
}

std::vector<std::string> ParseTags(const std::string& text) {
  std::vector<std::string> tags;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (!ec && v.is_array())
    for (const auto& t : v.as_array())
      if (t.is_string()) tags.emplace_back(t.as_string());
  return tags;
}

void WriteTags(Tx& tx, const Contact& c) {
  tx.Exec("DELETE FROM contact_tags WHERE contact_id = ?", {c.id});
  for (const auto& tag : c.tags) tx.Exec("INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)", {c.id, tag});
}

}  // namespace

json::object ToJson(const Contact& c) {
  json::array tags;
  for (const auto& t : c.tags) tags.emplace_back(t);
  return json::object{{"id", c.id},
                      {"first_name", OptionalString(c.first_name)},
                      {"last_name", OptionalString(c.last_name)},
                      {"email", OptionalString(c.email)},
                      {"phone", OptionalString(c.phone)},
                      {"company_id", OptionalString(c.company_id)},
                      {"job_title", OptionalString(c.job_title)},
                      {"kind", c.kind},
                      {"owner_id", OptionalString(c.owner_id)},
                      {"phase", c.phase},
                      {"relationship_type", OptionalString(c.relationship_type)},
                      {"birthday", OptionalString(c.birthday)},
                      {"customer_since", OptionalString(c.customer_since)},
                      {"tags", std::move(tags)},
                      {"archived_at", OptionalString(c.archived_at)},
                      {"created_at", c.created_at},
                      {"updated_at", c.updated_at},
                      {"version", c.version}};
}

std::string ContactStore::EmailKey(const std::string& email) {
  std::string key = email;
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return key;
}

const char* ContactStore::Columns() {
  return "contacts.id, contacts.first_name, contacts.last_name, contacts.email, contacts.phone, "
         "contacts.company_id, contacts.job_title, contacts.kind, contacts.owner_id, contacts.phase, "
         "contacts.relationship_type, contacts.birthday, contacts.customer_since, contacts.tags, "
         "contacts.archived_at, contacts.created_at, contacts.updated_at, contacts.version";
}

Contact ContactStore::FromRow(const Row& r) {
  Contact c;
  c.id = r.Text(0);
  c.first_name = r.OptText(1);
  c.last_name = r.OptText(2);
  c.email = r.OptText(3);
  c.phone = r.OptText(4);
  c.company_id = r.OptText(5);
  c.job_title = r.OptText(6);
  c.kind = r.Text(7);
  c.owner_id = r.OptText(8);
  c.phase = r.Text(9);
  c.relationship_type = r.OptText(10);
  c.birthday = r.OptText(11);
  c.customer_since = r.OptText(12);
  c.tags = ParseTags(r.Text(13));
  c.archived_at = r.OptText(14);
  c.created_at = r.Text(15);
  c.updated_at = r.Text(16);
  c.version = r.Int(17);
  return c;
}

std::optional<Contact> ContactStore::Get(Tx& tx, const std::string& id) {
  static const std::string sql = std::string("SELECT ") + Columns() + " FROM contacts WHERE id = ?";
  auto row = tx.QueryOne(sql, {id});
  if (!row) return std::nullopt;
  return FromRow(*row);
}

void ContactStore::Insert(Tx& tx, const Contact& c, const std::optional<std::string>& company_name) {
  tx.Exec("INSERT INTO contacts (id, first_name, last_name, email, email_key, phone, company_id, job_title, kind, "
          "owner_id, phase, relationship_type, birthday, customer_since, tags, search, name_key, first_key, archived_at, "
          "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {c.id, c.first_name, c.last_name, c.email, c.email ? Value(EmailKey(*c.email)) : Value(), c.phone,
           c.company_id, c.job_title, c.kind, c.owner_id, c.phase, c.relationship_type, c.birthday, c.customer_since,
           TagsJson(c.tags), SearchText(c, company_name), NameKey(c), FoldText(c.first_name.value_or("")),
           c.archived_at, c.created_at, c.updated_at, c.version});
  if (!c.tags.empty()) WriteTags(tx, c);
}

void ContactStore::Update(Tx& tx, const Contact& c, const std::optional<std::string>& company_name,
                          bool tags_changed) {
  tx.Exec("UPDATE contacts SET first_name = ?, last_name = ?, email = ?, email_key = ?, phone = ?, company_id = ?, "
          "job_title = ?, kind = ?, owner_id = ?, phase = ?, relationship_type = ?, birthday = ?, "
          "customer_since = ?, tags = ?, search = ?, name_key = ?, first_key = ?, archived_at = ?, updated_at = ?, "
          "version = ? "
          "WHERE id = ?",
          {c.first_name, c.last_name, c.email, c.email ? Value(EmailKey(*c.email)) : Value(), c.phone, c.company_id,
           c.job_title, c.kind, c.owner_id, c.phase, c.relationship_type, c.birthday, c.customer_since,
           TagsJson(c.tags), SearchText(c, company_name), NameKey(c), FoldText(c.first_name.value_or("")),
           c.archived_at, c.updated_at, c.version, c.id});
  if (tags_changed) WriteTags(tx, c);
}

std::optional<std::string> ContactStore::FindByEmail(Tx& tx, const std::string& email, const std::string& except_id) {
  auto row = tx.QueryOne("SELECT id FROM contacts WHERE email_key = ? AND archived_at IS NULL AND id <> ? LIMIT 1",
                         {EmailKey(email), except_id});
  if (!row) return std::nullopt;
  return row->Text(0);
}

void ContactStore::RefreshCompanyName(Tx& tx, const std::string& company_id, const std::string& name) {
  Rows rows = tx.Query(std::string("SELECT ") + Columns() + " FROM contacts WHERE company_id = ?", {company_id});
  for (const Row& row : rows) {
    Contact c = FromRow(row);
    tx.Exec("UPDATE contacts SET search = ? WHERE id = ?", {SearchText(c, name), c.id});
  }
}

}  // namespace hearth
