#include "modules/contacts/contact_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/contacts/contact_store.hpp"
#include "modules/list_query.hpp"
#include "modules/timeline/timeline_service.hpp"
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

std::pair<std::string, bool> ContactService::FindOrCreateByEmail(Tx& tx, const std::string& actor_id,
                                                                 const std::string& email,
                                                                 const std::string& display_name,
                                                                 std::string_view kind) {
  tx.LockKey("contact-email:" + ContactStore::EmailKey(email));
  if (auto existing = ContactStore::FindByEmail(tx, email, "")) return {*existing, false};
  Contact c;
  c.id = NewId("con");
  c.email = email;
  c.kind = std::string(kind);
  std::string name = display_name.substr(0, 200);
  size_t space = name.rfind(' ');
  if (!name.empty()) c.first_name = space == std::string::npos ? name : name.substr(0, space);
  if (space != std::string::npos && space + 1 < name.size()) c.last_name = name.substr(space + 1);
  c.created_at = c.updated_at = NowText();
  ContactStore::Insert(tx, c, std::nullopt);
  AuditService::RecordCreate(tx, actor_id, "contact", c.id, ToJson(c));
  return {c.id, true};
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
    RecordChange(tx, actor_id, *current, c, std::nullopt);
    return ToJson(c);
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

static std::string DisplayName(const std::optional<std::string>& first, const std::optional<std::string>& last,
                               const std::optional<std::string>& email, const std::string& id) {
  std::string name = first.value_or("");
  if (last) name += (name.empty() ? "" : " ") + *last;
  if (name.empty()) name = email.value_or(id);
  return name;
}

static std::string DisplayName(const Contact& c) { return DisplayName(c.first_name, c.last_name, c.email, c.id); }

void ContactService::RecordChange(Tx& tx, const std::string& actor_id, const Contact& before, const Contact& after,
                                  const std::optional<std::string>& phase_reason) {
  std::string now = after.updated_at;
  if (before.phase != after.phase) {
    tx.Exec("INSERT INTO phase_history (id, contact_id, from_phase, to_phase, at, user_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {NewId("phs"), after.id, before.phase, after.phase, now, actor_id.empty() ? Value() : Value(actor_id),
             phase_reason});
    json::object data{{"from", before.phase}, {"to", after.phase}};
    if (phase_reason) data["reason"] = *phase_reason;
    TimelineService::Append(tx, TimelineEvent{after.id, "phase_change", now, after.id,
                                              "Phase: " + before.phase + " → " + after.phase +
                                                  (phase_reason ? " (" + *phase_reason + ")" : ""),
                                              actor_id.empty() ? std::nullopt : std::optional(actor_id),
                                              std::move(data)});
  }
  if (before.owner_id != after.owner_id) {
    auto name_of = [&](const std::optional<std::string>& id) -> std::string {
      if (!id) return "nobody";
      auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?", {*id});
      return row ? row->Text(0) : *id;
    };
    json::object data{{"from", OptionalString(before.owner_id)}, {"to", OptionalString(after.owner_id)}};
    TimelineService::Append(tx, TimelineEvent{after.id, "owner_change", now, after.id,
                                              "Owner: " + name_of(before.owner_id) + " → " + name_of(after.owner_id),
                                              actor_id.empty() ? std::nullopt : std::optional(actor_id),
                                              std::move(data)});
  }
  AuditService::RecordUpdate(tx, actor_id, "contact", after.id, ToJson(before), ToJson(after));
}

json::object ContactService::MovePhase(const std::string& actor_id, const std::string& id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"phase", "reason"});
  auto phase = v.Enum("phase", kContactPhases);
  auto reason = v.Text("reason", 500);
  v.Require("phase", phase);
  v.Finish();
  return db_.Write([&](Tx& tx) {
    tx.LockKey("contact:" + id);
    auto current = ContactStore::Get(tx, id);
    if (!current || current->archived_at) throw Error::NotFound("No contact has that id.");
    if (current->phase == *phase.value) return ToJson(*current);
    Contact c = *current;
    c.phase = *phase.value;
    c.updated_at = NowText();
    c.version = current->version + 1;
    std::optional<std::string> company_name;
    if (c.company_id) company_name = CompanyService::NameOf(tx, *c.company_id);
    ContactStore::Update(tx, c, company_name, false);
    RecordChange(tx, actor_id, *current, c, reason.value);
    return ToJson(c);
  });
}

json::object ContactService::Phases(const std::string& id) {
  return db_.Read([&](Tx& tx) {
    auto c = ContactStore::Get(tx, id);
    if (!c) throw Error::NotFound("No contact has that id.");
    Rows rows = tx.Query("SELECT from_phase, to_phase, at, user_id, reason FROM phase_history WHERE contact_id = ? "
                         "ORDER BY seq",
                         {id});
    json::array history;
    json::object durations;
    for (auto p : kContactPhases) durations[p] = 0;
    // The first phase starts at creation; each change ends one phase and starts the next.
    std::string phase = rows.empty() ? c->phase : (rows.front().IsNull(0) ? c->phase : rows.front().Text(0));
    SysTime since = ParseTime(c->created_at).value_or(Now());
    auto spend = [&](const std::string& p, SysTime until) {
      if (until > since && durations.contains(p))
        durations[p] = durations[p].to_number<int64_t>() + UnixSeconds(until) - UnixSeconds(since);
    };
    for (const Row& r : rows) {
      SysTime at = ParseTime(r.Text(2)).value_or(since);
      spend(phase, at);
      phase = r.Text(1);
      since = at;
      history.push_back(json::object{{"from", OptionalString(r.OptText(0))},
                                     {"to", r.Text(1)},
                                     {"at", r.Text(2)},
                                     {"user_id", OptionalString(r.OptText(3))},
                                     {"reason", OptionalString(r.OptText(4))}});
    }
    spend(c->phase, c->archived_at ? ParseTime(*c->archived_at).value_or(Now()) : Now());
    return json::object{{"contact_id", id}, {"current", c->phase}, {"history", std::move(history)},
                        {"durations", std::move(durations)}};
  });
}

json::object ContactService::Reassign(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  v.RejectUnknown({"to_owner_id", "from_owner_id", "contact_ids"});
  auto to = v.Id("to_owner_id");
  auto from = v.Id("from_owner_id");
  auto ids = v.Tags("contact_ids", 1000, 64);
  if (!to.present) v.Add("to_owner_id", "is required (null clears the owner)");
  if (from.is_set() == ids.is_set()) v.Add("from_owner_id", "give either from_owner_id or contact_ids");
  v.Finish();
  return db_.Write([&](Tx& tx) {
    if (to.value && !UserService::IsActive(tx, *to.value))
      throw Error::Invalid({{"to_owner_id", "must be the id of an active user"}});
    static const std::string by_owner =
        std::string("SELECT ") + ContactStore::Columns() + " FROM contacts WHERE owner_id = ? AND archived_at IS NULL";
    std::vector<Contact> moving;
    if (from.value) {
      for (const Row& r : tx.Query(by_owner, {*from.value})) moving.push_back(ContactStore::FromRow(r));
    } else {
      for (size_t i = 0; i < ids.value->size(); ++i) {
        auto c = ContactStore::Get(tx, (*ids.value)[i]);
        if (!c || c->archived_at)
          throw Error::Invalid({{"contact_ids[" + std::to_string(i) + "]", "must be the id of a contact that is not archived"}});
        moving.push_back(std::move(*c));
      }
    }
    std::string now = NowText();
    int64_t moved = 0;
    std::map<std::string, std::optional<std::string>> company_names;
    for (const Contact& current : moving) {
      if (current.owner_id == to.value) continue;
      Contact c = current;
      c.owner_id = to.value;
      c.updated_at = now;
      c.version = current.version + 1;
      std::optional<std::string> company_name;
      if (c.company_id) {
        auto [it, fresh] = company_names.try_emplace(*c.company_id);
        if (fresh) it->second = CompanyService::NameOf(tx, *c.company_id);
        company_name = it->second;
      }
      ContactStore::Update(tx, c, company_name, false);
      RecordChange(tx, actor_id, current, c, std::nullopt);
      ++moved;
    }
    return json::object{{"moved", moved}};
  });
}

std::optional<std::string> ContactService::ActiveName(Tx& tx, const std::string& id) {
  auto c = ContactStore::Get(tx, id);
  if (!c || c->archived_at) return std::nullopt;
  return DisplayName(*c);
}

std::optional<json::object> ContactService::FindInTx(Tx& tx, const std::string& id) {
  auto c = ContactStore::Get(tx, id);
  if (!c || c->archived_at) return std::nullopt;
  return ToJson(*c);
}

std::vector<ContactService::Celebration> ContactService::Celebrating(Tx& tx, std::string_view field,
                                                                     const std::vector<std::string>& month_days) {
  std::vector<Celebration> out;
  if (month_days.empty() || (field != "birthday" && field != "customer_since")) return out;
  std::string f(field), marks;
  Params params;
  for (const auto& md : month_days) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(md);
  }
  for (const Row& r : tx.Query(std::string("SELECT ") + ContactStore::Columns() + " FROM contacts WHERE substr(" + f +
                                   ", 6, 5) IN (" + marks + ") AND owner_id IS NOT NULL AND archived_at IS NULL",
                               params)) {
    Contact c = ContactStore::FromRow(r);
    out.push_back({c.id, DisplayName(c), *c.owner_id, f == "birthday" ? *c.birthday : *c.customer_since});
  }
  return out;
}

static constexpr const char* kBriefColumns =
    "SELECT id, seq, first_name, last_name, email, owner_id, phase FROM contacts";

static ContactService::Brief BriefOf(const Row& r) {
  return ContactService::Brief{r.Text(0), r.Int(1), DisplayName(r.OptText(2), r.OptText(3), r.OptText(4), r.Text(0)),
                               r.OptText(5), r.Text(6)};
}

std::optional<ContactService::Brief> ContactService::BriefInTx(Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kBriefColumns) + " WHERE id = ?", {id});
  if (!row) return std::nullopt;
  return BriefOf(*row);
}

std::map<int64_t, ContactService::Brief> ContactService::BriefsBySeq(Tx& tx, const std::vector<int64_t>& seqs) {
  std::map<int64_t, Brief> out;
  for (size_t i = 0; i < seqs.size(); i += 500) {  // 500 parameters a query at most
    size_t n = std::min<size_t>(500, seqs.size() - i);
    std::string marks;
    Params params;
    for (size_t j = 0; j < n; ++j) marks += j ? ",?" : "?", params.emplace_back(seqs[i + j]);
    for (const Row& r : tx.Query(std::string(kBriefColumns) + " WHERE seq IN (" + marks + ")", params))
      out[r.Int(1)] = BriefOf(r);
  }
  return out;
}

}  // namespace hearth
