#include "modules/contacts/contact_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/contacts/contact_store.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"
#include "modules/users/user_service.hpp"

#include <map>

namespace hearth {

namespace {

constexpr size_t kMaxBatch = 1000;
const std::initializer_list<std::string_view> kFields = {
    "first_name", "last_name", "email",    "phone",    "company_id",     "job_title", "kind", "owner_id",
    "phase",      "relationship_type",     "birthday", "customer_since", "tags",      "allow_duplicate"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "created_at", "updated_at", "version", "archived_at"};

template <class T>
void Assign(const Field<T>& f, std::optional<T>& target) {
  if (f.present) target = f.value;
}

Error DuplicateEmail(const std::string& existing_id, const std::string& field) {
  return Error::Conflict("duplicate-email", "A contact with this email already exists: " + existing_id +
                                                ". Send \"allow_duplicate\": true to keep both.")
      .With("existing_id", json::string(existing_id))
      .WithFieldErrors({{field, "is already used by contact " + existing_id}});
}

}  // namespace

ContactService::ContactService(Db& db, CompanyService& companies, std::string phone_region)
    : db_(db), phone_region_(std::move(phone_region)) {
  companies.OnRename([](Tx& tx, const std::string& company_id, const std::string& name) {
    ContactStore::RefreshCompanyName(tx, company_id, name);
  });
}

void ContactService::Apply(Validator& v, Draft& d, bool creating) const {
  Contact& c = d.contact;
  v.RejectUnknown(kFields, kReadOnly);
  auto first = v.Text("first_name");
  auto last = v.Text("last_name");
  auto email = v.Email("email");
  auto phone = v.Phone("phone", phone_region_);
  auto company = v.Id("company_id");
  auto job_title = v.Text("job_title");
  auto kind = v.Enum("kind", kContactKinds);
  auto owner = v.Id("owner_id");
  auto phase = v.Enum("phase", kContactPhases);
  auto relationship = v.Enum("relationship_type", kRelationshipTypes);
  auto birthday = v.Date("birthday", true);
  auto since = v.Date("customer_since", true);
  auto tags = v.Tags("tags");
  auto allow_duplicate = v.Bool("allow_duplicate");

  Assign(first, c.first_name);
  Assign(last, c.last_name);
  Assign(email, c.email);
  Assign(phone, c.phone);
  Assign(company, c.company_id);
  Assign(job_title, c.job_title);
  Assign(owner, c.owner_id);
  Assign(relationship, c.relationship_type);
  Assign(birthday, c.birthday);
  Assign(since, c.customer_since);
  if (kind.is_set()) c.kind = *kind.value;
  else if (kind.present && !v.HasError("kind")) v.Add("kind", "cannot be cleared");
  if (phase.is_set()) c.phase = *phase.value;
  else if (phase.present && !v.HasError("phase")) v.Add("phase", "cannot be cleared");
  if (tags.present) {
    std::vector<std::string> next = tags.value.value_or(std::vector<std::string>{});
    d.tags_changed = next != c.tags;
    if (!v.HasError("tags") && !v.HasError("tags[0]")) c.tags = std::move(next);
  }
  d.allow_duplicate = allow_duplicate.value.value_or(false);

  bool has_identity = c.first_name || c.last_name || c.email;
  bool identity_in_error = v.HasError("first_name") || v.HasError("last_name") || v.HasError("email");
  if (!has_identity && !identity_in_error && (creating || first.present || last.present || email.present))
    v.Add("first_name", "a contact needs a first name, a last name or an email");
}

std::optional<std::string> ContactService::CheckReferences(Tx& tx, const Contact& c, const std::string& prefix) const {
  std::vector<FieldError> errors;
  std::optional<std::string> company_name;
  if (c.company_id) {
    company_name = CompanyService::NameOf(tx, *c.company_id);
    if (!company_name) errors.push_back({prefix + "company_id", "must be the id of an existing company"});
  }
  if (c.owner_id && !UserService::IsActive(tx, *c.owner_id))
    errors.push_back({prefix + "owner_id", "must be the id of an active user"});
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
  return company_name;
}

json::object ContactService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "contacts",
      .columns = ContactStore::Columns(),
      .sorts = {{"created_at", "contacts.seq"},
                {"updated_at", "contacts.updated_at"},
                {"name", "contacts.name_key"},
                {"email", "COALESCE(contacts.email_key, '')"}},
      .filters = {"owner_id", "company_id", "kind", "phase", "relationship_type"},
      .extra = {"tag", "email"},
      .prefix_columns = {"name_key", "first_key", "email_key"},
  };
  ListQuery query(ctx, spec);
  if (auto tag = query.Param("tag"))
    query.Where("contacts.id IN (SELECT contact_id FROM contact_tags WHERE tag = ?)", {std::string(*tag)});
  if (auto email = query.Param("email"))
    query.Where("contacts.email_key = ?", {ContactStore::EmailKey(std::string(*email))});
  return query.Run(db_, [](const Row& r) { return ToJson(ContactStore::FromRow(r)); });
}

json::object ContactService::Get(const std::string& id) {
  auto c = db_.Read([&](Tx& tx) { return ContactStore::Get(tx, id); });
  if (!c) throw Error::NotFound("No contact has that id.");
  return ToJson(*c);
}

json::object ContactService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Draft d;
  Apply(v, d, true);
  v.Finish();
  Contact& c = d.contact;
  c.id = NewId("con");
  c.created_at = c.updated_at = NowText();
  return db_.Write([&](Tx& tx) {
    auto company_name = CheckReferences(tx, c, "");
    if (c.email && !d.allow_duplicate) {
      tx.LockKey("contact-email:" + ContactStore::EmailKey(*c.email));
      if (auto existing = ContactStore::FindByEmail(tx, *c.email, c.id)) throw DuplicateEmail(*existing, "email");
    }
    ContactStore::Insert(tx, c, company_name);
    json::object out = ToJson(c);
    AuditService::RecordCreate(tx, actor_id, "contact", c.id, out);
    return out;
  });
}

json::array ContactService::CreateBatch(const std::string& actor_id, const json::object& body) {
  const json::array& items = BatchItems(body, kMaxBatch);
  std::vector<Draft> drafts(items.size());
  std::vector<FieldError> errors;
  std::string now = NowText();
  for (size_t i = 0; i < items.size(); ++i) {
    Validator v(items[i].as_object(), "items[" + std::to_string(i) + "].");
    Apply(v, drafts[i], true);
    for (auto& e : v.errors())
      if (errors.size() <= Validator::kMaxErrors) errors.push_back(std::move(e));
    drafts[i].contact.id = NewId("con");
    drafts[i].contact.created_at = drafts[i].contact.updated_at = now;
  }
  if (!errors.empty()) throw Error::Invalid(std::move(errors));

  return db_.Write([&](Tx& tx) {
    std::vector<FieldError> conflicts;
    std::string first_existing;
    std::map<std::string, size_t> seen;  // email key → first item index in this batch
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Contact& c = drafts[i].contact;
      if (!c.email || drafts[i].allow_duplicate) continue;
      std::string key = ContactStore::EmailKey(*c.email);
      std::string field = "items[" + std::to_string(i) + "].email";
      tx.LockKey("contact-email:" + key);
      if (auto existing = ContactStore::FindByEmail(tx, *c.email, c.id)) {
        conflicts.push_back({field, "is already used by contact " + *existing});
        if (first_existing.empty()) first_existing = *existing;
      } else if (auto [it, fresh] = seen.emplace(key, i); !fresh) {
        conflicts.push_back({field, "repeats the email of items[" + std::to_string(it->second) + "]"});
      }
    }
    if (!conflicts.empty()) {
      Error e = Error::Conflict("duplicate-email", "Some contacts in the batch have emails that are already used.");
      if (!first_existing.empty()) e.With("existing_id", json::string(first_existing));
      throw e.WithFieldErrors(std::move(conflicts));
    }
    json::array out;
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Contact& c = drafts[i].contact;
      auto company_name = CheckReferences(tx, c, "items[" + std::to_string(i) + "].");
      ContactStore::Insert(tx, c, company_name);
      json::object record = ToJson(c);
      AuditService::RecordCreate(tx, actor_id, "contact", c.id, record);
      out.push_back(std::move(record));
    }
    return out;
  });
}

json::object ContactService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                    std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    tx.LockKey("contact:" + id);  // concurrent changes of one record queue up (PostgreSQL)
    auto current = ContactStore::Get(tx, id);
    if (!current) throw Error::NotFound("No contact has that id.");
    RequireVersion(current->version, if_match);
    Draft d{*current};
    Validator v(patch);
    Apply(v, d, false);
    v.Finish();
    Contact& c = d.contact;
    json::object before = ToJson(*current);
    if (ToJson(c) == before) return before;  // nothing changed: no new version
    auto company_name = CheckReferences(tx, c, "");
    bool email_changed = c.email && (!current->email ||
                                     ContactStore::EmailKey(*c.email) != ContactStore::EmailKey(*current->email));
    if (email_changed && !d.allow_duplicate) {
      tx.LockKey("contact-email:" + ContactStore::EmailKey(*c.email));
      if (auto existing = ContactStore::FindByEmail(tx, *c.email, c.id)) throw DuplicateEmail(*existing, "email");
    }
    c.updated_at = NowText();
    c.version = current->version + 1;
    ContactStore::Update(tx, c, company_name, d.tags_changed);
    json::object after = ToJson(c);
    AuditService::RecordUpdate(tx, actor_id, "contact", c.id, before, after);
    return after;
  });
}

void ContactService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("contact:" + id);
    auto c = ContactStore::Get(tx, id);
    if (!c) throw Error::NotFound("No contact has that id.");
    RequireVersion(c->version, if_match);
    if (c->archived_at) return;  // archiving twice changes nothing
    std::optional<std::string> company_name;
    if (c->company_id) company_name = CompanyService::NameOf(tx, *c->company_id);
    c->archived_at = c->updated_at = NowText();
    c->version += 1;
    ContactStore::Update(tx, *c, company_name, false);
    AuditService::RecordArchive(tx, actor_id, "contact", c->id, *c->archived_at);
  });
}

}  // namespace hearth
