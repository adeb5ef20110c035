#include "modules/companies/company_service.hpp"

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "core/validation.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/companies/company_store.hpp"
#include "modules/list_query.hpp"
#include "modules/record.hpp"
#include "modules/users/user_service.hpp"

namespace hearth {

namespace {

constexpr size_t kMaxBatch = 1000;
const std::initializer_list<std::string_view> kFields = {"name", "domain", "industry", "owner_id", "phone", "address"};
const std::initializer_list<std::string_view> kReadOnly = {"id", "created_at", "updated_at", "version", "archived_at"};

}  // namespace

void CompanyService::Apply(Validator& v, Company& c, bool creating) {
  v.RejectUnknown(kFields, kReadOnly);
  auto name = v.Text("name");
  auto domain = v.Domain("domain");
  auto industry = v.Text("industry", 100);
  auto owner = v.Id("owner_id");
  auto phone = v.Phone("phone", phone_region_);
  auto address = v.Text("address", 1000, true);
  if (name.present && !name.value && !v.HasError("name")) v.Add("name", "is required");
  if (creating) v.Require("name", name);
  if (name.is_set()) c.name = *name.value;
  Assign(domain, c.domain);
  Assign(industry, c.industry);
  Assign(owner, c.owner_id);
  Assign(phone, c.phone);
  Assign(address, c.address);
}

void CompanyService::CheckOwner(Tx& tx, const Company& c, const std::string& field) const {
  if (c.owner_id && !UserService::IsActive(tx, *c.owner_id))
    throw Error::Invalid({{field, "must be the id of an active user"}});
}

json::object CompanyService::List(const Ctx& ctx) {
  static const ListSpec spec{
      .table = "companies",
      .columns = CompanyStore::Columns(),
      .sorts = {{"created_at", "companies.seq"},
                {"updated_at", "companies.updated_at"},
                {"name", "companies.name_key"}},
      .filters = {"owner_id", "industry", "domain"},
  };
  ListQuery query(ctx, spec);
  return query.Run(db_, [](const Row& r) { return ToJson(CompanyStore::FromRow(r)); });
}

json::object CompanyService::Get(const std::string& id) {
  auto c = db_.Read([&](Tx& tx) { return CompanyStore::Get(tx, id); });
  if (!c) throw Error::NotFound("No company has that id.");
  return ToJson(*c);
}

json::object CompanyService::Create(const std::string& actor_id, const json::object& body) {
  Validator v(body);
  Company c;
  Apply(v, c, true);
  v.Finish();
  c.id = NewId("com");
  c.created_at = c.updated_at = NowText();
  return db_.Write([&](Tx& tx) {
    CheckOwner(tx, c, "owner_id");
    CompanyStore::Insert(tx, c);
    json::object out = ToJson(c);
    AuditService::RecordCreate(tx, actor_id, "company", c.id, out);
    return out;
  });
}

json::array CompanyService::CreateBatch(const std::string& actor_id, const json::object& body) {
  const json::array& items = BatchItems(body, kMaxBatch);
  std::vector<Company> companies(items.size());
  std::vector<FieldError> errors;
  std::string now = NowText();
  for (size_t i = 0; i < items.size(); ++i) {
    Validator v(items[i].as_object(), "items[" + std::to_string(i) + "].");
    Apply(v, companies[i], true);
    for (auto& e : v.errors())
      if (errors.size() <= Validator::kMaxErrors) errors.push_back(std::move(e));
    companies[i].id = NewId("com");
    companies[i].created_at = companies[i].updated_at = now;
  }
  if (!errors.empty()) throw Error::Invalid(std::move(errors));
  return db_.Write([&](Tx& tx) {
    json::array out;
    for (size_t i = 0; i < companies.size(); ++i) {
      CheckOwner(tx, companies[i], "items[" + std::to_string(i) + "].owner_id");
      CompanyStore::Insert(tx, companies[i]);
      json::object record = ToJson(companies[i]);
      AuditService::RecordCreate(tx, actor_id, "company", companies[i].id, record);
      out.push_back(std::move(record));
    }
    return out;
  });
}

json::object CompanyService::Update(const std::string& actor_id, const std::string& id, const json::object& patch,
                                    std::optional<int64_t> if_match) {
  return db_.Write([&](Tx& tx) {
    tx.LockKey("company:" + id);  // concurrent changes of one record queue up (PostgreSQL)
    auto current = CompanyStore::Get(tx, id);
    if (!current) throw Error::NotFound("No company has that id.");
    RequireVersion(current->version, if_match);
    Company c = *current;
    Validator v(patch);
    Apply(v, c, false);
    v.Finish();
    if (c.owner_id != current->owner_id) CheckOwner(tx, c, "owner_id");
    json::object before = ToJson(*current);
    if (ToJson(c) == before) return before;  // nothing changed: no new version
    c.updated_at = NowText();
    c.version = current->version + 1;
    CompanyStore::Update(tx, c);
    if (c.name != current->name)
      for (const auto& listener : rename_listeners_) listener(tx, c.id, c.name);
    json::object after = ToJson(c);
    AuditService::RecordUpdate(tx, actor_id, "company", c.id, before, after);
    return after;
  });
}

void CompanyService::Archive(const std::string& actor_id, const std::string& id, std::optional<int64_t> if_match) {
  db_.Write([&](Tx& tx) {
    tx.LockKey("company:" + id);
    auto c = CompanyStore::Get(tx, id);
    if (!c) throw Error::NotFound("No company has that id.");
    RequireVersion(c->version, if_match);
    if (c->archived_at) return;  // archiving twice changes nothing
    c->archived_at = c->updated_at = NowText();
    c->version += 1;
    CompanyStore::Update(tx, *c);
    AuditService::RecordArchive(tx, actor_id, "company", c->id, *c->archived_at);
  });
}

std::optional<std::string> CompanyService::NameOf(Tx& tx, const std::string& id) { return CompanyStore::Name(tx, id); }

}  // namespace hearth
